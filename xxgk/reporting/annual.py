"""The annual report as a document model (sections → paragraphs and tables), built from the database.

`build(institution, start, end, report=None)` runs a bounded number of queries whatever the number
of records, applications or letters. Figures are always computed; the narrative comes from the
office's edits (`AnnualReport.narrative`), else the departments' paragraphs, else the section's
default text (data/report_sections.json). The renderers (docx.py, html.py, pdf.py) only lay it out.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from xxgk.reporting import stats
from xxgk.reporting.loader import ensure_sections, rules
from xxgk.reporting.models import ProcurementKind, ProcurementResult, ReportSection, SectionParagraph, YearlyFigure

KIND_ORDER = [ProcurementKind.GOODS, ProcurementKind.SERVICES, ProcurementKind.WORKS]
KIND_SENTENCE = {
    ProcurementKind.GOODS: "货物采购项目",
    ProcurementKind.SERVICES: "服务项目",
    ProcurementKind.WORKS: "工程项目",
}
CN_NUM = "一二三四五六七八九十"


@dataclass
class Link:
    text: str
    url: str

    def __str__(self) -> str:
        return self.text


@dataclass
class Block:
    kind: str  # "p", "table", "image"
    text: str = ""
    header: list = field(default_factory=list)
    rows: list = field(default_factory=list)
    caption: str = ""
    data: bytes = b""
    key: str = ""  # the narrative key a "p" block comes from ("" for computed text)


@dataclass
class Section:
    key: str
    number: str
    title: str
    level: int = 1
    blocks: list[Block] = field(default_factory=list)
    subsections: list[Section] = field(default_factory=list)
    note: str = ""

    @property
    def heading(self) -> str:
        if self.number == "附表":
            return f"附表　{self.title}"
        return f"{self.number}、{self.title}" if self.level == 1 else f"（{self.number}）{self.title}"

    def p(self, text: str, key: str = "") -> None:
        if text:
            self.blocks.append(Block("p", text=text, key=key))

    def texts(self) -> list[str]:
        return [b.text for b in self.blocks if b.kind == "p"]

    def walk(self):
        yield self
        for s in self.subsections:
            yield from s.walk()


@dataclass
class Document:
    institution: object
    start: date
    end: date
    title_line: str
    intro: str
    sections: list[Section]
    date_line: str
    charts: dict = field(default_factory=dict)
    figures: dict = field(default_factory=dict)  # the computed figures, for the dashboard and tests

    def section(self, key: str) -> Section:
        for top in self.sections:
            for s in top.walk():
                if s.key == key:
                    return s
        raise KeyError(key)

    def plain_text(self) -> str:
        lines = [self.institution.name, self.title_line, self.intro]
        for top in self.sections:
            for s in top.walk():
                lines.append(s.heading)
                for b in s.blocks:
                    if b.kind == "p":
                        lines.append(b.text)
                    elif b.kind == "table":
                        if b.caption:
                            lines.append(b.caption)
                        # rows end with a bar, so that a number at a row's end never reads the next row as its unit
                        lines.append("｜".join(map(str, b.header)) + "｜")
                        lines += ["｜".join(map(str, r)) + "｜" for r in b.rows]
        lines.append(self.institution.name)
        lines.append(self.date_line)
        return "\n".join(lines) + "\n"


def _cn_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _num(n) -> str:
    if isinstance(n, Decimal):
        return str(int(n)) if n == n.to_integral() else f"{n.normalize():f}"
    return str(n)


def _wan(amount: Decimal) -> str:
    return f"{(amount / 10000).quantize(Decimal('0.01')):,.2f}"


def _pct(v) -> str:
    return "—" if v is None else f"{v:.1f}%"


def build(
    institution, start: date, end: date, *, report=None, today: date | None = None, with_charts: bool = True
) -> Document:
    ensure_sections()
    data = rules()
    narrative = dict(report.narrative) if report is not None else {}
    sections = list(ReportSection.objects.all())
    parts = [s for s in sections if s.kind == "section"]
    areas = [s for s in sections if s.kind == "area"]
    paragraphs: dict[str, list[SectionParagraph]] = OrderedDict()
    for para in (
        SectionParagraph.objects.filter(institution=institution, period_start=start, period_end=end)
        .select_related("department")
        .order_by("order", "department__order", "id")
    ):
        paragraphs.setdefault(para.section, []).append(para)
    figures: dict[str, list[YearlyFigure]] = OrderedDict()
    for fig in (
        YearlyFigure.objects.filter(institution=institution, period_start__gte=start, period_end__lte=end)
        .select_related("department")
        .order_by("order", "id")
    ):
        figures.setdefault(fig.section, []).append(fig)
    procurement = list(
        ProcurementResult.objects.filter(
            institution=institution, completed_on__gte=start, completed_on__lte=end
        ).values_list("kind", "amount")
    )
    coverage = stats.coverage(institution, start, end)
    channel_counts = stats.channels(institution, start, end)
    notes = dict(_tally_notes(institution, start, end))
    timely = stats.timeliness(institution, start, end)
    apps_fig = stats.applications(institution, start, end)
    ov = stats.oversight(institution, start, end, today=today)

    period_text = f"{_cn_date(start)}至{_cn_date(end)}"
    period_label = f"{start.year}—{end.year}学年"
    context = {"period_label": period_label, "institution": institution.name, "office": institution.office_name}

    def narrative_for(key: str, default: str = "") -> list[tuple[str, str]]:
        """(text, key) pairs: the office's edit, else the paragraphs, else the default text."""
        if narrative.get(key):
            return [(t, key) for t in narrative[key].split("\n") if t.strip()]
        if paragraphs.get(key):
            return [(t.strip(), key) for p in paragraphs[key] for t in p.text.split("\n") if t.strip()]
        return [(default.format(**context), key)] if default else []

    def add_narrative(section: Section, default: str = "") -> None:
        for text, key in narrative_for(section.key, default):
            section.p(text, key)

    def add_figures(section: Section) -> None:
        figs = figures.get(section.key, [])
        by_dept: dict[str, list[YearlyFigure]] = OrderedDict()
        for f in figs:
            by_dept.setdefault(f.department.name, []).append(f)
        for dept, items in by_dept.items():
            section.p(f"本学年{dept}填报的数据：" + "，".join(f"{f.label}{f.phrase}" for f in items) + "。")

    computed: dict = {"channels": {c.name: c.count for c in channel_counts}}
    doc_sections: list[Section] = []
    summary = stats.coverage_summary(coverage)
    for part in parts:
        sec = Section(part.key, part.number, part.title, 1, note=part.basis)
        doc_sections.append(sec)
        if part.key == "overview":
            add_narrative(sec, part.default_text)
            total_published = timely.total.total
            sec.p(
                f"{period_label}，学校通过信息公开平台主动公开信息{total_published}条，其中在信息形成之日起"
                f"{timely.limit}个工作日内公开{timely.total.on_time}条，及时公开率{_pct(timely.total.rate)}；"
                f"对照《高等学校信息公开事项清单》{summary['items']}项，本学年有新公开信息的事项{summary['current']}项。"
            )
        elif part.key == "proactive":
            add_narrative(sec, part.default_text)
            _proactive(
                institution,
                sec,
                areas,
                channel_counts,
                notes,
                data,
                coverage,
                summary,
                period_text,
                narrative_for,
                add_figures,
                figures,
                paragraphs,
                narrative,
                procurement,
                computed,
            )
        elif part.key == "on_request":
            add_narrative(sec)
            _on_request(sec, apps_fig, period_label, computed)
        elif part.key == "evaluation":
            add_narrative(sec)
            _evaluation(sec, ov, period_label, computed)
        elif part.key == "complaints":
            add_narrative(sec)
            _complaints(sec, ov, period_label, computed)
        elif part.key == "problems":
            sec.p(
                f"本学年主动公开信息中，超过{timely.limit}个工作日公开的有{timely.total.total - timely.total.on_time}条；"
                f"《清单》事项中本学年无更新的{summary['stale']}项、尚无公开信息的{summary['empty']}项。"
            )
            add_narrative(sec, part.default_text)
        elif part.key == "other":
            add_narrative(sec)
            sec.p(f"对本报告内容如有进一步询问的，请与{institution.name}{institution.office_name}联系。")
            for label, value in (
                ("通讯地址", institution.address),
                ("邮政编码", institution.postcode),
                ("电　　话", institution.phone),
                ("电子邮箱", institution.email),
            ):
                if value:
                    sec.p(f"{label}：{value}")
        elif part.key == "checklist_table":
            sec.blocks.append(
                Block(
                    "table",
                    header=["序号", "类别", "事项", "本学年公开（条）", "公开情况", "栏目链接"],
                    rows=[
                        [i.number, i.category, i.title, i.count, i.status_label, Link(i.url or "—", i.url)]
                        for i in coverage
                    ],
                )
            )
        else:
            add_narrative(sec, part.default_text)

    declared = "、".join(p.title for p in parts if p.key != "checklist_table")
    n_parts = len([p for p in parts if p.key != "checklist_table"])
    intro = (
        f"按照《高等学校信息公开办法》（中华人民共和国教育部令第29号）和《教育部关于公布〈高等学校信息公开事项清单〉的通知》"
        f"（教办函〔2014〕23号）的要求，{institution.name}编制{period_label}信息公开工作年度报告。"
        f"报告内容包括{declared}等{_cn_count(n_parts)}个部分，并附清单事项公开情况表。"
        f"报告中所列数据统计起止时间为{period_text}。"
    )
    doc = Document(
        institution,
        start,
        end,
        f"{period_label}信息公开工作年度报告",
        intro,
        doc_sections,
        _cn_date(today or date.today())
        if report is None or report.finalised_at is None
        else _cn_date(report.finalised_at.date()),
        figures=computed,
    )
    computed.update({"coverage": summary, "timeliness": timely, "applications": apps_fig, "oversight": ov})
    if with_charts:
        from xxgk.reporting import charts

        doc.charts["channels"] = charts.channel_chart(channel_counts)
        doc.section("channels").blocks.append(
            Block("image", data=doc.charts["channels"], caption="各发布渠道本学年发布数量")
        )
    return doc


