import json

from django.core.management.base import BaseCommand

from xxgk.org.models import Institution


class Command(BaseCommand):
    help = "列出本平台托管的学校。"

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["json", "table"], default="table")

    def handle(self, *args, format="table", **options):
        rows = [{"slug": i.slug, "name": i.name, "code": i.code} for i in Institution.objects.order_by("slug")]
        if format == "json":
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1))
        else:
            for r in rows:
                self.stdout.write(f"{r['slug']:<16} {r['code']:<10} {r['name']}")
