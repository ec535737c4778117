"""Who may enter figures, write paragraphs and edit the report (registered with xxgk.org.policy).

Who may open an institution's dashboards is the institution's "view_office" action (xxgk.org.rules);
the summary across every institution is the deployment's "supervise" action (xxgk.org.policy)."""

from __future__ import annotations

from django.db.models import Q

from xxgk.org.models import Role
from xxgk.org.policy import Grants, Rule, register
from xxgk.reporting.models import AnnualReport, ProcurementResult, ReportState, SectionParagraph, YearlyFigure


class DepartmentEntryRule(Rule):
    """A figure, procurement result or paragraph: the office enters any; a department's 信息员
    enters its department's; everyone in the institution (and 督查) reads them."""

    actions = frozenset({"view", "enter", "edit", "delete"})

    def test(self, g: Grants, action: str, obj) -> bool:
        admin = g.is_office_admin(obj.institution_id)
        if action == "view":
            return admin or g.is_supervisor or obj.institution_id in g.institution_ids
        return admin or Role.DRAFTER in g.department_roles(obj.department)

    def scope(self, g: Grants, action: str) -> Q:
        if action == "view":
            return Q() if g.is_supervisor else g.institution_q()
        return g.office_q() | g.department_q(Role.DRAFTER)


for model in (YearlyFigure, ProcurementResult, SectionParagraph):
    register(model)(DepartmentEntryRule)


@register(AnnualReport)
class AnnualReportRule(Rule):
    actions = frozenset({"view", "build", "edit", "finalise", "create"})

    def test(self, g: Grants, action: str, report: AnnualReport) -> bool:
        admin = g.is_office_admin(report.institution_id)
        if action in {"view", "build"}:
            return admin or g.is_supervisor
        if action in {"edit", "finalise"}:
            return admin and report.state == ReportState.DRAFT
        return admin

    def scope(self, g: Grants, action: str) -> Q:
        if action in {"view", "build"}:
            return Q() if g.is_supervisor else g.office_q()
        if action in {"edit", "finalise"}:
            return g.office_q() & Q(state=ReportState.DRAFT)
        return g.office_q()
