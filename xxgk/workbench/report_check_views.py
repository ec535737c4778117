"""Checking annual reports in the workbench: upload one or many, see what each lacks, highlighted in its text."""

from __future__ import annotations

import os
import tempfile

from django import forms
from django.shortcuts import render
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xxgk import reportcheck
from xxgk.reportcheck.rules import section_label
from xxgk.workbench.views import staff_required

MAX_FILES = 50
MAX_BYTES = 20 * 1024 * 1024


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Django's documented pattern for an <input multiple> file field."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".txt,.docx,.pdf,.html,.htm"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(d, initial) for d in data] if data else [single(None, initial)]
        return [single(data, initial)]


class ReportsForm(forms.Form):
    files = MultipleFileField(label=gettext_lazy("年度报告文件（可多选：TXT、DOCX、PDF、网页 HTML）"))

    def clean_files(self):
        files = self.cleaned_data["files"]
        if len(files) > MAX_FILES:
            raise forms.ValidationError(_("一次最多检查 %(n)d 份报告。") % {"n": MAX_FILES})
        return files


def highlighted(text: str, report: dict) -> str:
    """The report's text, escaped, with figures, headings and problem spots marked."""
    spans = []
    for fig in report["figures"]:
        phrase = fig.get("phrase") or ""
        pos = text.find(fig["text"])
        if phrase and pos >= 0:
            inner = text.find(phrase, pos)
            if inner >= 0:
                spans.append(
                    (inner, inner + len(phrase), "figure", f"{fig.get('counts', '')}：{fig['value']}{fig['unit']}")
                )
    for finding in report["findings"]:
        snippet = finding.get("text") or ""
        pos = text.find(snippet) if snippet else -1
        if pos >= 0:
            spans.append((pos, pos + len(snippet), "problem", finding["message"]))
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    out, cursor = [], 0
    for start, end, kind, title in spans:
        if start < cursor:
            continue
        out.append(escape(text[cursor:start]))
        out.append(f'<mark class="{kind}" title="{escape(title)}">{escape(text[start:end])}</mark>')
        cursor = end
    out.append(escape(text[cursor:]))
    return mark_safe("".join(out))


def check_uploaded(uploaded) -> dict:
    name = os.path.basename(uploaded.name)
    if uploaded.size > MAX_BYTES:
        return {"name": name, "error": _("文件超过 20 MB，无法检查。")}
    suffix = os.path.splitext(name)[1].lower()
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "report" + suffix)
        with open(path, "wb") as out:
            for chunk in uploaded.chunks():
                out.write(chunk)
        try:
            text = reportcheck.read_path(path)
        except reportcheck.ReadError as exc:
            return {"name": name, "error": str(exc).replace(path, name)}
    return check_text(text, name)


def check_text(text: str, name: str) -> dict:
    """Check a report's text and prepare it for the page (used for uploads and for generated drafts)."""
    report = reportcheck.check(text, source=name).to_dict()
    report["name"] = name
    report["html"] = highlighted(text, report)
    report["missing_labels"] = [section_label(k) for k in report["missing_sections"]]
    report["section_labels"] = [section_label(k) for k in report["sections"]]
    return report


#: Functions (user, report dict) -> report dict that add what other apps know about a checked report;
#: `reporting` registers its comparison with the platform's own records in its AppConfig.ready()
#: (the workbench does not import reporting).
REPORT_ANNOTATORS: list = []


def annotated(user, report: dict) -> dict:
    for annotate in REPORT_ANNOTATORS:
        report = annotate(user, report)
    return report


@staff_required
def check_reports(request):
    form = ReportsForm(request.POST, request.FILES) if request.method == "POST" else ReportsForm()
    results = []
    if form.is_bound and form.is_valid():
        results = [annotated(request.user, check_uploaded(f)) for f in form.cleaned_data["files"]]
    return render(request, "workbench/report_check.html", {"form": form, "results": results, "tab": "reportcheck"})
