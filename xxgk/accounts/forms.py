from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from xxgk.accounts.models import Attribute
from xxgk.org.models import Department, Role

OFFICE_ROLES = [(value, label) for value, label in Role.choices if value != Role.SUPERVISOR]


class GrantForm(forms.Form):
    role = forms.ChoiceField(label=_("角色"), choices=OFFICE_ROLES)
    department = forms.ModelChoiceField(
        label=_("部门"), queryset=Department.objects.none(), required=False, empty_label=_("（全校）")
    )

    def __init__(self, *args, institution, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(institution=institution)


class MappingRuleForm(forms.Form):
    attribute = forms.ChoiceField(label=_("属性"), choices=Attribute.choices)
    value = forms.CharField(label=_("取值"), max_length=200)
    department = forms.ModelChoiceField(
        label=_("部门"), queryset=Department.objects.none(), required=False, empty_label=_("（不指定）")
    )
    role = forms.ChoiceField(label=_("角色"), choices=[("", _("（只定部门）")), *OFFICE_ROLES], required=False)

    def __init__(self, *args, institution, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(institution=institution)


class InviteForm(GrantForm):
    name = forms.CharField(label=_("姓名"), max_length=150)
    email = forms.EmailField(label=_("电子邮箱"))

    field_order = ["name", "email", "role", "department"]
