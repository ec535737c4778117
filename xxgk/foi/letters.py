"""Reply letters: the office's template (Django template text) rendered to DOCX (python-docx) and PDF (WeasyPrint)."""

from __future__ import annotations

import io
from datetime import date

from django.template import Context, Engine
from django.utils import timezone
from django.utils.html import escape

from xxgk.foi.loader import carries_files, data, letter_template, rules_for

_ENGINE = Engine(builtins=["django.template.defaultfilters", "django.template.defaulttags"], autoescape=False)
PDF_FONTS = '"Noto Serif CJK SC", "Noto Sans CJK SC", "Source Han Serif SC", serif'


def render_template_text(body: str, context: dict) -> str:
    return _ENGINE.from_string(body).render(Context(context, autoescape=False))


def letter_context(app, reply) -> dict:
    rules = rules_for(app.institution)
    fee = reply.fee if (rules.fees_enabled and reply.fee) else None
    context = {
        "application": app,
        "reply": reply,
        "reason": reply.reason,
        "reason_text": reply.reason.statement if reply.reason else "",
        "institution": app.institution,
        "supervisor": rules.supervisor,
        "fee": fee,
        "fee_note": rules.fee_note if fee else "",
        "sent_on": reply.sent_on or timezone.localdate(),
        "files": file_names(app, reply),
    }
    context["remedy"] = render_template_text(rules.remedy or default_remedy(rules), context).strip()
    return context


def file_names(app, reply) -> list[str]:
    """The names of the files a 予以公开 or 部分公开 reply provides (`foi/reply_files.py`), in upload order."""
    from xxgk.foi.models import ReplyFile

    if app.pk is None or not carries_files(reply.reply_type):
        return []
    return list(ReplyFile.objects.filter(application_id=app.pk).order_by("id").values_list("name", flat=True))


def default_remedy(rules) -> str:
    """The remedy clause of data/rules.json for the rules' preset (a row saved with an empty clause)."""
    presets = data("rules.json")
    return (presets["presets"].get(rules.preset) or presets["presets"][presets["default"]])["remedy"]


def render_letter(app, reply) -> tuple[str, list[str], str, date]:
    """(title, paragraphs, signature, date)."""
    template = letter_template(app.institution, reply.reply_type)
    ctx = letter_context(app, reply)
    text = render_template_text(template.body, ctx)
    paragraphs = [p.strip() for p in text.splitlines() if p.strip()]
    if ctx["files"]:  # the files provided, named after the body as a document lists its 附件
        paragraphs.append(render_template_text(data("letter_templates.json")["files"], ctx).strip())
    return template.title, paragraphs, app.institution.name, ctx["sent_on"]


def _cn_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def to_docx(
    title: str, paragraphs: list[str], signature: str, on: date, code: str, *, number: str = "", issuer: str = ""
) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = Document()

    def font(run, name, size):
        run.font.name = name
        run.font.size = Pt(size)
        run._element.rPr.rFonts.set(qn("w:eastAsia"), name)

    head = doc.add_paragraph()
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    font(head.add_run(title), "方正小标宋简体", 22)
    for line in ([number] if number else []) + [f"查询码：{code}"]:
        ref = doc.add_paragraph()
        ref.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        font(ref.add_run(line), "仿宋_GB2312", 12)
    for i, text in enumerate(paragraphs):
        p = doc.add_paragraph()
        if i:
            p.paragraph_format.first_line_indent = Pt(32)
        font(p.add_run(text), "仿宋_GB2312", 16)
    for text in [signature, *([issuer] if issuer else []), _cn_date(on)]:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        font(p.add_run(text), "仿宋_GB2312", 16)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def to_html(
    title: str, paragraphs: list[str], signature: str, on: date, code: str, *, number: str = "", issuer: str = ""
) -> str:
    first = ' class="first"'
    body = "".join(f"<p{first if i == 0 else ''}>{escape(t)}</p>" for i, t in enumerate(paragraphs))
    number_line = f'<p class="ref">{escape(number)}</p>' if number else ""
    issuer_line = f"{escape(issuer)}<br>" if issuer else ""
    return f"""<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>
@page {{ size: A4; margin: 37mm 26mm 35mm 28mm; }}
body {{ font-family: {PDF_FONTS}; font-size: 16pt; line-height: 1.75; }}
h1 {{ text-align: center; font-size: 22pt; font-weight: bold; margin: 0 0 1em; }}
.ref {{ text-align: right; font-size: 12pt; }}
p {{ text-indent: 2em; margin: 0; }} p.first {{ text-indent: 0; }}
.sign {{ text-align: right; text-indent: 0; margin-top: 2em; }}
</style></head><body><h1>{escape(title)}</h1>{number_line}<p class="ref">查询码：{escape(code)}</p>{body}
<p class="sign">{escape(signature)}<br>{issuer_line}{_cn_date(on)}</p></body></html>"""


def to_pdf(
    title: str, paragraphs: list[str], signature: str, on: date, code: str, *, number: str = "", issuer: str = ""
) -> bytes:
    from weasyprint import HTML

    return HTML(string=to_html(title, paragraphs, signature, on, code, number=number, issuer=issuer)).write_pdf()


def render_letter_files(app, reply, *, number: str = "") -> tuple[bytes, bytes]:
    """The reply letter as DOCX and PDF, carrying its 文号 (`number`) and the issuing office."""
    title, paragraphs, signature, on = render_letter(app, reply)
    ref = {"number": number, "issuer": app.institution.office_name}
    return (
        to_docx(title, paragraphs, signature, on, app.code, **ref),
        to_pdf(title, paragraphs, signature, on, app.code, **ref),
    )
