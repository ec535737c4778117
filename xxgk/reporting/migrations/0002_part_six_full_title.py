"""Part 六 of the annual report takes the 2018 notice's full title (教办厅函〔2018〕80号第（六）项) where the
row still has the old short one; a title the office edited is left alone."""

from django.db import migrations

OLD = ("存在的问题和改进措施", "教办厅函〔2018〕80号第（六）项")
NEW = (
    "本年度信息公开工作的新做法新举措、主要经验、问题和改进措施",
    "教办厅函〔2018〕80号第（六）项（“和改进措施”为据上下文补足，原文此处截断，未逐字核实）",
)


def retitle(apps, frm, to):
    ReportSection = apps.get_model("reporting", "ReportSection")
    ReportSection.objects.filter(key="problems", title=frm[0]).update(title=to[0], basis=to[1])


class Migration(migrations.Migration):
    dependencies = [("reporting", "0001_initial")]

    operations = [
        migrations.RunPython(lambda apps, schema: retitle(apps, OLD, NEW), lambda apps, schema: retitle(apps, NEW, OLD))
    ]
