"""Named people for tests: one institution (two departments) plus a second institution."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model

from xxgk.org.models import Department, Role
from xxgk.org.services import create_institution, grant
from xxgk.publishing import services


@dataclass
class World:
    institution: object
    other_institution: object
    dept_a: object
    dept_b: object
    people: dict

    def __getattr__(self, name):
        try:
            return self.people[name]
        except KeyError:
            raise AttributeError(name) from None

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
    User = get_user_model()
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
    people = {}

    def person(name, role, **where):
        user = User.objects.create_user(name, password="pw-" + name, first_name=name)
        if role:
            grant(user, role, **where)
        people[name] = user

    person("drafter_a", Role.DRAFTER, department=dept_a)
    person("drafter_b", Role.DRAFTER, department=dept_b)
    person("checker_a", Role.CHECKER, department=dept_a)
    person("checker_b", Role.CHECKER, department=dept_b)
    person("secrecy", Role.SECRECY, institution=inst)
    person("signer", Role.SIGNER, institution=inst)
    person("office", Role.OFFICE_ADMIN, institution=inst)
    person("other_office", Role.OFFICE_ADMIN, institution=other)
    person("other_drafter", Role.DRAFTER, department=other_dept)
    person("supervisor", Role.SUPERVISOR)
    person("nobody", None)
    return World(inst, other, dept_a, dept_b, people)
