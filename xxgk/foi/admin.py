"""The platform administrator edits the reply reasons: the 办法's grounds, their articles and their national rows."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from xxgk.foi.models import ReplyReason
from xxgk.foi.reasons import national_groups


class ReplyReasonForm(forms.ModelForm):
    class Meta:
        model = ReplyReason
        fields = ["reply_type", "code", "name", "order", "article", "article_status", "note", "table_reason", "active"]

    def clean(self):
        data = super().clean()
        reply_type = data.get("reply_type")
        if reply_type is not None:
            rows = next((g["rows"] for g in national_groups() if g["key"] == reply_type.table_row), [])
            codes = [row["code"] for row in rows]
            if (data.get("table_reason") or "") not in (codes or [""]):
                listing = "、".join(f"{row['code']}（{row['label']}）" for row in rows) or _("（留空）")
                self.add_error("table_reason", _("国家统计表这一组的子项只能是：%(rows)s") % {"rows": listing})
        return data


@admin.register(ReplyReason)
class ReplyReasonAdmin(admin.ModelAdmin):
    form = ReplyReasonForm
    list_display = ("name", "reply_type", "article", "article_status", "table_reason", "active")
    list_filter = ("reply_type", "article_status", "active")
