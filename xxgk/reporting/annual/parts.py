"""One builder per part of the report (一、概述 … 附表), selected by the part's key in `PARTS`.

A builder fills the part's section from the context; a part without a builder of its own (a part the
office added) gets its narrative only.
"""

from __future__ import annotations

from collections.abc import Callable

from xxgk.foi.stats import COLUMNS as APPLICATION_COLUMNS
from xxgk.oversight.stats import COLUMN_LABELS, TABLE_GROUPS
from xxgk.reporting.annual.areas import add_areas
from xxgk.reporting.annual.context import ReportContext
from xxgk.reporting.annual.document import Block, HeaderCell, Link, Section
from xxgk.reporting.annual.formatting import cn_date, num, pct
from xxgk.reporting.models import ReportSection

PartBuilder = Callable[[ReportContext, Section, ReportSection], None]


def overview(ctx: ReportContext, sec: Section, part: ReportSection) -> None:
    ctx.add_narrative(sec, part.default_text)
    timely, summary = ctx.timeliness, ctx.summary
    checklist = f"对照《高等学校信息公开事项清单》{summary['items']}项，" + (
        f"{ctx.period_word}有新公开信息的事项{summary['current']}项。"
        if summary["current"]
        else f"{ctx.period_word}没有新公开信息的事项。"
    )
    if timely.total.total:
        sec.p(
            f"{ctx.period_label}，学校通过信息公开平台主动公开信息{timely.total.total}条，其中在信息形成之日起"
            f"{timely.limit}个工作日内公开{timely.total.on_time}条，及时公开率{pct(timely.total.rate)}；{checklist}"
        )
    else:
        sec.p(f"{ctx.period_label}，学校未通过信息公开平台主动公开信息；{checklist}")


def proactive(ctx: ReportContext, sec: Section, part: ReportSection) -> None:
    ctx.add_narrative(sec, part.default_text)
    add_areas(ctx, sec)


def on_request(ctx: ReportContext, sec: Section, part: ReportSection) -> None:
    ctx.add_narrative(sec)
    a = ctx.applications
    ctx.computed["applications"] = a
    received = a.new + a.carried_in
    if not received:
        sec.p(f"{ctx.period_label}，学校未收到信息公开申请。")
    else:
        results = [r for r in a.table.rows if r.level == 1 and r.key != "total"]
        totals = []
        for r in results:
            count = (
                r.total
                if r.counts is not None
                else sum(x.total for x in a.table.rows if x.level == 2 and x.key.startswith(f"{r.key}:"))
            )
            if count:
                totals.append(f"{r.label.split('）', 1)[-1]}{count}件")
        sec.p(
            f"{ctx.period_label}，学校新收信息公开申请{a.new}件，上年结转{a.carried_in}件；办结{a.closed}件"
            + (("，其中" + "，".join(totals)) if totals else "")
            + f"；结转下年度继续办理{a.carried_out}件。"
        )
        if a.closed:
            sec.p(
                f"按期答复率{pct(a.on_time_rate * 100 if a.on_time_rate is not None else None)}"
                + (f"，答复用时中位数{num(a.median_days)}个工作日。" if a.median_days is not None else "。")
            )
    if a.fee_count:
        sec.p(f"依申请公开收取检索、复制、邮寄等费用{a.fee_count}件，共{num(a.fee_total)}元；其余申请未收取费用。")
    else:
        sec.p("学校依申请提供信息均未收取费用，不涉及费用减免。")
    sec.blocks.append(application_table(ctx.rules["tables"]["applications"], a.table))


def application_table(spec: dict, table) -> Block:
    """表三 as the national format lays it out: the two-level applicant header (申请人情况 / 自然人 /
    法人或其他组织 and its five kinds / 总计) under the balance note, row (二)'s note, and the balance
    checked under the table."""
    organisations = [label for _, label in APPLICATION_COLUMNS[1:]]
    header_rows = [
        [HeaderCell(spec["corner"], rowspan=3), HeaderCell(spec["applicants"], colspan=len(APPLICATION_COLUMNS) + 1)],
        [
            HeaderCell(spec["natural"], rowspan=2),
            HeaderCell(spec["organisations"], colspan=len(organisations)),
            HeaderCell(spec["total"], rowspan=2),
        ],
        [HeaderCell(label) for label in organisations],
    ]
    notes = spec["row_notes"]

    def label(r) -> str:  # the national table's own label may already carry the row's note
        note = notes.get(r.key, "")
        return r.label if r.label.endswith(note) else r.label + note

    rows = [[("　" * r.level) + label(r), *r.cells()] for r in table.rows]
    columns = dict(APPLICATION_COLUMNS)
    off = [
        f"{columns.get(c, spec['total'])} {left}≠{right}" for c, (left, right) in table.balance.items() if left != right
    ]
    left, right = table.balance["total"]
    check = (
        spec["unbalanced"].format(columns="；".join(off)) if off else spec["balanced"].format(left=left, right=right)
    )
    return Block(
        "table",
        caption=spec["caption"],
        header=["", spec["natural"], *organisations, spec["total"]],
        header_rows=header_rows,
        rows=rows,
        notes=[check],
        widths=[7, *[1.2] * (len(APPLICATION_COLUMNS) + 1)],
    )


