"""holders(action, obj): who may do it, decided by the same rule as can() (e-mail recipients ask this)."""

from __future__ import annotations

from xxgk.org.policy import holders


def test_the_office_administrators_manage_their_institution(world):
    assert holders("manage", world.institution) == [world.office]
    assert holders("manage", world.other_institution) == [world.other_office]


def test_holders_of_a_department_desk(world):
    names = {u.username for u in holders("draft", world.dept_a)}
    assert names == {"drafter_a", "office"}


def test_holders_costs_two_queries_whatever_the_number_of_people(world, django_assert_num_queries):
    with django_assert_num_queries(2):
        holders("view_staff", world.institution)
