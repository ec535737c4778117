"""The office sets each box's handlers, deadline, extension and public-reply rules through the service:
defaults from data/rules.json, checked values, an audit entry with before and after, office only."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from xxgk.core.models import AuditEvent
from xxgk.oversight import services
from xxgk.oversight.models import Mailbox, MailboxKind
from xxgk.oversight.rules_data import rules


def test_a_new_box_takes_the_data_files_defaults(world):
    box = world.president_box
    defaults = rules()["mailbox_defaults"]
    assert defaults == {
        "deadline_days": 5,
        "extension_allowed": True,
        "extension_days": 5,
        "public_replies": True,
        "public_reply_needs_consent": True,
    }
    assert (box.deadline_days, box.extension_allowed, box.extension_days) == (5, True, 5)
    assert box.public_replies and box.public_reply_needs_consent
    created = AuditEvent.objects.get(action="mailbox_created", object_id=str(box.pk))
    assert created.actor == world.office and created.institution_id == world.institution.pk


def test_the_office_changes_the_settings_with_an_audit_entry(world):
    box = services.update_mailbox(
        world.office,
        world.president_box,
        {"deadline_days": 7, "extension_days": 3, "public_reply_needs_consent": False, "department": world.hq},
        handlers=[world.hq_drafter, world.signer],
    )
    stored = Mailbox.objects.get(pk=box.pk)
    assert (stored.deadline_days, stored.extension_days, stored.public_reply_needs_consent) == (7, 3, False)
    assert stored.department == world.hq and stored.revision == 1
    assert set(stored.handlers.all()) == {world.hq_drafter, world.signer}
    entry = AuditEvent.objects.get(action="mailbox_updated", object_id=str(box.pk))
    assert entry.actor == world.office
    assert entry.data["before"] == {
        "deadline_days": 5,
        "extension_days": 5,
        "public_reply_needs_consent": True,
        "department": None,
    }
    assert entry.data["after"] == {
        "deadline_days": 7,
        "extension_days": 3,
        "public_reply_needs_consent": False,
        "department": world.hq.pk,
    }
    assert entry.data["handlers_before"] == [] and entry.data["handlers_after"] == sorted(
        [world.hq_drafter.pk, world.signer.pk]
    )


def test_nothing_changed_writes_nothing(world):
    services.update_mailbox(world.office, world.president_box, {"deadline_days": 5}, handlers=[])
    assert not AuditEvent.objects.filter(action="mailbox_updated").exists()


def test_clearing_the_department(world):
    box = services.update_mailbox(world.office, world.dept_box, {"department": None})
    assert Mailbox.objects.get(pk=box.pk).department is None


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"deadline_days": 0}, "deadline_days"),
        ({"deadline_days": 61}, "deadline_days"),
        ({"extension_days": 0}, "extension_days"),
        ({"name": " "}, "name"),
        ({"name": "学生工作处意见信箱"}, "name"),  # the other box's name
        ({"kind": "nope"}, "kind"),
    ],
)
def test_bad_values_are_refused(world, changes, field):
    with pytest.raises(ValidationError) as exc:
        services.update_mailbox(world.office, world.president_box, changes)
    assert field in exc.value.message_dict
    assert Mailbox.objects.get(pk=world.president_box.pk).revision == 0


def test_handlers_and_department_must_be_the_institutions(world):
    with pytest.raises(ValidationError) as exc:
        services.update_mailbox(world.office, world.president_box, {}, handlers=[world.other_drafter])
    assert "handlers" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.update_mailbox(world.office, world.president_box, {}, handlers=[world.nobody])
    assert "handlers" in exc.value.message_dict
    other_dept = world.other_institution.departments.first()
    with pytest.raises(ValidationError) as exc:
        services.update_mailbox(world.office, world.president_box, {"department": other_dept})
    assert "department" in exc.value.message_dict


@pytest.mark.parametrize("who", ["hq_drafter", "signer", "other_office", "supervisor", "nobody"])
def test_only_the_institutions_office_may_change_a_box(world, who):
    services.update_mailbox(world.office, world.president_box, {}, handlers=[world.hq_drafter])
    with pytest.raises(PermissionDenied):
        services.update_mailbox(getattr(world, who), world.president_box, {"deadline_days": 9})
    with pytest.raises(PermissionDenied):
        services.create_mailbox(getattr(world, who), world.institution, name="新信箱", kind=MailboxKind.SUGGESTION)
    assert Mailbox.objects.get(pk=world.president_box.pk).deadline_days == 5


def test_an_edit_from_a_stale_page_is_a_conflict(world):
    services.update_mailbox(world.office, world.president_box, {"deadline_days": 6})
    with pytest.raises(services.Conflict):
        services.update_mailbox(world.office, world.president_box, {"deadline_days": 8}, expected_revision=0)
    assert Mailbox.objects.get(pk=world.president_box.pk).deadline_days == 6


def test_a_name_that_is_no_setting_is_an_error_not_ignored(world):
    with pytest.raises(TypeError, match="max_extended_days"):
        services.update_mailbox(world.office, world.president_box, {"max_extended_days": 10})