def _cn_count(n: int) -> str:
    return CN_NUM[n - 1] if 1 <= n <= 10 else str(n)


def _tally_notes(institution, start, end):
    from xxgk.publishing.models import ChannelTally

    return (
        ChannelTally.objects.filter(channel__institution=institution, period_start__gte=start, period_end__lte=end)
        .exclude(note="")
        .values_list("channel_id", "note")
    )


def _proactive(
    institution,
    sec,
    areas,
    channel_counts,
    notes,
    data,
    coverage,
    summary,
    period_text,
    narrative_for,
    add_figures,
    figures,
    paragraphs,
    narrative,
    procurement,
    computed,
) -> None:
    units = data["units_by_channel_kind"]
    n = 0

    def sub(area) -> Section:
        nonlocal n
        s = Section(area.key, CN_NUM[n] if n < 10 else str(n + 1), area.title, 2)
        n += 1
        sec.subsections.append(s)
        return s

    for area in areas:
        if area.key == "channels":
            s = sub(area)
            for text, key in narrative_for("channels"):
                s.p(text, key)
            site = [c for c in channel_counts if c.kind == "website" and c.logged_individually]
            total = sum(c.count for c in site)
            computed["website_total"] = total
            if site:
                s.p(
                    f"{period_text}，通过学校官网各栏目共发布信息{total}条，其中"
                    + "，".join(f"“{c.name}”{c.count}条" for c in site if c.count)
                    + "。"
                )
            others = [c for c in channel_counts if not (c.kind == "website" and c.logged_individually) and c.count]
            if others:
                s.p("通过" + "，".join(f"{c.name}发布信息{c.count}{_unit(c, notes, units)}" for c in others) + "。")
            s.blocks.append(
                Block(
                    "table",
                    caption="各发布渠道发布数量",
                    header=["渠道", "类型", "主管部门", "发布数量"],
                    rows=[[c.name, c.kind_label, c.department or "—", c.count] for c in channel_counts],
                )
            )
        elif area.key == "checklist":
            s = sub(area)
            for text, key in narrative_for("checklist"):
                s.p(text, key)
            s.p(
                f"学校对照《高等学校信息公开事项清单》10类{summary['items']}项设置信息公开专栏，逐项公开。本学年有新公开信息的事项"
                f"{summary['current']}项，往年已公开、本学年无更新的{summary['stale']}项，尚无公开信息的{summary['empty']}项；"
                f"学校自设事项{summary['own']}项，本学年有新公开信息的{summary['own_current']}项。逐项情况及栏目链接见附表。"
            )
            cats: dict[int, list] = OrderedDict()
            for i in coverage:
                cats.setdefault(i.category_number, []).append(i)
            rows = []
            for number, items in cats.items():
                catalog = stats.portal_url("catalog", slug=institution.slug)
                url = f"{catalog}#cat-{number}" if catalog else ""
                rows.append(
                    [
                        items[0].category,
                        len(items),
                        sum(1 for i in items if i.status == stats.CURRENT),
                        sum(i.count for i in items),
                        Link(url or "—", url),
                    ]
                )
            s.blocks.append(
                Block(
                    "table",
                    caption="清单各类事项公开情况",
                    header=["类别", "事项数", "本学年已公开事项", "本学年公开信息（条）", "栏目链接"],
                    rows=rows,
                )
            )
        elif area.key == "procurement":
            if not procurement and not paragraphs.get("procurement") and not narrative.get("procurement"):
                continue
            s = sub(area)
            for text, key in narrative_for("procurement"):
                s.p(text, key)
            by_kind = OrderedDict((k, [0, Decimal("0")]) for k in KIND_ORDER)
            for kind, amount in procurement:
                by_kind[kind][0] += 1
                by_kind[kind][1] += amount
            total = sum(v[0] for v in by_kind.values())
            computed["procurement"] = {k: (v[0], v[1]) for k, v in by_kind.items()}
            if total:
                s.p(
                    f"{period_text}完成各类集中采购项目{total}个，其中"
                    + "；".join(
                        f"{KIND_SENTENCE[k]}{v[0]}个，成交金额{_wan(v[1])}万元" for k, v in by_kind.items() if v[0]
                    )
                    + "。"
                )
                s.blocks.append(
                    Block(
                        "table",
                        caption="采购项目成交情况",
                        header=["类型", "项目数", "成交金额（万元）"],
                        rows=[[str(ProcurementKind(k).label), v[0], _wan(v[1])] for k, v in by_kind.items()]
                        + [["合计", total, _wan(sum((v[1] for v in by_kind.values()), Decimal("0")))]],
                    )
                )
            add_figures(s)
        else:
            has = figures.get(area.key) or paragraphs.get(area.key) or narrative.get(area.key)
            if not has and not area.key_area:
                continue
            s = sub(area)
            for text, key in narrative_for(area.key):
                s.p(text, key)
            if area.category:
                cat = [i for i in coverage if i.category_number == area.category and not i.is_own]
                if cat:
                    s.p(
                        f"本学年在信息公开专栏“{cat[0].category}”类{len(cat)}项事项下公开信息"
                        f"{sum(i.count for i in cat)}条，其中有新公开信息的事项"
                        f"{sum(1 for i in cat if i.status == stats.CURRENT)}项。"
                    )
            add_figures(s)


