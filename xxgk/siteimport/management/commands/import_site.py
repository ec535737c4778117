"""`xxgk import-site DIR --institution SLUG [--mapping FILE] [--dry-run] [--format json|table] [--user NAME]
[--background]`

Reads a saved copy of an old disclosure site (what `wget --mirror` leaves) and imports its
article pages as published records with their original dates; see `xxgk.siteimport`.
`--format json` prints {"articles": [{"path", "title", "date", "department", "item",
"attachments", "findings"}], "skipped": [{"path", "reason"}]}; `--dry-run` changes nothing.
Exit status 0, or 2 when an article has personal data or a file that could not be screened
(the 体检报告 lists them), 1 on a usage error. `--background` queues the import as a job (`tasks.py`) for the
worker and returns at once; the office's 体检报告 page shows how far it has got, then its result.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from xxgk import jobs
from xxgk.org.models import Institution
from xxgk.org.policy import can
from xxgk.siteimport import services, tasks
from xxgk.siteimport.mirror import MappingError, load_mapping, read_mirror


class Command(BaseCommand):
    help = "导入旧信息公开网站的文章（wget --mirror 保存的目录），并检查其中的个人信息。"

    def add_arguments(self, parser):
        parser.add_argument("directory")
        parser.add_argument("--institution", required=True, help="学校的网址标识（slug）")
        parser.add_argument("--mapping", help="映射文件（YAML）：栏目 → 清单事项和部门、CSS 选择器")
        parser.add_argument("--dry-run", action="store_true", help="只读取和检查，不写入")
        parser.add_argument("--format", choices=("json", "table"), default="table")
        parser.add_argument("--user", help="以哪位办公室管理员的名义导入（默认：该校第一位办公室管理员）")
        parser.add_argument(
            "--background", action="store_true", help="交给后台任务进程导入，进度在“旧网站体检报告”页显示"
        )

    def handle(
        self,
        directory,
        institution,
        mapping=None,
        dry_run=False,
        format="table",
        user=None,
        background=False,
        **options,
    ):
        school = Institution.objects.filter(slug=institution).first()
        if school is None:
            raise CommandError(f"没有网址标识为 {institution} 的学校")
        if background and not dry_run:
            self._queue(school, directory, mapping, user)
            return
        try:
            reading = read_mirror(directory, load_mapping(mapping), today=timezone.localdate())
        except MappingError as exc:
            raise CommandError(str(exc)) from exc
        planned = services.plan(school, reading, load_mapping(mapping))
        if not dry_run:
            services.run(self._actor(school, user), school, reading, planned)
        if format == "json":
            self.stdout.write(json.dumps(_as_json(planned, reading), ensure_ascii=False, indent=1))
        else:
            self._table(planned, reading, dry_run)
        if any(p.findings or p.unscreenable for p in planned):
            raise SystemExit(2)

    def _queue(self, school, directory, mapping, username):
        try:
            load_mapping(mapping)  # a mapping that cannot be read is said here, not later by the worker
        except MappingError as exc:
            raise CommandError(str(exc)) from exc
        if not Path(directory).is_dir():
            raise CommandError(f"{directory} 不是目录")
        actor = self._actor(school, username)
        with transaction.atomic():
            job = jobs.enqueue(
                tasks.KIND,
                school.pk,
                str(Path(directory).resolve()),
                str(Path(mapping).resolve()) if mapping else None,
                actor.pk,
                key=tasks.job_key(school),
                institution=school,
            )
        self.stdout.write(f"已交给后台任务（任务 {job.pk}）：进度和结果见工作台“旧网站体检报告”页。")

    def _actor(self, school, username):
        users = get_user_model().objects.filter(is_active=True)
        if username:
            actor = users.filter(username=username).first()
            if actor is None or not can(actor, "manage", school):
                raise CommandError(f"{username} 不是 {school.name} 的办公室管理员")
            return actor
        for actor in (
            users.filter(Q(memberships__institution=school) | Q(memberships__department__institution=school))
            .distinct()
            .order_by("id")
        ):
            if can(actor, "manage", school):
                return actor
        raise CommandError(f"{school.name} 还没有办公室管理员；请用 --user 指定")

    def _table(self, planned, reading, dry_run):
        status = {services.NEW: "新增", services.CHANGED: "更新", services.UNCHANGED: "未变"}
        for p in planned:
            a = p.article
            flag = f"  个人信息 {p.findings} 处" if p.findings else ""
            flag += f"  无法筛查 {len(p.unscreenable)} 个文件" if p.unscreenable else ""
            item = f"  清单 {p.item.number}" if p.item else ""
            self.stdout.write(
                f"{status[p.status]}  {a.published_on}  {a.title}  [{p.department.name}{item}]{flag}  {a.path}"
            )
        for s in reading.skipped:
            self.stdout.write(f"跳过  {s.path}：{s.reason}")
        verb = "将导入" if dry_run else "已导入"
        changed = sum(p.status != services.UNCHANGED for p in planned)
        flagged = sum(bool(p.findings or p.unscreenable) for p in planned)
        self.stdout.write(
            f"文章 {len(planned)} 篇，{verb} {changed} 篇，跳过页面 {len(reading.skipped)} 个；发现个人信息的文章 {flagged} 篇。"
        )


def _as_json(planned, reading) -> dict:
    return {
        "articles": [
            {
                "path": p.article.path,
                "title": p.article.title,
                "date": p.article.published_on.isoformat(),
                "department": p.article.department or p.department.name,
                "item": int(p.item.number)
                if p.item and p.item.number.isdigit()
                else (p.item.number if p.item else None),
                "attachments": p.article.attachments,
                "findings": p.findings,
                "unscreenable": p.unscreenable,
                "status": p.status,
                "record": p.record_id,
            }
            for p in planned
        ],
        "skipped": [{"path": s.path, "reason": s.reason} for s in reading.skipped],
    }
