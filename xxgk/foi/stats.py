"""The national table (国办公开办函〔2021〕30号 表三) for any period, counted from the applications themselves.

新收: received in the period. 上年结转: received before it and not closed before it.
办理结果: closed in the period, by outcome and reason. 结转下年: received by its end and not closed by then.
Balance per column: 新收 + 上年结转 = 总计 + 结转下年.
"""

from __future__ import annotations

import io
import statistics
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Q

from xxgk.core.numerals import cn_paren
from xxgk.foi.loader import ensure_reply_types
from xxgk.foi.models import ApplicantType, Application, OrgType, State
from xxgk.foi.reasons import national_groups, national_key

COLUMNS: list[tuple[str, str]] = [(ApplicantType.NATURAL.value, "自然人")] + [(c.value, str(c.label)) for c in OrgType]


@dataclass
class Row:
    key: str
    label: str
    level: int  # 0 part, 1 group, 2 reason
    counts: dict | None = None  # None for a heading row

    @property
    def total(self) -> int | None:
        return None if self.counts is None else sum(self.counts.values())

    def cells(self) -> list:
        if self.counts is None:
            return [""] * (len(COLUMNS) + 1)
        return [self.counts[c] for c, _ in COLUMNS] + [self.total]


@dataclass
class Table:
    institution: object
    start: date
    end: date
    rows: list[Row]
    balance: dict = field(default_factory=dict)  # column -> (left, right)
    on_time_rate: float | None = None
    median_days: float | None = None
    closed_count: int = 0
    fee_total: Decimal = Decimal("0")
    fee_count: int = 0

    @property
    def balanced(self) -> bool:
        return all(left == right for left, right in self.balance.values())

    def row(self, key: str) -> Row:
        return next(r for r in self.rows if r.key == key)

    @property
    def columns(self):
        return COLUMNS


def _zero() -> dict:
    return {c: 0 for c, _ in COLUMNS}


def _count(qs, institution_ids) -> dict[int, dict]:
    """institution id -> applications of `qs` by column (one query)."""
    counts = {pk: _zero() for pk in institution_ids}
    for institution_id, applicant_type, org_type in qs.values_list("institution_id", "applicant_type", "org_type"):
        column = ApplicantType.NATURAL.value if applicant_type == ApplicantType.NATURAL else (org_type or "other")
        counts[institution_id][column] += 1
    return counts


def national_table(institution, start: date, end: date) -> Table:
    return national_tables([institution], start, end)[institution.pk]


def national_tables(institutions, start: date, end: date) -> dict[int, Table]:
    """institution id -> its `national_table` (four queries however many institutions)."""
    if end < start:
        raise ValueError("end before start")
    ensure_reply_types()
    by_id = {institution.pk: institution for institution in institutions}
    apps = Application.objects.filter(institution__in=list(by_id))
    closed_before_start = Q(closed_on__lt=start)
    new = _count(apps.filter(received_on__gte=start, received_on__lte=end), by_id)
    carried_in = _count(apps.filter(received_on__lt=start).exclude(closed_before_start), by_id)
    closed = apps.filter(closed_on__gte=start, closed_on__lte=end).select_related("outcome_type", "outcome_reason")
    carried_out = _count(
        apps.filter(received_on__lte=end).filter(Q(closed_on__isnull=True) | Q(closed_on__gt=end)), by_id
    )
    closed_by: dict[int, list] = {pk: [] for pk in by_id}
    for app in closed:
        closed_by[app.institution_id].append(app)
    return {
        pk: _table(institution, start, end, new[pk], carried_in[pk], closed_by[pk], carried_out[pk])
        for pk, institution in by_id.items()
    }


