"""The annual report as a document model (sections → paragraphs and tables), built from the database.

`build(institution, start, end, report=None)` runs a bounded number of queries whatever the number
of records, applications or letters: `ReportContext.gather` queries everything the parts share once,
then each part's builder (parts.PARTS, selected by the part's key) fills its section. Figures are
always computed; the narrative comes from the office's edits (`AnnualReport.narrative`), else the
departments' paragraphs, else the section's default text (data/report_sections.json). The renderers
(docx.py, html.py, pdf.py, xlsx.py) only lay the document out.
"""

from __future__ import annotations

from datetime import date

from xxgk.reporting.annual.context import ReportContext
from xxgk.reporting.annual.document import Block, Document
from xxgk.reporting.annual.formatting import cn_count, cn_date
from xxgk.reporting.annual.parts import APPENDIX, build_part

__all__ = ["build"]


def build(
    institution, start: date, end: date, *, report=None, today: date | None = None, with_charts: bool = True
) -> Document:
    ctx = ReportContext.gather(institution, start, end, report=report, today=today)
    ctx.computed["channels"] = {c.name: c.count for c in ctx.channels}
    sections = [build_part(ctx, part) for part in ctx.parts]
    numbered = [p for p in ctx.parts if p.key != APPENDIX]
    intro = (
        f"按照《高等学校信息公开办法》（中华人民共和国教育部令第29号）和《教育部关于公布〈高等学校信息公开事项清单〉的通知》"
        f"（教办函〔2014〕23号）的要求，{institution.name}编制{ctx.period_label}信息公开工作年度报告。"
        f"报告内容包括{'、'.join(p.title for p in numbered)}等{cn_count(len(numbered))}个部分，并附清单事项公开情况表。"
        f"报告中所列数据统计起止时间为{ctx.period_text}。"
    )
    if report is not None and report.finalised_at is not None:
        dated = report.finalised_at.date()
    else:
        dated = today or date.today()
    ctx.computed.update(
        {
            "coverage": ctx.summary,
            "timeliness": ctx.timeliness,
            "applications": ctx.applications,
            "oversight": ctx.oversight,
        }
    )
    doc = Document(
        institution,
        start,
        end,
        f"{ctx.period_label}信息公开工作年度报告",
        intro,
        sections,
        cn_date(dated),
        figures=ctx.computed,
    )
    if with_charts and any(c.count for c in ctx.channels):  # no chart of nothing
        from xxgk.reporting import charts  # matplotlib, only when the document shows the chart

        doc.charts["channels"] = charts.channel_chart(ctx.channels)
        doc.section("channels").blocks.append(
            Block("image", data=doc.charts["channels"], caption=f"各发布渠道{ctx.period_word}发布数量")
        )
    return doc