def evaluation(ctx: ReportContext, sec: Section, part: ReportSection) -> None:
    """评议: the public's ratings on the platform and their results, the satisfaction surveys and theirs, and
    how the mailboxes answered."""
    ctx.add_narrative(sec)
    ov = ctx.oversight
    rated = [r for r in ov.ratings if r.count]
    if rated:
        sec.p(
            f"{ctx.period_label}，学校在信息公开平台开放公众评议，"
            + "；".join(
                f"{r.label}收到评价{r.count}次，平均{num(r.average)}分，满意（4星及以上）{r.satisfied}次，"
                f"满意率{pct(r.satisfied_percent)}"
                + (f"，不满意（2星及以下）{r.dissatisfied}次" if r.dissatisfied else "")
                for r in rated
            )
            + "（满分5分）。"
        )
    else:
        sec.p(f"{ctx.period_label}，信息公开平台未收到公众评议。")
    surveys = ov.evaluation.surveys
    for s in surveys:
        sec.p(
            f"{cn_date(s.period_start)}至{cn_date(s.period_end)}，学校开展“{s.title}”，回收问卷{s.sample_size}份，"
            f"表示满意的{s.satisfied_count}份，满意率{pct(s.satisfied_percent)}。" + (s.note if s.note else "")
        )
    if len(surveys) > 1:
        t = ov.surveys
        sec.p(f"各次调查合计回收问卷{t['sample_size']}份，表示满意的{t['satisfied']}份，满意率{pct(t['percent'])}。")
    if not surveys:
        sec.p(f"{ctx.period_label}，学校未开展信息公开满意度调查。")
    mail = ov.mail
    if mail.received:
        if not mail.valid:
            sec.p(f"{ctx.period_label}，校长信箱、书记信箱等共收到来信{mail.received}件，均为无效来信。")
        else:
            rates = [f"回复率{pct(mail.reply_rate)}"] if mail.reply_rate is not None else []
            if mail.on_time_rate is not None:
                rates.append(f"按期回复率{pct(mail.on_time_rate)}")
            sec.p(
                f"{ctx.period_label}，校长信箱、书记信箱等共收到来信{mail.received}件，其中有效来信{mail.valid}件，"
                + (f"已回复{mail.replied}件" if mail.replied else "尚未回复")
                + "".join(f"，{r}" for r in rates)
                + "。"
            )
    else:
        sec.p(f"{ctx.period_label}，各信箱未收到来信。")
    if rated:
        sec.blocks.append(
            Block(
                "table",
                caption="公众评议情况",
                header=["评价对象", "评价次数", "平均分（满分5分）", "满意（4—5星）", "不满意（1—2星）", "满意率"],
                rows=[
                    [
                        r.label,
                        r.count,
                        num(r.average) if r.average is not None else "—",
                        r.satisfied,
                        r.dissatisfied,
                        pct(r.satisfied_percent),
                    ]
                    for r in ov.ratings
                ],
            )
        )
    if surveys:
        sec.blocks.append(
            Block(
                "table",
                caption="满意度调查情况",
                header=["调查名称", "调查期间", "回收问卷（份）", "满意（份）", "满意率"],
                rows=[
                    [
                        s.title,
                        f"{s.period_start:%Y.%m.%d}—{s.period_end:%Y.%m.%d}",
                        s.sample_size,
                        s.satisfied_count,
                        pct(s.satisfied_percent),
                    ]
                    for s in surveys
                ],
            )
        )
    if ov.mailboxes:
        sec.blocks.append(
            Block(
                "table",
                caption="信箱来信办理情况",
                header=["信箱", "来信", "有效", "已回复", "回复率", "按期回复率"],
                rows=[
                    [b.label, b.received, b.valid, b.replied, pct(b.reply_rate), pct(b.on_time_rate)]
                    for b in ov.mailboxes
                ],
            )
        )


