"""What an institution's export holds: every model is either exported, with the lookup that finds its rows
from the institution, or left out on purpose with the reason (`tests/transfer/test_every_model_is_placed.py`
fails on a model that is neither).

A reference from an exported row is written in the archive as one of:
- a row of an exported model: its primary key in the source deployment, which means nothing outside the
  archive (the importer gives every row a new key and rewrites every reference);
- a user: the username (`USER`); the archive lists those users without their password;
- a row of the deployment's national data (`NATIONAL`): its natural key, e.g. a 清单 item's number.
Primary keys written inside text or JSON (`EMBEDDED`) are written as {"$ref": label, "id": pk}.

Applications and letters keep the hash of their lookup secret (`secret_hash`, `password_hash`), on
purpose: without it a person could no longer follow an application or letter that moved with the
institution. The secrets are random (10 and 8 characters, about 50 and 40 bits) and hashed by Django's
password hasher, so a hash gives nothing usable; the archive is personal data in any case (names, ID
numbers, addresses) and is handled as such.
"""

from __future__ import annotations

from functools import cache
from graphlib import TopologicalSorter

from django.apps import apps
from django.conf import settings
from django.db import models

USER = settings.AUTH_USER_MODEL  # "auth.User": written as the username

# model label -> the lookup from a row to the institution that owns it
OWNED: dict[str, str] = {
    "org.Institution": "pk",
    "org.Department": "institution",
    "org.Membership": "institution",  # a department role names its department's institution too
    "workcalendar.InstitutionClosure": "institution",
    "core.AuditEvent": "institution",
    "notify.Message": "institution",
    "notify.MessageSetting": "institution",
    "notify.DepartmentRobot": "department__institution",
    "catalog.CatalogItem": "institution",
    "publishing.ReviewStep": "institution",
    "publishing.Channel": "institution",
    "publishing.Record": "institution",
    "publishing.RecordVersion": "record__institution",
    "publishing.RecordEvent": "record__institution",
    "publishing.Attachment": "record__institution",
    "publishing.AttachmentScreening": "attachment__record__institution",
    "publishing.ScreeningFinding": "record__institution",
    "publishing.Posting": "record__institution",
    "publishing.ChannelTally": "channel__institution",
    "publishing.IndexSequence": "institution",
    "foi.RuleSet": "institution",
    "foi.Application": "institution",
    "foi.ClockPause": "application__institution",
    "foi.ApplicationEvent": "application__institution",
    "foi.Reply": "application__institution",
    "foi.ReplyFile": "application__institution",
    "foi.Notice": "institution",
    "foi.DocumentSequence": "institution",
    "foi.LetterTemplate": "institution",
    "foi.NoticeTemplate": "institution",
    "foi.AlertLog": "institution",
    "oversight.Mailbox": "institution",
    "oversight.LetterSource": "institution",
    "oversight.Letter": "institution",
    "oversight.LetterAttachment": "letter__institution",
    "oversight.LetterEvent": "letter__institution",
    "oversight.LetterReply": "letter__institution",
    "oversight.Case": "institution",
    "oversight.Rating": "institution",
    "oversight.Survey": "institution",
    "oversight.RoundReminder": "institution",
    "reporting.YearlyFigure": "institution",
    "reporting.ProcurementResult": "institution",
    "reporting.SectionParagraph": "institution",
    "reporting.AnnualReport": "institution",
    "siteimport.ImportedPage": "institution",
}

# national data every deployment loads from the same files: referred to by natural key, never exported
NATIONAL: dict[str, tuple[str, ...]] = {
    "catalog.ChecklistCategory": ("number",),
    "catalog.ChecklistItem": ("number",),
    "foi.ReplyType": ("code",),
    "foi.ReplyReason": ("reply_type__code", "code"),
}

