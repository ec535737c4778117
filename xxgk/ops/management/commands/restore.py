"""`xxgk restore FILE`: put a backup into an empty database and storage, after checking every checksum."""

from django.core.management.base import BaseCommand, CommandError

from xxgk.ops.backup import BackupError, restore, verify


class Command(BaseCommand):
    help = (
        "从 xxgk backup 的归档恢复：先核对全部校验和（不符则不做任何改动），再写入空的数据库和文件存储，"
        "逐个读回核对文件，应用新的迁移并重建全文检索索引。数据库已有账号或学校、存储已有文件时拒绝，除非 --force。"
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="xxgk backup 写出的归档")
        parser.add_argument("--force", action="store_true", help="目标数据库或存储不空也覆盖（原有数据将丢失）")
        parser.add_argument("--verify-only", action="store_true", help="只核对归档的校验和，不恢复")

    def handle(self, *args, archive, force=False, verify_only=False, **options):
        try:
            if verify_only:
                import tempfile

                with tempfile.TemporaryDirectory(prefix="xxgk-verify-") as work:
                    checked = verify(archive, work)
                manifest = checked.manifest
                self.stdout.write(
                    f"校验通过：{archive}（{manifest['created']}，{manifest['database']['vendor']}，"
                    f"{len(manifest['tables'])} 张表，文件 {len(checked.media)} 个）"
                )
                return
            manifest = restore(archive, force=force, log=self.stdout.write)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"恢复完成：{archive}（备份于 {manifest['created']}）")
