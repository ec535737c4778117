"""`xxgk report build --institution SLUG --year 2022-2023 --format docx|pdf|html|xlsx --output FILE`
and `xxgk report remind [--today YYYY-MM-DD]`."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

FORMATS = ("docx", "pdf", "html", "xlsx")


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"日期格式不正确：{value!r}，应为 YYYY-MM-DD。") from None


def render(fmt: str, doc, base_url: str = "") -> bytes:
    from xxgk.reporting import docx, html, pdf, xlsx

    if fmt == "html":
        return html.render(doc, base_url=base_url).encode("utf-8")
    return {"docx": docx, "pdf": pdf, "xlsx": xlsx}[fmt].render(doc, base_url=base_url)


class Command(BaseCommand):
    help = "信息公开工作年度报告：生成（build）和定稿提醒（remind）。"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="what", required=True)
        build = sub.add_parser("build", help="生成年度报告")
        build.add_argument("--institution", required=True)
        build.add_argument("--year", help="学年，如 2022-2023（默认 9月1日至次年8月31日）")
        build.add_argument("--from", dest="start", help="自定义统计起始日期")
        build.add_argument("--to", dest="end", help="自定义统计截止日期")
        build.add_argument("--format", choices=FORMATS, default="docx")
        build.add_argument("--output", required=True)
        build.add_argument("--base-url", default="", help="栏目链接的网址前缀，如 https://xxgk.example.edu.cn")
        remind = sub.add_parser("remind", help="10月1日起提醒办公室管理员完成年度报告")
        remind.add_argument("--today", help="按这一天计算（默认今天）")

    def handle(self, *args, what, **options):
        if what == "remind":
            from xxgk.reporting.services import remind

            today = _date(options["today"]) if options.get("today") else None
            for institution, emails in remind(today=today):
                self.stdout.write(f"{institution.name}: {'、'.join(emails)}")
            return
        self._build(**options)

    def _build(self, institution, year, start, end, format, output, base_url, **_):
        from xxgk.org.models import Institution
        from xxgk.reporting import annual
        from xxgk.reporting.models import AnnualReport
        from xxgk.reporting.services import academic_year

        inst = Institution.objects.filter(slug=institution).first()
        if inst is None:
            raise CommandError(
                f"没有网址标识为 {institution!r} 的学校。可用："
                + "、".join(Institution.objects.values_list("slug", flat=True))
            )
        if start or end:
            if not (start and end):
                raise CommandError("--from 和 --to 须同时给出。")
            start, end = _date(start), _date(end)
        elif year:
            try:
                period = academic_year(year)
            except ValidationError as exc:
                raise CommandError(exc.messages[0]) from None
            start, end = period.start, period.end
        else:
            raise CommandError("请用 --year 2022-2023 或 --from/--to 指定统计期间。")
        if end < start:
            raise CommandError("截止日期不能早于起始日期。")
        report = AnnualReport.objects.filter(institution=inst, period_start=start, period_end=end).first()
        began = time.perf_counter()
        doc = annual.build(inst, start, end, report=report)
        data = render(format, doc, base_url)
        Path(output).write_bytes(data)
        self.stdout.write(
            f"{inst.name} {start}—{end} {format}: {output}（{len(data)} 字节，{time.perf_counter() - began:.1f} 秒）"
        )
