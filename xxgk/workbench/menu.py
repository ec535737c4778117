"""The staff menu: the pages a person can use, in four groups; a page they would be refused is not shown.

Each entry names the policy question that decides it (asked once per request, lazily), so the menu and
the pages agree; tests/workbench/test_menu_by_role.py opens every entry each demo role is shown."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from xxgk.org.models import Department, Institution
from xxgk.org.policy import allowed, can


class Access:
    """What one person may open, each answer computed on first use."""

    def __init__(self, user):
        self.user = user

    @cached_property
    def staff(self) -> bool:
        return can(self.user, "workbench")

    @cached_property
    def drafts(self) -> bool:  # writes records or yearly figures for some department
        return allowed(self.user, "draft", Department).exists()

    @cached_property
    def office(self) -> bool:  # runs an institution's settings
        return allowed(self.user, "manage", Institution).exists()

    @cached_property
    def office_view(self) -> bool:  # reads an institution's figures and cases (the office, 督查)
        return allowed(self.user, "view_office", Institution).exists()

    @cached_property
    def supervise(self) -> bool:
        return can(self.user, "supervise")

    @cached_property
    def review_round(self) -> bool:  # the province's yearly round of annual reports (督查, platform administrator)
        return can(self.user, "review_round")

    @cached_property
    def calendar(self) -> bool:  # the working-day page: the deployment's calendar, or the institution's closures
        return self.office or can(self.user, "edit_calendar")


@dataclass(frozen=True)
class Entry:
    label: str
    url_name: str
    tabs: tuple[str, ...]  # the `tab` values of the pages this entry stands for
    need: str  # the Access attribute that must be true


GROUPS: list[tuple[str, list[Entry]]] = [
    (
        _("工作"),
        [
            Entry(_("我的待办"), "workbench:todo", ("todo",), "staff"),
            Entry(_("拟稿"), "workbench:new", ("new",), "drafts"),
            Entry(_("我的草稿"), "workbench:drafts", ("drafts",), "drafts"),
            Entry(_("全部信息"), "workbench:records", ("records",), "staff"),
        ],
    ),
    (
        _("依申请公开与来信"),
        [
            Entry(_("依申请公开"), "foi_staff:list", ("foi",), "staff"),
            Entry(_("来信办理"), "oversight_staff:letters", ("oversight",), "staff"),
        ],
    ),
    (
        _("统计与报告"),
        [
            Entry(_("统计看板"), "reporting_staff:dashboard", ("reporting",), "office_view"),
            Entry(_("年度数据"), "reporting_staff:figures", ("figures", "procurement", "paragraphs"), "drafts"),
            Entry(_("年度报告"), "reporting_staff:report", ("report",), "office_view"),
            Entry(_("各校汇总"), "reporting_staff:supervisor", ("supervisor",), "supervise"),
            Entry(_("年报督查"), "reporting_staff:round", ("round",), "review_round"),
            Entry(_("年报检查"), "workbench:report_check", ("reportcheck",), "staff"),
        ],
    ),
    (
        _("设置"),
        [
            Entry(_("目录管理"), "workbench:catalog", ("catalog",), "office"),
            Entry(_("发布渠道"), "workbench:channels", ("channels",), "office"),
            Entry(_("学校设置"), "workbench:settings", ("settings",), "office"),
            Entry(_("旧网站体检"), "siteimport_staff:report", ("siteimport",), "office"),
            Entry(_("接口令牌"), "api_staff:tokens", ("api_tokens",), "office"),
            Entry(_("人员"), "accounts_staff:people", ("people",), "office"),
            Entry(_("工作日"), "workbench:calendar", ("calendar",), "calendar"),
            Entry(_("学校"), "workbench:institutions", ("institutions",), "staff"),
        ],
    ),
]


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    current: bool
    name: str


def menu_for(access: Access, tab: str) -> list[tuple[str, list[Link]]]:
    """The groups with the entries `access` allows; a group with none is left out."""
    groups = []
    for label, entries in GROUPS:
        links = [
            Link(str(e.label), reverse(e.url_name), tab in e.tabs, e.url_name)
            for e in entries
            if getattr(access, e.need)
        ]
        if links:
            groups.append((str(label), links))
    return groups


def access_of(request) -> Access:
    """The signed-in person's Access, one per request."""
    access = getattr(request, "_xxgk_access", None)
    if access is None:
        access = request._xxgk_access = Access(request.user)
    return access