def complaints(ctx: ReportContext, sec: Section, part: ReportSection) -> None:
    ctx.add_narrative(sec)
    ov = ctx.oversight
    if ov.complaints or ov.cases_total:
        c = ov.cases.complaints
        sec.p(
            f"{ctx.period_label}，学校收到对信息公开工作的举报{ov.complaints}件，其中处理完毕"
            f"{ov.complaints - c.get('尚未审结', 0)}件；因信息公开工作被申请行政复议{ov.cases.groups['review'][-1]}件，"
            f"被提起行政诉讼{ov.cases.groups['direct'][-1] + ov.cases.groups['after_review'][-1]}件。"
        )
    else:
        sec.p(f"{ctx.period_label}，未发生因学校信息公开工作受到举报、复议、诉讼的情况。")
    tables = ctx.rules["tables"]
    sec.blocks.append(case_table(tables["cases"], ov.cases))
    sec.blocks.append(complaint_table(tables["complaints"], ov.cases.complaints))
    ctx.computed["cases_header"] = [f"{g}·{c}" for _, g in TABLE_GROUPS for c in COLUMN_LABELS]


def case_table(spec: dict, cases) -> Block:
    """表四: one row of 15 figures under 行政复议 (5) and 行政诉讼 (未经复议直接起诉 5, 复议后起诉 5)."""
    n = len(COLUMN_LABELS)
    header_rows = [
        [HeaderCell(spec["review"], colspan=n), HeaderCell(spec["litigation"], colspan=2 * n)],
        [
            *[HeaderCell(label, rowspan=2) for label in COLUMN_LABELS],
            HeaderCell(spec["direct"], colspan=n),
            HeaderCell(spec["after_review"], colspan=n),
        ],
        [HeaderCell(label) for label in COLUMN_LABELS * 2],
    ]
    return Block(
        "table",
        caption=spec["caption"],
        header=list(COLUMN_LABELS) * 3,
        header_rows=header_rows,
        rows=[[*cases.groups["review"], *cases.groups["direct"], *cases.groups["after_review"]]],
    )


def complaint_table(spec: dict, complaints: dict) -> Block:
    """举报 in a table of their own: received, by result, not yet dealt with."""
    upheld, corrected, other, pending, total = (complaints.get(label, 0) for label in COLUMN_LABELS)
    return Block(
        "table", caption=spec["caption"], header=list(spec["header"]), rows=[[total, upheld, corrected, other, pending]]
    )


def problems(ctx: ReportContext, sec: Section, part: ReportSection) -> None:
    timely, summary = ctx.timeliness, ctx.summary
    late = timely.total.total - timely.total.on_time
    if late:
        published = f"{ctx.period_word}主动公开信息中，超过{timely.limit}个工作日公开的有{late}条；"
    elif timely.total.total:
        published = f"{ctx.period_word}主动公开信息均在{timely.limit}个工作日内公开；"
    else:
        published = f"{ctx.period_word}未主动公开信息；"
    sec.p(
        published + f"《清单》事项中{ctx.period_word}无更新的{summary['stale']}项、尚无公开信息的{summary['empty']}项。"
    )
    ctx.add_narrative(sec, part.default_text)


def other(ctx: ReportContext, sec: Section, part: ReportSection) -> None:
    ctx.add_narrative(sec)
    inst = ctx.institution
    sec.p(f"对本报告内容如有进一步询问的，请与{inst.name}{inst.office_name}联系。")
    for label, value in (
        ("通讯地址", inst.address),
        ("邮政编码", inst.postcode),
        ("电　　话", inst.phone),
        ("电子邮箱", inst.email),
    ):
        if value:
            sec.p(f"{label}：{value}")


def checklist_table(ctx: ReportContext, sec: Section, part: ReportSection) -> None:
    sec.blocks.append(
        Block(
            "table",
            header=["序号", "类别", "事项", f"{ctx.period_word}公开（条）", "公开情况", "栏目链接"],
            widths=[1.2, 2, 5, 1.3, 1.6, 4],
            rows=[
                [i.number, i.category, i.title, i.count, i.status_label, Link(i.url or "—", i.url)]
                for i in ctx.coverage
            ],
        )
    )


def narrative_only(ctx: ReportContext, sec: Section, part: ReportSection) -> None:
    ctx.add_narrative(sec, part.default_text)


PARTS: dict[str, PartBuilder] = {
    "overview": overview,
    "proactive": proactive,
    "on_request": on_request,
    "evaluation": evaluation,
    "complaints": complaints,
    "problems": problems,
    "other": other,
    "checklist_table": checklist_table,
}
APPENDIX = "checklist_table"  # the table after the numbered parts, not counted among them


def build_part(ctx: ReportContext, part: ReportSection) -> Section:
    sec = Section(part.key, part.number, part.title, 1, note=part.basis)
    PARTS.get(part.key, narrative_only)(ctx, sec, part)
    return sec
