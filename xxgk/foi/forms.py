"""Forms: the public application form, status lookup, and the office's action forms.

Validation of the applicant's data lives in `services.clean_applicant` so the
form, the staff register page and any API share one set of rules.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from xxgk.core.forms import add_service_errors
from xxgk.foi import services
from xxgk.foi.models import (
    ApplicantType,
    Channel,
    Delivery,
    IdType,
    InfoForm,
    LetterTemplate,
    NoticeDelivery,
    NoticeTemplate,
    OrgType,
    ReplyReason,
    ReplyType,
    RuleSet,
)

# the id types a person chooses from; an organisation always identifies by its 统一社会信用代码
PERSONAL_ID_TYPES = [c for c in IdType.choices if c[0] != IdType.CREDIT_CODE]


class IdTypeField(forms.ChoiceField):
    """Offers the personal id types, accepts every id type: whether the type fits the applicant is the
    service's rule (`services.clean_applicant`), so its message, not "invalid choice", is shown."""

    def valid_value(self, value):
        return value in IdType.values


def _date(label, required=False, help_text=""):
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("请输入有效的日期，格式如 2024-03-01。"), "required": _("请填写日期。")},
    )


class ApplicantForm(forms.Form):
    applicant_type = forms.ChoiceField(
        label=_("申请人类型"), choices=ApplicantType.choices, widget=forms.RadioSelect, required=False
    )
    org_type = forms.ChoiceField(
        label=_("组织类型（法人或其他组织填写）"), choices=[("", "——")] + OrgType.choices, required=False
    )
    name = forms.CharField(label=_("姓名或名称"), max_length=100, required=False)
    contact_person = forms.CharField(label=_("联系人（法人或其他组织填写）"), max_length=50, required=False)
    id_type = IdTypeField(label=_("证件类型（自然人填写）"), choices=PERSONAL_ID_TYPES, required=False)
    id_number = forms.CharField(
        label=_("证件号码"),
        max_length=30,
        required=False,
        help_text=_("法人或其他组织填写统一社会信用代码"),
    )
    phone = forms.CharField(
        label=_("联系电话"),
        max_length=30,
        required=False,
        help_text=_("手机号码或带区号的固定电话；与电子邮箱至少填一项"),
    )
    email = forms.CharField(label=_("电子邮箱"), max_length=254, required=False)
    address = forms.CharField(label=_("通讯地址"), max_length=200, required=False)
    postcode = forms.CharField(label=_("邮政编码"), max_length=10, required=False)
    title = forms.CharField(label=_("所需信息的名称"), required=False, widget=forms.TextInput(attrs={"maxlength": 300}))
    doc_number = forms.CharField(label=_("文号"), max_length=100, required=False)
    description = forms.CharField(
        label=_("所需信息的内容描述（便于查找的特征）"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    purpose = forms.CharField(
        label=_("用途"), required=False, widget=forms.Textarea(attrs={"rows": 2, "maxlength": 500})
    )
    info_form = forms.ChoiceField(
        label=_("获取信息的形式"), choices=InfoForm.choices, widget=forms.RadioSelect, required=False
    )
    delivery = forms.ChoiceField(
        label=_("获取信息的方式"), choices=Delivery.choices, widget=forms.RadioSelect, required=False
    )

    #: fields every applicant must fill in (the service checks them; the page marks them)
    REQUIRED = ("applicant_type", "name", "id_number", "title", "info_form", "delivery")
    #: fields that concern one kind of applicant only: shown for it alone when scripts run
    SHOWN_FOR = {
        "org_type": ApplicantType.ORGANISATION,
        "contact_person": ApplicantType.ORGANISATION,
        "id_type": ApplicantType.NATURAL,
    }
    #: of those, the ones that kind of applicant must fill in
    REQUIRED_FOR_KIND = ("org_type", "contact_person")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.marks_required = True
        for name in (*self.REQUIRED, *self.REQUIRED_FOR_KIND):
            field = self.fields[name]
            field.marked_required = True
            if name in self.REQUIRED:
                field.widget.attrs["required"] = True
            if not isinstance(field.widget, forms.RadioSelect):  # a radio group says it on its fieldset
                field.widget.attrs["aria-required"] = "true"
        for name, kind in self.SHOWN_FOR.items():
            self.fields[name].shown_for = f"applicant_type={kind}"
        self.fields["applicant_type"].initial = ApplicantType.NATURAL

    def clean(self):
        data = super().clean()
        try:
            self.applicant = services.clean_applicant(data)
        except ValidationError as exc:
            add_service_errors(self, exc)
        return data


class PublicApplicationForm(ApplicantForm):
    token = forms.CharField(widget=forms.HiddenInput, required=False)
    website = forms.CharField(
        label=_("请勿填写此项"), required=False, widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"})
    )


class RegisterForm(ApplicantForm):
    channel = forms.ChoiceField(
        label=_("收到申请的方式"),
        choices=[
            (Channel.LETTER, _("信函（以签收之日为收到日期）")),
            (Channel.IN_PERSON, _("当面提交（以提交之日为收到日期）")),
            (Channel.FAX, _("传真（以双方确认之日为收到日期）")),
        ],
    )
    received_on = _date(_("收到日期"), help_text=_("信函填签收日期，传真填双方确认日期；当面提交不填则为今天"))


class LookupForm(forms.Form):
    code = forms.CharField(label=_("查询码"), max_length=20)
    secret = forms.CharField(label=_("查询密码"), max_length=40, widget=forms.PasswordInput(render_value=True))


class SupplementForm(forms.Form):
    text = forms.CharField(label=_("补正内容"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    title = forms.CharField(label=_("更正后的所需信息名称（可不填）"), max_length=300, required=False)


class WithdrawForm(forms.Form):
    """The applicant withdraws the application (public status page)."""

    note = forms.CharField(
        label=_("撤回说明（可不填）"), max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    confirm = forms.BooleanField(
        label=_("我确认撤回本申请。撤回后本校不再办理，如仍需要该信息，须重新提出申请。"),
        error_messages={"required": _("请勾选确认后再撤回。")},
    )


class StaffSupplementForm(SupplementForm):
    on = _date(_("收到补正的日期"), required=True)


def _delivery():
    return forms.ChoiceField(
        label=_("告知书送达方式"),
        choices=[("", _("自动（邮件，否则邮寄）")), *NoticeDelivery.choices],
        required=False,
    )


class CorrectionForm(forms.Form):
    items = forms.CharField(
        label=_("需要补正的事项（逐项列明）"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    on = _date(_("告知日期"), required=False, help_text=_("不填为今天"))
    days = forms.IntegerField(
        label=_("补正期限（工作日）"), required=False, min_value=1, max_value=60, help_text=_("不填按本校规则")
    )
    delivery = _delivery()


class ConsultStartForm(forms.Form):
    third_party = forms.CharField(label=_("第三方"), max_length=200, required=False)
    email = forms.EmailField(
        label=_("第三方电子邮箱"), required=False, widget=forms.TextInput(attrs={"inputmode": "email"})
    )
    address = forms.CharField(label=_("第三方通讯地址"), max_length=200, required=False)
    on = _date(_("开始日期"), required=False, help_text=_("不填为今天"))
    note = forms.CharField(
        label=_("征求意见的事项（写入征求意见函）"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    delivery = _delivery()


class ConsultEndForm(forms.Form):
    on = _date(_("结束日期"), required=False, help_text=_("不填为今天"))
    note = forms.CharField(label=_("第三方意见"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ExtendForm(forms.Form):
    reason = forms.CharField(label=_("延长理由"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    approver = forms.CharField(label=_("同意延长的负责人"), max_length=100, required=False)
    delivery = _delivery()


class PostingForm(forms.Form):
    postal_date = _date(_("邮寄日期"), required=True)


class RouteForm(forms.Form):
    department = forms.ModelChoiceField(label=_("承办部门"), queryset=None)
    comment = forms.CharField(label=_("说明"), required=False)

    def __init__(self, *args, institution=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = institution.departments.all()


def reason_label(reason: ReplyReason) -> str:
    """The reason with its article, and how far regulations.md verifies the article (staff only)."""
    label = f"{reason.reply_type.name} · {reason.name}"
    if reason.article:
        label += f"（{reason.article}）"
        if reason.article_status != "verified":
            label += f" [{_('条文号')}{reason.get_article_status_display()}]"
    return label


class DraftForm(forms.Form):
    reply_type = forms.ModelChoiceField(label=_("答复类型"), queryset=ReplyType.objects.order_by("order"))
    reason = forms.ModelChoiceField(
        label=_("理由"),
        queryset=ReplyReason.objects.filter(active=True).select_related("reply_type"),
        required=False,
        help_text=_("《高等学校信息公开办法》规定的理由；答复书写明理由及其依据条文。"),
    )
    text = forms.CharField(label=_("答复正文"), required=False, widget=forms.Textarea(attrs={"rows": 6}))
    fee = forms.DecimalField(label=_("收费（元）"), required=False, min_value=0, max_digits=10, decimal_places=2)
    override_reason = forms.CharField(
        label=_("筛查提示放行理由（仅在确需保留个人信息时填写）"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, fees_enabled=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].label_from_instance = reason_label
        if not fees_enabled:
            del self.fields["fee"]


class CommentForm(forms.Form):
    comment = forms.CharField(label=_("意见"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class SendForm(forms.Form):
    on = _date(_("发送日期"), required=False, help_text=_("不填为今天"))


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files at once (Django's documented pattern); cleans to a list."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)]


class ReplyFilesForm(forms.Form):
    """The files a 予以公开 or 部分公开 reply provides (`foi/reply_files.py`)."""

    files = MultipleFileField(label=_("上传答复附件（可一次选择多个文件）"))


class OverrideForm(forms.Form):
    reason = forms.CharField(label=_("放行理由"), max_length=2000)


class TemplateForm(forms.ModelForm):
    class Meta:
        model = LetterTemplate
        fields = list(services.TEMPLATE_FIELDS)
        widgets = {"body": forms.Textarea(attrs={"rows": 16})}

    def clean_body(self):
        from django.template import TemplateSyntaxError

        from xxgk.foi.letters import _ENGINE

        body = self.cleaned_data["body"]
        try:
            _ENGINE.from_string(body)
        except TemplateSyntaxError as exc:
            raise ValidationError(_("模板有语法错误：%(e)s") % {"e": exc}) from None
        return body


class NoticeTemplateForm(TemplateForm):
    class Meta:
        model = NoticeTemplate
        fields = list(services.TEMPLATE_FIELDS)
        widgets = {"body": forms.Textarea(attrs={"rows": 16})}


class RuleSetForm(forms.ModelForm):
    class Meta:
        model = RuleSet
        fields = list(services.RULE_FIELDS)
        widgets = {"remedy": forms.Textarea(attrs={"rows": 3})}

    def clean_remedy(self):
        from django.template import TemplateSyntaxError

        from xxgk.foi.letters import _ENGINE

        remedy = self.cleaned_data["remedy"].strip()
        if not remedy:
            raise ValidationError(_("请填写答复书的救济告知，写明申请人可以向哪里投诉、举报。"))
        try:
            _ENGINE.from_string(remedy)
        except TemplateSyntaxError as exc:
            raise ValidationError(_("救济告知有语法错误：%(e)s") % {"e": exc}) from None
        return remedy

    def clean_number_format(self):
        from xxgk.foi.numbering import validate_number_format

        fmt = self.cleaned_data["number_format"]
        validate_number_format(fmt)
        return fmt
