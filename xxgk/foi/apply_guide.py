"""The applicant's guide: 申请须知 and the handling flow from the institution's own rules, and the
printable 申请表 (PDF) for those who apply by letter or in person.

Every figure comes from the institution's RuleSet; the form's labels are the online form's labels.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.translation import get_language

from xxgk.foi.letters import PDF_FONTS, default_remedy, render_template_text
from xxgk.foi.loader import rules_for

FORM_CACHE_SECONDS = 3600


def remedy_text(institution, rules) -> str:
    """The remedy clause the reply letters carry, for this institution."""
    context = {"institution": institution, "supervisor": rules.supervisor}
    return render_template_text(rules.remedy or default_remedy(rules), context).strip()


def guide_context(institution) -> dict:
    rules = rules_for(institution)
    return {"institution": institution, "rules": rules, "remedy": remedy_text(institution, rules)}


def _form_fields():
    from xxgk.foi.forms import ApplicantForm

    return ApplicantForm().fields


def form_html(institution) -> str:
    fields = _form_fields()
    return render_to_string(
        "foi/apply_form_pdf.html",
        {
            "institution": institution,
            "f": fields,
            "choices": {
                name: [label for _, label in fields[name].choices]
                for name in ("applicant_type", "org_type", "id_type", "info_form", "delivery")
            },
        },
    )


# The form's print layout (WeasyPrint), kept here rather than in a <style> element: no template carries
# inline CSS (the Content-Security-Policy test holds every template to that).
FORM_CSS = r"""
@page {{ size: A4; margin: 14mm 16mm 12mm 16mm; }}
body {{ font-family: {fonts}; font-size: 10.5pt; line-height: 1.4; }}
h1 {{ text-align: center; font-size: 18pt; margin: 0 0 .3em; }}
.to {{ text-align: center; margin: 0 0 .8em; }}
table {{ width: 100%; border-collapse: collapse; }}
th, td {{ border: 1px solid #000; padding: 3.5pt 6pt; vertical-align: top; text-align: left; }}
th {{ width: 34%; font-weight: bold; background: #f2f2f2; }}
th.group {{ width: 6%; text-align: center; }}
td {{ height: 20pt; }} td.tall {{ height: 54pt; }} td.mid {{ height: 24pt; }}
.box::before {{ content: "\25A1\00A0"; }}
.box {{ margin-right: 1.2em; white-space: nowrap; }}
.help {{ font-size: 8.5pt; color: #444; }}
.sign {{ margin-top: .8em; display: flex; justify-content: space-between; }} .sign p {{ margin: .6em 0; }}
.notes {{ font-size: 8.5pt; margin-top: .6em; }}
"""


def form_pdf(institution) -> bytes:
    """The printable form, cached per institution name and language (rendering is the expensive part)."""
    stamp = hashlib.sha256(f"{institution.name}|{institution.office_name}".encode()).hexdigest()[:16]
    key = f"foi-apply-form:{institution.pk}:{get_language()}:{stamp}"
    data = cache.get(key)
    if data is None:
        from weasyprint import HTML

        style = f"<style>{FORM_CSS.format(fonts=PDF_FONTS)}</style></head>"  # for WeasyPrint only, never a browser
        data = HTML(string=form_html(institution).replace("</head>", style, 1)).write_pdf()
        cache.set(key, data, FORM_CACHE_SECONDS)
    return data
