"""The office's page for API tokens: issue (the key is shown once), see their use, revoke."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from xxgk.api import tokens
from xxgk.api.models import ApiToken, ApiTokenUse, Scope
from xxgk.org.choice import chosen_institution
from xxgk.workbench.views import staff_required


class TokenForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("用途"), max_length=100)
    department = forms.ChoiceField(label=gettext_lazy("所属"), required=False)
    scopes = forms.MultipleChoiceField(
        label=gettext_lazy("权限范围"), choices=Scope.choices, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, institution, **kwargs):
        super().__init__(*args, **kwargs)
        self.institution = institution
        choices = [("", _("全校（办公室）"))] + [
            (str(d.pk), d.name) for d in institution.departments.order_by("order", "pk")
        ]
        self.fields["department"].choices = choices

    def clean_department(self):
        value = self.cleaned_data.get("department")
        return self.institution.departments.filter(pk=value).first() if value else None


def _page(request, institution, form, key=None):
    rows = ApiToken.objects.filter(institution=institution).select_related("department", "created_by")
    uses = ApiTokenUse.objects.filter(token__institution=institution).select_related("token")[:50]
    return render(
        request,
        "api/tokens.html",
        {"institution": institution, "form": form, "rows": rows, "uses": uses, "key": key, "tab": "api_tokens"},
    )


@staff_required
def token_list(request):
    institution = chosen_institution(request, "manage")
    form = TokenForm(request.POST or None, institution=institution)
    if request.method == "POST" and form.is_valid():
        try:
            token, key = tokens.issue(
                request.user,
                institution,
                name=form.cleaned_data["name"],
                scopes=form.cleaned_data["scopes"],
                department=form.cleaned_data["department"],
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("令牌“%(name)s”已签发。") % {"name": token.name})
            return _page(request, institution, TokenForm(institution=institution), key=key)
    return _page(request, institution, form)


@staff_required
@require_POST
def revoke(request, pk: int):
    institution = chosen_institution(request, "manage")
    token = get_object_or_404(ApiToken, pk=pk, institution=institution)
    tokens.revoke(request.user, token)
    messages.success(request, _("令牌“%(name)s”已吊销，不能再调用接口。") % {"name": token.name})
    return redirect(f"{reverse('api_staff:tokens')}?i={institution.slug}")