def _unit(channel, notes: dict, units: dict) -> str:
    note = notes.get(channel.channel_id, "")
    for u in ("张", "次"):
        if f"（{u}）" in note:
            return u
    return units.get(channel.kind, units["default"])


def _on_request(sec: Section, a: stats.Applications, period_label: str, computed: dict) -> None:
    computed["applications"] = a
    received = a.new + a.carried_in
    if not received:
        sec.p(f"{period_label}，学校未收到信息公开申请。")
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
            f"{period_label}，学校新收信息公开申请{a.new}件，上年结转{a.carried_in}件；办结{a.closed}件"
            + (("，其中" + "，".join(totals)) if totals else "")
            + f"；结转下年度继续办理{a.carried_out}件。"
        )
        if a.closed:
            sec.p(
                f"按期答复率{_pct(a.on_time_rate * 100 if a.on_time_rate is not None else None)}"
                + (f"，答复用时中位数{_num(a.median_days)}个工作日。" if a.median_days is not None else "。")
            )
    if a.fee_count:
        sec.p(f"依申请公开收取检索、复制、邮寄等费用{a.fee_count}件，共{_num(a.fee_total)}元；其余申请未收取费用。")
    else:
        sec.p("学校依申请提供信息均未收取费用，不涉及费用减免。")
    from xxgk.foi.stats import COLUMNS

    sec.blocks.append(
        Block(
            "table",
            caption="收到和处理信息公开申请情况",
            header=["", *[label for _, label in COLUMNS], "总计"],
            rows=[[("　" * r.level) + r.label, *r.cells()] for r in a.table.rows],
        )
    )


