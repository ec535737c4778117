"""`xxgk screen-pending`: screen every attachment still pending (and make the masked copies asked
for, then screen them), here and now.

For operations and cron: after a restart or a crash, or on a machine where the app processes do
not run background work, this screens what is waiting (in the same bounded child processes the
background worker uses) and prints one line per file; without --record, also the files other apps
screen with the same machinery (`screening_jobs.register_pending`: an FOI reply's files). Exit status 0; the count of files screened
is the last line.
"""

from django.core.management.base import BaseCommand

from xxgk.publishing import screened_files, screening_jobs
from xxgk.publishing.screening_jobs import ATTACHMENTS


def _label(attachment) -> str:
    return f"信息 {attachment.record_id} 附件“{attachment.name}”"


class Command(BaseCommand):
    help = "筛查所有“筛查中”的附件（在前台依次完成）。xxgk screen-pending [--record ID]"

    def add_arguments(self, parser):
        parser.add_argument("--record", type=int, help="只筛查这条信息的附件")

    def handle(self, *args, record=None, **options):
        files = ATTACHMENTS.files() if record is None else ATTACHMENTS.files().filter(record_id=record)
        sources = [lambda: screened_files.pending_jobs(ATTACHMENTS, _label, files)]
        if record is None:  # other apps' files screened with the same machinery (an FOI reply's files)
            sources += screening_jobs.PENDING_SOURCES
        done = 0
        for source in sources:
            for label, job, pk in source():
                if job(pk):
                    done += 1
                    self.stdout.write(f"{label}：已筛查")
                else:
                    self.stdout.write(f"{label}：无需筛查（已删除、已更换或已完成）")
        self.stdout.write(f"共筛查 {done} 个附件。")
