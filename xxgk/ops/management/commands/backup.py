"""`xxgk backup --output FILE`: the database and every stored file in one archive with checksums."""

from django.core.management.base import BaseCommand, CommandError

from xxgk.ops.backup import BackupError, make_backup


class Command(BaseCommand):
    help = (
        "备份数据库（PostgreSQL 用 pg_dump 自定义格式，SQLite 用在线备份接口）和全部上传文件，"
        "连同含 sha256 校验和的清单写入一个归档（.tar；以 .tar.gz 结尾则压缩）。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", "-o", required=True, help="归档文件路径，如 /var/backups/xxgk/xxgk-2024-05-01.tar"
        )

    def handle(self, *args, output, **options):
        try:
            manifest = make_backup(output, log=self.stdout.write)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        tables = manifest["tables"]
        self.stdout.write(
            f"备份完成：{output}（{manifest['database']['vendor']}，{len(tables)} 张表 {sum(tables.values())} 行，"
            f"文件 {len(manifest['media'])} 个）"
        )
        if manifest["missing_media"]:
            self.stderr.write(
                f"注意：{len(manifest['missing_media'])} 个文件有记录引用但存储中没有："
                + "、".join(manifest["missing_media"][:10])
            )
