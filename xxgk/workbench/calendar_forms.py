"""Forms of the 工作日 page: a year's official arrangement, an institution's closure (the override form is in
office_forms)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from xxgk.workcalendar.dates import parse_dates


class DatesField(forms.CharField):
    """Dates and ranges as typed from the notice: "2027-02-05~2027-02-11, 2027-02-20"."""

    widget = forms.Textarea(attrs={"rows": 3})

    def clean(self, value):
        text = super().clean(value)
        try:
            return parse_dates(text)
        except ValidationError as exc:
            raise forms.ValidationError(exc.messages) from None


class ArrangementForm(forms.Form):
    year = forms.IntegerField(label=_("年份"), min_value=2004, max_value=2100)
    rest_days = DatesField(
        label=_("放假日期"),
        help_text=_("按通知逐段填写，如 2027-01-01~2027-01-03, 2027-02-05~2027-02-12（含调休出来的放假日）"),
    )
    workdays = DatesField(label=_("调休上班日期"), required=False, help_text=_("通知中需要上班的周六、周日"))
    note = forms.CharField(
        label=_("依据"),
        max_length=200,
        help_text=_("例如：国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕×号）"),
    )


class ClosureForm(forms.Form):
    date = forms.DateField(label=_("日期"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    note = forms.CharField(label=_("说明"), max_length=200, help_text=_("例如：台风停课，经学校批准闭校"))
