from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from xxgk.catalog.models import ChecklistCategory
from xxgk.org.models import Department, Institution
from xxgk.org.services import INSTITUTION_SETTINGS
from xxgk.publishing.models import Channel, ChannelKind


class DepartmentsField(forms.ModelMultipleChoiceField):
    def __init__(self, institution, **kwargs):
        super().__init__(
            queryset=Department.objects.filter(institution=institution),
            required=False,
            label=_("责任部门"),
            widget=forms.CheckboxSelectMultiple,
            **kwargs,
        )


class CatalogItemForm(forms.Form):
    title = forms.CharField(label=_("事项名称"), widget=forms.Textarea(attrs={"rows": 2}))
    active = forms.BooleanField(label=_("启用"), required=False, initial=True)

    def __init__(self, *args, institution, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["departments"] = DepartmentsField(institution)


class OwnItemForm(CatalogItemForm):
    category = forms.ModelChoiceField(queryset=ChecklistCategory.objects.all(), label=_("所属类别"))

    field_order = ["category", "title", "departments"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["active"]


class ChannelForm(forms.Form):
    name = forms.CharField(label=_("名称"), max_length=100)
    kind = forms.ChoiceField(label=_("类型"), choices=ChannelKind.choices)
    url = forms.URLField(label=_("地址"), required=False, assume_scheme="https")
    logged_individually = forms.BooleanField(
        label=_("逐条登记"),
        required=False,
        initial=True,
        help_text=_("不勾选时按期间填报发布数量（如微信公众号全年发文数）"),
    )

    def __init__(self, *args, institution, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"] = forms.ModelChoiceField(
            queryset=Department.objects.filter(institution=institution), required=False, label=_("主管部门")
        )


class TallyForm(forms.Form):
    period_start = forms.DateField(
        label=_("起始日期"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    period_end = forms.DateField(label=_("截止日期"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    count = forms.IntegerField(label=_("发布数量"), min_value=0)
    note = forms.CharField(label=_("说明"), required=False, max_length=200)

    def __init__(self, *args, institution, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"] = forms.ModelChoiceField(
            queryset=Channel.objects.filter(institution=institution, logged_individually=False), label=_("渠道")
        )
        self.order_fields(["channel", "period_start", "period_end", "count", "note"])


class InstitutionForm(forms.ModelForm):
    class Meta:
        model = Institution
        fields = [f for f in INSTITUTION_SETTINGS]
        widgets = {"website": forms.URLInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["website"].assume_scheme = "https"


class OverrideForm(forms.Form):
    date = forms.DateField(label=_("日期"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    is_workday = forms.TypedChoiceField(
        label=_("设为"), coerce=lambda v: v == "1", choices=[("1", _("工作日")), ("0", _("休息日"))]
    )
    note = forms.CharField(
        label=_("依据"), max_length=200, help_text=_("例如：国务院办公厅关于2027年部分节假日安排的通知")
    )
