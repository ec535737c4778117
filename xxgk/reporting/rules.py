"""Who may enter figures, write paragraphs, edit the report and open dashboards (through xxgk.org.policy)."""

from __future__ import annotations

from xxgk.org import policy
from xxgk.org.models import Role
from xxgk.reporting.models import AnnualReport, Dashboard, ProcurementResult, SectionParagraph, YearlyFigure


def _department_entry(g: policy.Grants, action: str, obj) -> bool:
    admin = g.is_office_admin(obj.institution_id)
    if action == "view":
        return admin or g.is_supervisor or obj.institution_id in g.institution_ids
    if action in {"enter", "edit", "delete"}:
        if admin:
            return True
        dept = getattr(obj, "department", None)
        return dept is not None and Role.DRAFTER in g.department_roles(dept)
    return False


policy.register(YearlyFigure)(_department_entry)
policy.register(ProcurementResult)(_department_entry)
policy.register(SectionParagraph)(_department_entry)


@policy.register(AnnualReport)
def _report_rules(g: policy.Grants, action: str, report: AnnualReport) -> bool:
    admin = g.is_office_admin(report.institution_id)
    if action in {"view", "build"}:
        return admin or g.is_supervisor
    if action in {"edit", "finalise"}:
        return admin and report.state == "draft"
    if action == "create":
        return admin
    return False


@policy.register(Dashboard)
def _dashboard_rules(g: policy.Grants, action: str, dashboard: Dashboard) -> bool:
    if action != "view":
        return False
    if dashboard.institution is None:
        return g.is_supervisor
    return g.is_supervisor or g.is_office_admin(dashboard.institution.id)