def _evaluation(sec: Section, ov: stats.Oversight, period_label: str, computed: dict) -> None:
    mail = ov.mail
    if mail.received:
        sec.p(
            f"{period_label}，校长信箱、书记信箱等共收到来信{mail.received}件，其中有效来信{mail.valid}件，"
            f"已回复{mail.replied}件，回复率{_pct(mail.reply_rate)}，按期回复率{_pct(mail.on_time_rate)}。"
        )
    else:
        sec.p(f"{period_label}，各信箱未收到来信。")
    e = ov.evaluation
    if e.ratings:
        sec.p(f"公众对公开信息和答复进行评价{e.ratings}次，平均{e.average}分（满分5分）。")
    if e.writer_ratings:
        sec.p(f"来信人对答复评价{e.writer_ratings}次，满意{e.satisfied_writers}次。")
    if e.surveys:
        t = ov.surveys
        sec.p(
            f"开展信息公开满意度调查{len(e.surveys)}次，回收问卷{t['sample_size']}份，"
            f"表示满意的{t['satisfied']}份，满意率{_pct(t['percent'])}。"
        )
    if ov.mailboxes:
        sec.blocks.append(
            Block(
                "table",
                caption="信箱来信办理情况",
                header=["信箱", "来信", "有效", "已回复", "回复率", "按期回复率"],
                rows=[
                    [b.label, b.received, b.valid, b.replied, _pct(b.reply_rate), _pct(b.on_time_rate)]
                    for b in ov.mailboxes
                ],
            )
        )


