import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from xxgk.org.models import Institution
from xxgk.publishing.stats import channel_counts


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"日期格式不正确：{value!r}，应为 YYYY-MM-DD。") from None


class Command(BaseCommand):
    help = "统计数字。xxgk stats channels --institution SLUG --from 2022-09-01 --to 2023-08-31"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="what", required=True)
        channels = sub.add_parser("channels", help="各发布渠道在期间内的发布数量")
        channels.add_argument("--institution", required=True)
        channels.add_argument("--from", dest="start", required=True)
        channels.add_argument("--to", dest="end", required=True)
        channels.add_argument("--format", choices=["json", "table"], default="table")

    def handle(self, *args, what, institution, start, end, format="table", **options):
        inst = Institution.objects.filter(slug=institution).first()
        if inst is None:
            raise CommandError(
                f"没有网址标识为 {institution!r} 的学校。可用："
                + "、".join(Institution.objects.values_list("slug", flat=True))
            )
        start, end = _date(start), _date(end)
        if end < start:
            raise CommandError("截止日期不能早于起始日期。")
        counts = channel_counts(inst, start, end)
        if format == "json":
            payload = {
                "institution": inst.slug,
                "from": start.isoformat(),
                "to": end.isoformat(),
                "channels": [c.as_dict() for c in counts],
            }
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=1))
            return
        self.stdout.write(f"{inst.name} {start} — {end}")
        for c in counts:
            self.stdout.write(f"  {c.kind_label:<10} {c.name:<30} {c.count:>6}")
