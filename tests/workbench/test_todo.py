"""我的待办: each record waits for whoever may take its next step, and for nobody else."""

from __future__ import annotations

import pytest
from django.urls import reverse

from xxgk.publishing import services

# title -> the people it waits for (written out by hand)
WAITS_FOR = {
    "草稿": set(),
    "待核稿": {"checker_a"},
    "待保密审查": {"secrecy"},
    "待审签": {"signer"},
    "待发布": {"signer", "office"},
    "已退回": {"drafter_a"},
    "已发布": set(),
}


@pytest.fixture
def records(world):
    def submitted(title, *approvers):
        record = world.draft(title=title)
        services.submit(world.drafter_a, record)
        for who in approvers:
            services.approve(who, record)
        return record

    world.draft(title="草稿")
    submitted("待核稿")
    submitted("待保密审查", world.checker_a)
    submitted("待审签", world.checker_a, world.secrecy)
    submitted("待发布", world.checker_a, world.secrecy, world.signer)
    services.publish(world.signer, submitted("已发布", world.checker_a, world.secrecy, world.signer))
    services.return_for_changes(world.checker_a, submitted("已退回"), comment="请补充落款日期。")


@pytest.mark.parametrize(
    "person",
    ["drafter_a", "drafter_b", "checker_a", "checker_b", "secrecy", "signer", "office", "other_office", "supervisor"],
)
def test_todo_lists_what_waits_for_the_person(client, world, records, person):
    client.force_login(world.people[person])
    response = client.get(reverse("workbench:todo"))
    titles = {t.title for t in response.context["tasks"] if t.kind == "信息发布"}
    assert titles == {title for title, who in WAITS_FOR.items() if person in who}
