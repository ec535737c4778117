"""The database's own full-text index over SearchEntry, per vendor.

SQLite: an FTS5 table (unicode61 over space-separated jieba tokens) kept in
step with portal_searchentry by triggers. PostgreSQL: a generated tsvector
column ('simple' configuration, title weighted A, body B) with a GIN index.
"""

from django.db import migrations

SQLITE_UP = [
    "CREATE VIRTUAL TABLE portal_searchfts USING fts5(title, body, content='portal_searchentry', "
    "content_rowid='record_id', tokenize='unicode61')",
    "CREATE TRIGGER portal_searchentry_ai AFTER INSERT ON portal_searchentry BEGIN "
    "INSERT INTO portal_searchfts(rowid, title, body) VALUES (new.record_id, new.title, new.body); END",
    "CREATE TRIGGER portal_searchentry_ad AFTER DELETE ON portal_searchentry BEGIN "
    "INSERT INTO portal_searchfts(portal_searchfts, rowid, title, body) VALUES ('delete', old.record_id, old.title, old.body); END",
    "CREATE TRIGGER portal_searchentry_au AFTER UPDATE ON portal_searchentry BEGIN "
    "INSERT INTO portal_searchfts(portal_searchfts, rowid, title, body) VALUES ('delete', old.record_id, old.title, old.body); "
    "INSERT INTO portal_searchfts(rowid, title, body) VALUES (new.record_id, new.title, new.body); END",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS portal_searchentry_au",
    "DROP TRIGGER IF EXISTS portal_searchentry_ad",
    "DROP TRIGGER IF EXISTS portal_searchentry_ai",
    "DROP TABLE IF EXISTS portal_searchfts",
]
PG_UP = [
    "ALTER TABLE portal_searchentry ADD COLUMN tsv tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple'::regconfig, title), 'A') || "
    "setweight(to_tsvector('simple'::regconfig, body), 'B')) STORED",
    "CREATE INDEX portal_searchentry_tsv ON portal_searchentry USING GIN (tsv)",
]
PG_DOWN = [
    "DROP INDEX IF EXISTS portal_searchentry_tsv",
    "ALTER TABLE portal_searchentry DROP COLUMN IF EXISTS tsv",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)
    return run


class Migration(migrations.Migration):
    dependencies = [("portal", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": PG_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": PG_DOWN}),
        ),
    ]
