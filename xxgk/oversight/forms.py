from __future__ import annotations

from django import forms
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext_lazy as _

from xxgk.org.models import Department
from xxgk.oversight.models import CaseKind, LetterSource, LitigationRoute, Mailbox, MailboxKind, Outcome, SourceKind
from xxgk.oversight.rules_data import invalid_reasons

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class LetterForm(forms.Form):
    writer_name = forms.CharField(label=_("姓名"), max_length=50, required=False)
    writer_contact = forms.CharField(label=_("联系方式（手机或电子邮箱）"), max_length=100, required=False)
    subject = forms.CharField(label=_("主题"), max_length=200, error_messages={"required": _("请填写主题。")})
    message = forms.CharField(
        label=_("内容"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=5000,
        error_messages={"required": _("请填写来信内容。")},
    )
    wants_public_reply = forms.BooleanField(label=_("同意公开答复（公开时隐去您的姓名和联系方式）"), required=False)


class LookupForm(forms.Form):
    query_code = forms.CharField(label=_("查询码"), max_length=20)
    password = forms.CharField(label=_("密码"), max_length=50, widget=forms.PasswordInput)


class RatingForm(forms.Form):
    stars = forms.TypedChoiceField(
        label=_("评分"),
        coerce=int,
        choices=[(i, f"{i} ★") for i in range(5, 0, -1)],
        widget=forms.RadioSelect,
        error_messages={"required": _("请选择评分。")},
    )
    comment = forms.CharField(label=_("意见（选填，200字以内）"), max_length=200, required=False)


class RegisterLetterForm(forms.Form):
    mailbox = forms.ModelChoiceField(label=_("信箱"), queryset=Mailbox.objects.none())
    source = forms.ChoiceField(label=_("来信途径"), choices=[c for c in SourceKind.choices if c[0] != "web"])
    source_system = forms.ModelChoiceField(label=_("转办渠道"), queryset=LetterSource.objects.none(), required=False)
    external_ref = forms.CharField(label=_("外部编号（转办单号）"), max_length=100, required=False)
    external_due = forms.DateField(label=_("转办单位要求的办结日期"), required=False, widget=DATE)
    received_on = forms.DateField(label=_("收信日期"), widget=DATE)
    writer_name = forms.CharField(label=_("来信人姓名"), max_length=50, required=False)
    writer_contact = forms.CharField(label=_("联系方式"), max_length=100, required=False)
    subject = forms.CharField(label=_("主题"), max_length=200)
    message = forms.CharField(label=_("内容"), widget=forms.Textarea(attrs={"rows": 6}))
    wants_public_reply = forms.BooleanField(label=_("来信人同意公开答复"), required=False)

    def __init__(self, *args, mailboxes, sources, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mailbox"].queryset = mailboxes
        self.fields["source_system"].queryset = sources


class TextForm(forms.Form):
    text = forms.CharField(label=_("答复内容"), widget=forms.Textarea(attrs={"rows": 8}))


class CommentForm(forms.Form):
    comment = forms.CharField(label=_("意见"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class InvalidForm(forms.Form):
    reason = forms.ChoiceField(label=_("无效原因"), choices=invalid_reasons)
    note = forms.CharField(label=_("说明"), max_length=500, required=False)


class CaseForm(forms.Form):
    kind = forms.ChoiceField(label=_("类别"), choices=CaseKind.choices)
    filed_on = forms.DateField(label=_("收到（立案）日期"), widget=DATE)
    matter = forms.CharField(label=_("事由"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    party = forms.CharField(label=_("申请人/举报人/原告"), max_length=100, required=False)
    authority = forms.CharField(label=_("复议机关/法院/受理机关"), max_length=100, required=False)
    record_index = forms.CharField(label=_("相关公开信息的索引号"), max_length=60, required=False)
    application_ref = forms.CharField(label=_("相关依申请公开件（编号）"), max_length=60, required=False)
    outcome = forms.ChoiceField(label=_("结果"), choices=Outcome.choices, initial=Outcome.PENDING)
    decided_on = forms.DateField(label=_("审结日期"), required=False, widget=DATE)
    route = forms.ChoiceField(
        label=_("起诉方式（仅行政诉讼）"), choices=[("", "—")] + list(LitigationRoute.choices), required=False
    )
    note = forms.CharField(label=_("处理情况"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    served_on = forms.DateField(
        label=_("收到副本日期（复议、诉讼）"),
        required=False,
        widget=DATE,
        help_text=_("收到复议申请书副本或起诉状副本的日期；答复、答辩期限从这一天起算，不填按收到（立案）日期算。"),
    )
    due_by = forms.DateField(
        label=_("指定期限"),
        required=False,
        widget=DATE,
        help_text=_("复议机关、法院或转办单位指定的答复期限；填写后以它为准。举报没有法定期限，可在此填写。"),
    )
    answered_on = forms.DateField(label=_("答复（答辩）日期"), required=False, widget=DATE)

    field_order = [
        "kind",
        "filed_on",
        "served_on",
        "due_by",
        "matter",
        "party",
        "authority",
        "record_index",
        "application_ref",
        "answered_on",
        "outcome",
        "decided_on",
        "route",
        "note",
    ]


class CaseAnswerForm(forms.Form):
    answered_on = forms.DateField(label=_("答复（答辩）日期"), widget=DATE)
    answer_note = forms.CharField(
        label=_("说明（提交了哪些材料、如何答复）"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class CaseDecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("结果"), choices=[("", "—")] + [(v, label) for v, label in Outcome.choices if v != Outcome.PENDING]
    )
    decided_on = forms.DateField(label=_("审结日期"), widget=DATE)
    decision_note = forms.CharField(
        label=_("说明（决定书、判决书文号等）"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class SurveyForm(forms.Form):
    title = forms.CharField(label=_("调查名称"), max_length=200)
    period_start = forms.DateField(label=_("调查期间起"), widget=DATE)
    period_end = forms.DateField(label=_("调查期间止"), widget=DATE)
    sample_size = forms.IntegerField(label=_("样本量"), min_value=1)
    satisfied_count = forms.IntegerField(label=_("满意人数"), min_value=0)
    note = forms.CharField(label=_("说明"), max_length=500, required=False)


class MailboxForm(forms.Form):
    """A box's settings on the office's 信箱设置 page (`services.update_mailbox` / `create_mailbox` check them)."""

    name = forms.CharField(label=_("名称"), max_length=100)
    kind = forms.ChoiceField(label=_("类型"), choices=MailboxKind.choices)
    description = forms.CharField(label=_("说明（显示在门户的信箱页）"), max_length=500, required=False)
    department = forms.ModelChoiceField(
        label=_("所属部门"),
        queryset=Department.objects.none(),
        required=False,
        help_text=_("部门信箱的来信由该部门的信息员拟复、负责人审核；不选则由受理人或办公室答复或分办。"),
    )
    handlers = forms.ModelMultipleChoiceField(
        label=_("受理人"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("受理人代办公室办理本信箱的来信：登记、分办、直接答复、审核措辞、答复、延期。"),
    )
    deadline_days = forms.IntegerField(label=_("答复期限（工作日）"), min_value=1)
    extension_allowed = forms.BooleanField(label=_("允许延期（每封来信只能延期一次，须写明理由）"), required=False)
    extension_days = forms.IntegerField(label=_("延期天数（工作日）"), min_value=1)
    public_replies = forms.BooleanField(label=_("答复可在门户公开（隐去来信人姓名和联系方式）"), required=False)
    public_reply_needs_consent = forms.BooleanField(label=_("公开答复须经来信人同意"), required=False)
    requires_contact = forms.BooleanField(label=_("网上来信须留姓名和联系方式"), required=False)
    active = forms.BooleanField(label=_("开放（接受来信）"), required=False)
    order = forms.IntegerField(label=_("排序"), min_value=0, max_value=32767)

    def __init__(self, *args, institution, handler_choices, longest: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(institution=institution)
        self.fields["handlers"].queryset = handler_choices
        self.fields["handlers"].label_from_instance = lambda u: (
            f"{u.get_full_name() or u.first_name}（{u.username}）"
            if (u.get_full_name() or u.first_name)
            else u.username
        )
        for key in ("deadline_days", "extension_days"):
            self.fields[key].max_value = longest
            self.fields[key].validators.append(MaxValueValidator(longest))
            self.fields[key].widget.attrs["max"] = longest
