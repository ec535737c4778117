"""The people every test package works with: one institution (two departments) plus a second institution.

`build_world()` makes them (the `world` fixture in tests/conftest.py calls it); `world.person()` adds
someone, `world.add_logistics()` the 后勤管理处 with its drafter and head that letters are routed to.
Everyone's password is "pw-" + username.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth import get_user_model

from xxgk.catalog.loader import load_checklist
from xxgk.catalog.models import ChecklistItem
from xxgk.org.models import Department, Role
from xxgk.org.services import create_institution, grant
from xxgk.publishing import services


@dataclass
class World:
    institution: object
    other_institution: object
    dept_a: object
    dept_b: object
    people: dict = field(default_factory=dict)
    hq: object = None

    def __getattr__(self, name):
        try:
            return self.__dict__["people"][name]
        except KeyError:
            raise AttributeError(name) from None

    def person(self, name: str, role=None, **where):
        """A user called `name` (password "pw-" + name), holding `role` where given; kept as world.<name>."""
        user = get_user_model().objects.create_user(name, password="pw-" + name, first_name=name)
        if role:
            grant(user, role, **where)
        self.people[name] = user
        return user

    def add_logistics(self):
        """后勤管理处 (world.hq) with hq_drafter (信息员) and hq_head (签发人)."""
        self.hq = Department.objects.create(institution=self.institution, name="后勤管理处", code="hqc")
        self.person("hq_drafter", Role.DRAFTER, department=self.hq)
        self.person("hq_head", Role.SIGNER, department=self.hq)
        return self.hq

    def through_chain(self, record):
        """Take a submitted record through every review step to publication."""
        services.approve(self.checker_a, record)
        services.approve(self.secrecy, record)
        services.approve(self.signer, record)
        services.publish(self.signer, record)
        return record

    def draft(self, title="关于开展2024年校园安全隐患排查的通知", **extra):
        data = {"title": title, "formed_on": date(2024, 3, 1), "body": "<p>各单位：请于本月底前完成自查。</p>", **extra}
        return services.create_draft(self.drafter_a, self.dept_a, data)


def build_world() -> World:
    if not ChecklistItem.objects.exists():  # loaded by a data migration, but a transactional test flushes it
        load_checklist()
    inst = create_institution(
        name="海滨理工大学",
        short_name="海滨理工",
        code="HBLG",
        slug="hblg",
        phone="0898-66660000",
        email="xxgk@hblg.edu.cn",
    )
    other = create_institution(name="山城师范学院", short_name="山城师院", code="SCSF", slug="scsf")
    dept_a = Department.objects.create(institution=inst, name="党委宣传部", code="xcb")
    dept_b = Department.objects.create(institution=inst, name="学生工作处", code="xgc")
    other_dept = Department.objects.create(institution=other, name="党政办公室", code="dzb", is_office=True)
    world = World(inst, other, dept_a, dept_b)

    world.person("drafter_a", Role.DRAFTER, department=dept_a)
    world.person("drafter_b", Role.DRAFTER, department=dept_b)
    world.person("checker_a", Role.CHECKER, department=dept_a)
    world.person("checker_b", Role.CHECKER, department=dept_b)
    world.person("secrecy", Role.SECRECY, institution=inst)
    world.person("signer", Role.SIGNER, institution=inst)
    world.person("office", Role.OFFICE_ADMIN, institution=inst)
    world.person("other_office", Role.OFFICE_ADMIN, institution=other)
    world.person("other_drafter", Role.DRAFTER, department=other_dept)
    world.person("supervisor", Role.SUPERVISOR)
    world.person("nobody")
    return world