# left out on purpose, with the reason
EXCLUDED: dict[str, str] = {
    USER: "staff accounts belong to the deployment: the archive lists the users its rows name, by username, "
    "without password hashes; the importer matches them or creates them inactive",
    "auth.Group": "Django's permission groups (unused by xxgk's policy)",
    "auth.Permission": "Django's model permissions, made by migrate",
    "contenttypes.ContentType": "made by migrate",
    "sessions.Session": "people's sign-in sessions on this deployment",
    "admin.LogEntry": "the Django admin's log of the platform administrator (deployment-wide)",
    "axes.AccessAttempt": "login lockout counters of this deployment",
    "axes.AccessAttemptExpiration": "login lockout counters of this deployment",
    "axes.AccessFailureLog": "login lockout log of this deployment",
    "axes.AccessLog": "login log of this deployment",
    "core.FormUse": "one-time tokens of public forms, deployment-wide and short-lived",
    "accounts.IdentityLink": "sign-in links to this deployment's identity providers",
    "accounts.IdentityProvider": "this deployment's connections to campus identity providers (secrets stay in its environment)",
    "accounts.Invitation": "one-time set-password invitations of this deployment",
    "accounts.LoginEvent": "sign-in history of this deployment",
    "accounts.MappingRule": "identity-provider attribute rules, tied to this deployment's providers",
    "accounts.Person": "sign-in profile of this deployment's accounts",
    "django_cas_ng.ProxyGrantingTicket": "CAS tickets of this deployment's sessions",
    "django_cas_ng.SessionTicket": "CAS tickets of this deployment's sessions",
    "otp_static.StaticDevice": "second-factor devices: each person sets up their own on the new deployment",
    "otp_static.StaticToken": "second-factor recovery codes of this deployment",
    "otp_totp.TOTPDevice": "second-factor devices: each person sets up their own on the new deployment",
    "jobs.Job": "this deployment's background job queue",
    "siteimport.SiteUpload": "an uploaded copy of the old site, kept in this deployment's private folder only until "
    "it is imported; what it imported travels as records and imported pages",
    "jobs.JobFile": "files made by this deployment's background jobs",
    "jobs.ScheduleSlot": "this deployment's schedule bookkeeping",
    "publishing.PublishedTally": "a counter rebuilt from the imported records",
    "publishing.ItemListing": "the item pages' index of public records, rebuilt from the imported records",
    "api.ApiToken": "credentials of this deployment's API (each acts as its own service account): the office issues new ones",
    "api.ApiTokenUse": "the log of calls made with this deployment's API tokens",
    "workcalendar.CalendarOverride": "the deployment's official working-day calendar",
    "workcalendar.YearArrangement": "the deployment's official working-day calendar",
    "catalog.ChecklistCategory": "national 清单 (catalog/data), loaded by migration; named by number",
    "catalog.ChecklistItem": "national 清单 (catalog/data), loaded by migration; named by number",
    "foi.ReplyType": "national reply types (foi/data/reply_types.json); named by code",
    "foi.ReplyReason": "national reply reasons (foi/data/reply_types.json); named by reply type and code",
    "reporting.ReportSection": "the report's parts (reporting/data/report_sections.json), deployment-wide",
    "portal.SearchEntry": "the search index: rebuilt from the imported records",
    "oversight.OutsideInstitution": "the province supervisor's round: an institution not on the platform, deployment-wide",
    "oversight.OutsideReport": "the province supervisor's round: a report of an institution not on the platform",
    "portal.IndexMark": "how far this deployment's search index has read its event log",
}

# primary keys inside JSON: model -> field -> key path in the value -> the model they name
EMBEDDED: dict[str, dict[str, dict[str, str]]] = {
    "core.AuditEvent": {
        "data": {
            "record": "publishing.Record",
            "handlers": USER,
            "handlers_before": USER,
            "handlers_after": USER,
            "before.department": "org.Department",
            "after.department": "org.Department",
        }
    },
}
# other fields that name rows in text: `object_id` (with `object_type`, a class name), `about`
# ("foi.application:12") and `attachments` ([{"name", "path": storage name}]); see exporter/importer
TEXT_REFERENCES = {"core.AuditEvent": ("object_id",), "notify.Message": ("about", "attachments")}


def model(label: str) -> type[models.Model]:
    return apps.get_model(label)


def owned_models() -> list[type[models.Model]]:
    """The exported models, each after every model it refers to (the order rows are inserted in)."""
    return [model(label) for label in _order()]


@cache
def _order() -> tuple[str, ...]:
    graph: dict[str, set[str]] = {}
    for label in OWNED:
        targets = {
            f.related_model._meta.label
            for f in model(label)._meta.get_fields()
            if f.is_relation and f.concrete and f.related_model is not None
        }
        graph[label] = {t for t in targets if t in OWNED and t != label}
    return tuple(TopologicalSorter(graph).static_order())


def kind_of(field) -> str:
    """How a relation of an exported model is written: "owned", "user" or "national"."""
    target = field.related_model._meta.label
    if target in OWNED:
        return "owned"
    if target == USER:
        return "user"
    if target in NATIONAL:
        return "national"
    raise LookupError(f"{field.model._meta.label}.{field.name} refers to {target}, which is neither exported nor named")


def relations(m: type[models.Model]) -> list:
    """The concrete foreign keys and many-to-many fields of an exported model."""
    return [f for f in m._meta.get_fields() if f.is_relation and f.concrete and f.related_model is not None]


def file_fields(m: type[models.Model]) -> list[models.FileField]:
    return [f for f in m._meta.concrete_fields if isinstance(f, models.FileField)]


def class_names() -> dict[str, str]:
    """An audit event's `object_type` (a class name) -> the exported model's label, where the name is unique."""
    seen: dict[str, list[str]] = {}
    for m in apps.get_models():
        seen.setdefault(m.__name__, []).append(m._meta.label)
    return {name: labels[0] for name, labels in seen.items() if len(labels) == 1}
