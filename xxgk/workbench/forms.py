from __future__ import annotations

from django import forms
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from xxgk.catalog.models import CatalogItem
from xxgk.publishing.models import Channel, Record

CONTENT_FIELDS = [
    "title",
    "doc_number",
    "formed_on",
    "items",
    "summary",
    "body",
    "is_notice",
    "notice_start",
    "notice_days",
    "notice_day_kind",
    "objection_contact",
]


def text_to_html(text: str) -> str:
    """Plain text typed into the editor becomes paragraphs; HTML is kept (and sanitised later)."""
    if "<" in text and ">" in text:
        return text
    return "".join(f"<p>{escape(line.strip())}</p>" for line in text.splitlines() if line.strip())


class RecordForm(forms.ModelForm):
    department = forms.ModelChoiceField(queryset=None, label=_("发布机构"), required=True)

    class Meta:
        model = Record
        fields = CONTENT_FIELDS
        widgets = {
            "formed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "notice_start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "body": forms.Textarea(attrs={"rows": 12}),
            "summary": forms.Textarea(attrs={"rows": 2}),
            "items": forms.SelectMultiple(attrs={"size": 8}),
        }
        help_texts = {
            "body": _("可直接输入文字（按段落换行），也可粘贴带格式的内容；脚本等不安全内容会被自动清除。"),
            "items": _("按住 Ctrl 可多选。"),
        }

    def __init__(self, *args, institution, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["notice_day_kind"].required = False  # matters only for a 公示; left out, kept as it is
        self.fields["items"].queryset = CatalogItem.objects.filter(institution=institution, active=True).select_related(
            "category"
        )
        self.fields["items"].label_from_instance = lambda i: f"{i.number}. {i.title[:40]}"
        if departments is None:
            del self.fields["department"]
        else:
            self.fields["department"].queryset = departments
            if len(departments) == 1:
                self.fields["department"].initial = departments[0]

    def clean_body(self):
        return text_to_html(self.cleaned_data.get("body") or "")

    def content(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k not in {"items", "department"}}

    def clean_notice_day_kind(self) -> str:
        # not posted: what the record has (a new record's is the data file's default)
        return self.cleaned_data.get("notice_day_kind") or self.instance.notice_day_kind


class CommentForm(forms.Form):
    comment = forms.CharField(label=_("意见"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("理由"), widget=forms.Textarea(attrs={"rows": 2}))
    revision = forms.IntegerField(widget=forms.HiddenInput, required=False)


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("附件"))


class PostingForm(forms.Form):
    channel = forms.ModelChoiceField(queryset=None, label=_("发布渠道"))
    posted_on = forms.DateField(label=_("发布日期"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    url = forms.URLField(label=_("链接"), required=False, assume_scheme="https")

    def __init__(self, *args, institution, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].queryset = Channel.objects.filter(institution=institution, logged_individually=True)
