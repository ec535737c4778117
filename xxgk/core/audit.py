"""Writing an audit event (call inside the service function's transaction)."""

from __future__ import annotations

from xxgk.core.models import AuditEvent


def audit(actor, action: str, obj, summary: str, *, institution=None, **data) -> AuditEvent:
    return AuditEvent.objects.create(
        institution=institution, actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action, object_type=type(obj).__name__, object_id=str(getattr(obj, "pk", "") or ""),
        summary=summary, data=data,
    )
