from django import forms
from django.utils.translation import gettext_lazy as _


class SettingForm(forms.Form):
    enabled = forms.BooleanField(label=_("发送这种通知"), required=False)
    subject = forms.CharField(label=_("标题"), max_length=200)
    body = forms.CharField(label=_("正文"), widget=forms.Textarea(attrs={"rows": 12}))