def _table(institution, start: date, end: date, new, carried_in, closed_list, carried_out) -> Table:
    rows = [
        Row("new", "一、本年新收政府信息公开申请数量", 0, new),
        Row("carried_in", "二、上年结转政府信息公开申请数量", 0, carried_in),
        Row("results", "三、本年度办理结果", 0, None),
    ]
    outcome_counts: dict[str, dict] = {}
    for app in closed_list:
        # the national row comes from the reason's mapping; the reason itself is the 办法's ground
        group, sub = national_key(app.outcome_type, app.outcome_reason)
        column = app.column
        outcome_counts.setdefault(group, _zero())[column] += 1
        if sub:
            outcome_counts.setdefault(f"{group}:{sub}", _zero())[column] += 1
    groups = national_groups()
    total = _zero()
    for i, group in enumerate(groups):
        key = group["key"]
        label = f"{cn_paren(i + 1)}{group['label']}"
        counts = outcome_counts.get(key, _zero())
        for c in total:
            total[c] += counts[c]
        if group["rows"]:
            rows.append(Row(key, label, 1, None))
            for n, sub in enumerate(group["rows"], start=1):
                rows.append(
                    Row(
                        f"{key}:{sub['code']}",
                        f"{n}.{sub['label']}",
                        2,
                        outcome_counts.get(f"{key}:{sub['code']}", _zero()),
                    )
                )
        else:
            rows.append(Row(key, label, 1, counts))
    rows.append(Row("total", f"{cn_paren(len(groups) + 1)}总计", 1, total))
    rows.append(Row("carried_out", "四、结转下年度继续办理", 0, carried_out))

    balance = {c: (new[c] + carried_in[c], total[c] + carried_out[c]) for c, _ in COLUMNS}
    balance["total"] = (sum(new.values()) + sum(carried_in.values()), sum(total.values()) + sum(carried_out.values()))

    timed = [a.on_time for a in closed_list if a.on_time is not None]
    days = [a.working_days_taken for a in closed_list if a.state == State.CLOSED and a.working_days_taken is not None]
    fees = [a.fee for a in closed_list if a.fee]
    return Table(
        institution,
        start,
        end,
        rows,
        balance,
        on_time_rate=(sum(timed) / len(timed)) if timed else None,
        median_days=statistics.median(days) if days else None,
        closed_count=len(closed_list),
        fee_total=sum(fees, Decimal("0")),
        fee_count=len(fees),
    )


def days_with_data(institution) -> set[date]:
    """The days applications were received on or closed on (what a period picker offers; two queries)."""
    return days_with_data_of([institution])


def days_with_data_of(institutions) -> set[date]:
    """`days_with_data` of several institutions together (two queries however many)."""
    apps = Application.objects.filter(institution__in=institutions)
    return set(apps.dates("received_on", "day")) | set(apps.filter(closed_on__isnull=False).dates("closed_on", "day"))


def to_xlsx(table: Table) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = "收到和处理申请情况"
    ws.append(
        [f"{table.institution.name} 收到和处理信息公开申请情况（{table.start:%Y-%m-%d} 至 {table.end:%Y-%m-%d}）"]
    )
    ws["A1"].font = Font(bold=True, size=14)
    ws.append(["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"])
    ws.append(["", "申请人情况"])
    ws.append(["", "自然人", "法人或其他组织", "", "", "", "", "总计"])
    ws.append(["", "", *[label for c, label in COLUMNS[1:]], ""])
    for row in table.rows:
        ws.append([("　" * row.level) + row.label, *row.cells()])
    ws.append([])
    ws.append(
        [
            "勾稽关系（一+二 = 三（总计）+四）",
            *[
                "平衡"
                if table.balance[c][0] == table.balance[c][1]
                else f"不平衡 {table.balance[c][0]}≠{table.balance[c][1]}"
                for c in [*[c for c, _ in COLUMNS], "total"]
            ],
        ]
    )
    ws.append(["按期答复率", f"{table.on_time_rate:.1%}" if table.on_time_rate is not None else "—"])
    ws.append(["答复用时中位数（工作日）", table.median_days if table.median_days is not None else "—"])
    ws.append(["收费金额（元）", float(table.fee_total), "收费件数", table.fee_count])
    ws.column_dimensions["A"].width = 48
    for col in "BCDEFGH":
        ws.column_dimensions[col].width = 12
    for cells in ws.iter_rows(min_row=3):
        for cell in cells[1:]:
            cell.alignment = Alignment(horizontal="center")
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
