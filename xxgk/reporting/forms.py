from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from xxgk.reporting.models import ProcurementKind, Qualifier


class FigureForm(forms.Form):
    department = forms.ModelChoiceField(queryset=None, label=_("填报部门"))
    section = forms.ChoiceField(label=_("所属部分"))
    label = forms.CharField(label=_("名称"), max_length=100)
    qualifier = forms.ChoiceField(label=_("约数"), choices=Qualifier.choices, required=False)
    value = forms.CharField(label=_("数值"), max_length=30)
    unit = forms.CharField(label=_("单位"), max_length=10, required=False)
    note = forms.CharField(label=_("说明"), max_length=200, required=False)

    def __init__(self, *args, departments, sections, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments
        self.fields["section"].choices = sections


class ProcurementForm(forms.Form):
    department = forms.ModelChoiceField(queryset=None, label=_("填报部门"))
    project = forms.CharField(label=_("项目名称"), max_length=200)
    kind = forms.ChoiceField(label=_("类型"), choices=ProcurementKind.choices)
    amount = forms.CharField(label=_("成交金额"), max_length=30)
    unit = forms.ChoiceField(label=_("金额单位"), choices=[("元", "元"), ("万元", "万元")])
    completed_on = forms.DateField(label=_("成交日期"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments


class ParagraphForm(forms.Form):
    department = forms.ModelChoiceField(
        queryset=None, label=_("部门"), required=False, empty_label=_("信息公开工作机构（办公室）")
    )
    section = forms.ChoiceField(label=_("所属部分"))
    text = forms.CharField(label=_("内容"), widget=forms.Textarea(attrs={"rows": 6}))

    def __init__(self, *args, departments, sections, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments
        self.fields["section"].choices = sections
