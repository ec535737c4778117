"""Writing an audit event (call inside the service function's transaction)."""

from __future__ import annotations

from xxgk.core.models import AuditEvent


def audit(actor, action: str, obj, summary: str, *, institution=None, **data) -> AuditEvent:
    """Record a staff action on `obj`; the institution is the one given, else the object's own (if it has one).
    An action on an institution itself names it as `institution`."""
    institution_id = institution.pk if institution is not None else getattr(obj, "institution_id", None)
    return AuditEvent.objects.create(
        institution_id=institution_id,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        object_type=type(obj).__name__,
        object_id=str(getattr(obj, "pk", "") or ""),
        summary=summary,
        data=data,
    )
