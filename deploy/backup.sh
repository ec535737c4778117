#!/bin/sh
# Nightly backup (deploy/systemd/xxgk-backup.timer): `xxgk backup` to XXGK_BACKUP_DIR, the archive checked
# against its checksums at once, then archives older than XXGK_BACKUP_KEEP_DAYS days removed. Copy the
# folder off the machine as well (rsync, the university's backup system): a backup on the same disk does
# not survive the disk.
set -eu
dir="${XXGK_BACKUP_DIR:-/var/backups/xxgk}"
keep="${XXGK_BACKUP_KEEP_DAYS:-30}"
xxgk="$(dirname "$0")/../.venv/bin/xxgk"
umask 077
mkdir -p "$dir"
file="$dir/xxgk-$(date +%Y%m%d-%H%M%S).tar"
"$xxgk" backup --output "$file"
"$xxgk" restore --verify-only "$file"
find "$dir" -maxdepth 1 -name 'xxgk-*.tar' -mtime +"$keep" -delete
