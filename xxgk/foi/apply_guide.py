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
            "fonts": PDF_FONTS,
            "choices": {
                name: [label for _, label in fields[name].choices]
                for name in ("applicant_type", "org_type", "id_type", "info_form", "delivery")
            },
        },
    )


def form_pdf(institution) -> bytes:
    """The printable form, cached per institution name and language (rendering is the expensive part)."""
    stamp = hashlib.sha256(f"{institution.name}|{institution.office_name}".encode()).hexdigest()[:16]
    key = f"foi-apply-form:{institution.pk}:{get_language()}:{stamp}"
    data = cache.get(key)
    if data is None:
        from weasyprint import HTML

        data = HTML(string=form_html(institution)).write_pdf()
        cache.set(key, data, FORM_CACHE_SECONDS)
    return data