def _complaints(sec: Section, ov: stats.Oversight, period_label: str, computed: dict) -> None:
    if ov.complaints or ov.cases_total:
        c = ov.cases.complaints
        sec.p(
            f"{period_label}，学校收到对信息公开工作的举报{ov.complaints}件，其中处理完毕"
            f"{ov.complaints - c.get('尚未审结', 0)}件；因信息公开工作被申请行政复议{ov.cases.groups['review'][-1]}件，"
            f"被提起行政诉讼{ov.cases.groups['direct'][-1] + ov.cases.groups['after_review'][-1]}件。"
        )
    else:
        sec.p(f"{period_label}，未发生因学校信息公开工作受到举报、复议、诉讼的情况。")
    from xxgk.oversight.stats import COLUMN_LABELS, TABLE_GROUPS

    header = [f"{g}·{c}" for _, g in TABLE_GROUPS for c in COLUMN_LABELS]
    sec.blocks.append(
        Block(
            "table",
            caption="因信息公开工作被申请行政复议、提起行政诉讼情况",
            header=["类别", *COLUMN_LABELS],
            rows=[[label, *ov.cases.groups[key]] for key, label in TABLE_GROUPS]
            + [["举报", *ov.cases.complaints.values()]],
        )
    )
    computed["cases_header"] = header
