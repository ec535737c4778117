"""The Django admin cannot take the 保密审查 step out of a chain: unticking it or deleting it is refused
(the form says why, the last secrecy step has no delete button, a bulk delete leaves it), and a record with
an ID number, a mobile and 【机密】 still stops at that step."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from xxgk.publishing import services
from xxgk.publishing.models import ReviewStep

pytestmark = pytest.mark.django_db

SENSITIVE = "<p>【机密】张三，身份证号11010519491231002X，手机13812345678。</p>"


@pytest.fixture
def admin_client(client):
    client.force_login(get_user_model().objects.create_superuser("platform-admin", password="x"))
    return client


def secrecy_step(institution) -> ReviewStep:
    return ReviewStep.objects.get(institution=institution, is_secrecy_review=True)


def form_data(step: ReviewStep, **changes) -> dict:
    data = {
        "institution": step.institution_id,
        "order": step.order,
        "key": step.key,
        "name": step.name,
        "role": step.role,
    }
    if step.is_secrecy_review:
        data["is_secrecy_review"] = "on"
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_unticking_the_only_secrecy_step_is_refused_by_the_form(admin_client, institution):
    step = secrecy_step(institution)

    response = admin_client.post(
        f"/admin/publishing/reviewstep/{step.pk}/change/", form_data(step, is_secrecy_review=None)
    )

    assert response.status_code == 200  # the form again, with its error
    assert "审核链至少须有一个保密审查环节" in response.content.decode()
    step.refresh_from_db()
    assert step.is_secrecy_review is True


def test_a_second_secrecy_step_lets_the_first_be_unticked(admin_client, institution):
    step = secrecy_step(institution)
    ReviewStep.objects.create(
        institution=institution, order=9, key="secrecy2", name="二次保密审查", role="secrecy", is_secrecy_review=True
    )

    response = admin_client.post(
        f"/admin/publishing/reviewstep/{step.pk}/change/", form_data(step, is_secrecy_review=None)
    )

    assert response.status_code == 302
    step.refresh_from_db()
    assert step.is_secrecy_review is False


def test_adding_a_step_to_an_empty_chain_must_be_a_secrecy_step(admin_client, other_institution):
    ReviewStep.objects.filter(institution=other_institution).delete()
    data = {"institution": other_institution.pk, "order": 1, "key": "check", "name": "核稿", "role": "checker"}

    refused = admin_client.post("/admin/publishing/reviewstep/add/", data)
    accepted = admin_client.post("/admin/publishing/reviewstep/add/", {**data, "is_secrecy_review": "on"})

    assert refused.status_code == 200 and "审核链至少须有一个保密审查环节" in refused.content.decode()
    assert accepted.status_code == 302
    assert list(ReviewStep.objects.filter(institution=other_institution).values_list("key", "is_secrecy_review")) == [
        ("check", True)
    ]


def test_the_last_secrecy_step_cannot_be_deleted(admin_client, institution):
    step = secrecy_step(institution)

    page = admin_client.get(f"/admin/publishing/reviewstep/{step.pk}/delete/")
    posted = admin_client.post(f"/admin/publishing/reviewstep/{step.pk}/delete/", {"post": "yes"})

    assert page.status_code == 403
    assert posted.status_code == 403
    assert ReviewStep.objects.filter(pk=step.pk).exists()


def test_a_bulk_delete_of_the_whole_chain_is_forbidden(admin_client, institution):
    steps = list(ReviewStep.objects.filter(institution=institution).values_list("pk", flat=True))

    response = admin_client.post(
        "/admin/publishing/reviewstep/", {"action": "delete_selected", "_selected_action": steps, "post": "yes"}
    )

    assert response.status_code == 403
    assert sorted(ReviewStep.objects.filter(institution=institution).values_list("pk", flat=True)) == sorted(steps)


def test_a_bulk_delete_of_both_secrecy_steps_keeps_them(admin_client, institution):
    second = ReviewStep.objects.create(
        institution=institution, order=9, key="secrecy2", name="二次保密审查", role="secrecy", is_secrecy_review=True
    )
    both = [
        secrecy_step_pk
        for secrecy_step_pk in (ReviewStep.objects.get(institution=institution, key="secrecy").pk, second.pk)
    ]

    response = admin_client.post(
        "/admin/publishing/reviewstep/",
        {"action": "delete_selected", "_selected_action": both, "post": "yes"},
        follow=True,
    )

    page = response.content.decode()
    assert "审核链至少须有一个保密审查环节" in page
    assert "Successfully deleted" not in page and "成功删除" not in page
    assert ReviewStep.objects.filter(institution=institution, is_secrecy_review=True).count() == 2


def test_after_a_refused_untick_the_sensitive_record_still_stops_at_secrecy_review(
    admin_client, institution, new_draft, drafter, checker, secrecy
):
    step = secrecy_step(institution)
    admin_client.post(f"/admin/publishing/reviewstep/{step.pk}/change/", form_data(step, is_secrecy_review=None))
    record = services.approve(checker, services.submit(drafter, new_draft(body=SENSITIVE)))
    assert record.step.name == "保密审查"

    with pytest.raises(services.ValidationError) as refused:
        services.approve(secrecy, record)

    assert "身份证" in " ".join(refused.value.messages) or "手机" in " ".join(refused.value.messages)
    record.refresh_from_db()
    assert (record.state, record.step.name, record.is_public) == ("in_review", "保密审查", False)
