"""The areas of 二、主动公开情况 (（一）媒体 …（N）就业), one builder per area in `AREAS`.

An area is numbered only when it is written: media and the 清单 always, procurement when there are
results or text, the others when a department entered something or the 2018 notice asks for the area.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from xxgk.core.numerals import cn_number
from xxgk.reporting import stats
from xxgk.reporting.annual.context import ReportContext
from xxgk.reporting.annual.document import Block, Link, Section
from xxgk.reporting.annual.formatting import wan
from xxgk.reporting.models import ProcurementKind, ReportSection

KIND_ORDER = [ProcurementKind.GOODS, ProcurementKind.SERVICES, ProcurementKind.WORKS]
KIND_SENTENCE = {
    ProcurementKind.GOODS: "货物采购项目",
    ProcurementKind.SERVICES: "服务项目",
    ProcurementKind.WORKS: "工程项目",
}


def _unit(ctx: ReportContext, channel) -> str:
    """条, 篇 … for a channel's count: the unit its tally's note names, else the channel kind's."""
    note = ctx.notes.get(channel.channel_id, "")
    for u in ("张", "次"):
        if f"（{u}）" in note:
            return u
    units = ctx.rules["units_by_channel_kind"]
    return units.get(channel.kind, units["default"])


def channels(ctx: ReportContext, s: Section, area: ReportSection) -> None:
    ctx.add_narrative(s)
    site = stats.website_channels(ctx.channels)
    total = sum(c.count for c in site)
    ctx.computed["website_total"] = total
    if total:
        s.p(
            f"{ctx.period_text}，通过学校官网各栏目共发布信息{total}条，其中"
            + "，".join(f"“{c.name}”{c.count}条" for c in site if c.count)
            + "。"
        )
    elif site:
        s.p(f"{ctx.period_text}，学校官网各栏目未发布信息。")
    others = [c for c in ctx.channels if c not in site and c.count]
    if others:
        s.p("通过" + "，".join(f"{c.name}发布信息{c.count}{_unit(ctx, c)}" for c in others) + "。")
    s.blocks.append(
        Block(
            "table",
            caption="各发布渠道发布数量",
            header=["渠道", "类型", "主管部门", "发布数量"],
            rows=[[c.name, c.kind_label, c.department or "—", c.count] for c in ctx.channels],
        )
    )


def checklist(ctx: ReportContext, s: Section, area: ReportSection) -> None:
    ctx.add_narrative(s)
    summary = ctx.summary
    s.p(
        f"学校对照《高等学校信息公开事项清单》10类{summary['items']}项设置信息公开专栏，逐项公开。{ctx.period_word}有新公开信息的事项"
        f"{summary['current']}项，往年已公开、{ctx.period_word}无更新的{summary['stale']}项，尚无公开信息的{summary['empty']}项；"
        f"学校自设事项{summary['own']}项，{ctx.period_word}有新公开信息的{summary['own_current']}项。逐项情况及栏目链接见附表。"
    )
    cats: dict[int, list] = OrderedDict()
    for i in ctx.coverage:
        cats.setdefault(i.category_number, []).append(i)
    rows = []
    for number, items in cats.items():
        catalog = stats.portal_url("catalog", slug=ctx.institution.slug)
        url = f"{catalog}#cat-{number}" if catalog else ""
        rows.append(
            [
                items[0].category,
                len(items),
                sum(1 for i in items if i.status == stats.CURRENT),
                sum(i.count for i in items),
                Link(url or "—", url),
            ]
        )
    s.blocks.append(
        Block(
            "table",
            caption="清单各类事项公开情况",
            header=["类别", "事项数", f"{ctx.period_word}已公开事项", f"{ctx.period_word}公开信息（条）", "栏目链接"],
            widths=[3, 1.2, 1.5, 1.5, 4],
            rows=rows,
        )
    )


def procurement(ctx: ReportContext, s: Section, area: ReportSection) -> None:
    ctx.add_narrative(s)
    by_kind = OrderedDict((k, [0, Decimal("0")]) for k in KIND_ORDER)
    for kind, amount in ctx.procurement:
        by_kind[kind][0] += 1
        by_kind[kind][1] += amount
    total = sum(v[0] for v in by_kind.values())
    ctx.computed["procurement"] = {k: (v[0], v[1]) for k, v in by_kind.items()}
    if total:
        s.p(
            f"{ctx.period_text}完成各类集中采购项目{total}个，其中"
            + "；".join(f"{KIND_SENTENCE[k]}{v[0]}个，成交金额{wan(v[1])}万元" for k, v in by_kind.items() if v[0])
            + "。"
        )
        s.blocks.append(
            Block(
                "table",
                caption="采购项目成交情况",
                header=["类型", "项目数", "成交金额（万元）"],
                rows=[[str(ProcurementKind(k).label), v[0], wan(v[1])] for k, v in by_kind.items()]
                + [["合计", total, wan(sum((v[1] for v in by_kind.values()), Decimal("0")))]],
            )
        )
    ctx.add_figures(s)


def entered(ctx: ReportContext, s: Section, area: ReportSection) -> None:
    """Any other area: what the departments wrote, the 清单 category's count, the figures they entered."""
    ctx.add_narrative(s)
    if area.category:
        cat = [i for i in ctx.coverage if i.category_number == area.category and not i.is_own]
        if cat:
            s.p(
                f"{ctx.period_word}在信息公开专栏“{cat[0].category}”类{len(cat)}项事项下公开信息"
                f"{sum(i.count for i in cat)}条，其中有新公开信息的事项"
                f"{sum(1 for i in cat if i.status == stats.CURRENT)}项。"
            )
    ctx.add_figures(s)


@dataclass(frozen=True)
class Area:
    build: Callable[[ReportContext, Section, ReportSection], None]
    written: Callable[[ReportContext, ReportSection], bool]


def _always(ctx: ReportContext, area: ReportSection) -> bool:
    return True


def _has_procurement(ctx: ReportContext, area: ReportSection) -> bool:
    return bool(ctx.procurement) or ctx.has_text(area.key)


def _has_entries(ctx: ReportContext, area: ReportSection) -> bool:
    return bool(ctx.figures.get(area.key)) or ctx.has_text(area.key) or area.key_area


AREAS: dict[str, Area] = {
    "channels": Area(channels, _always),
    "checklist": Area(checklist, _always),
    "procurement": Area(procurement, _has_procurement),
}
OTHER_AREA = Area(entered, _has_entries)


def add_areas(ctx: ReportContext, sec: Section) -> None:
    """The written areas as numbered subsections of `sec`."""
    n = 0
    for area in ctx.areas:
        spec = AREAS.get(area.key, OTHER_AREA)
        if not spec.written(ctx, area):
            continue
        s = Section(area.key, cn_number(n + 1), area.title, 2)
        n += 1
        sec.subsections.append(s)
        spec.build(ctx, s, area)
