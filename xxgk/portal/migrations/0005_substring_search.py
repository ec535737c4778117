"""Search by substring: the jieba-segmented index gives way to character bigrams (see xxgk.portal.search).

The old engine structures go (SQLite: the FTS5 table over segmented words and its triggers; PostgreSQL:
the tsvector columns and their GIN index), every entry is dropped, and the new ones are made: on SQLite a
contentless FTS5 table written by `search.index_records`, on PostgreSQL a bigint[] column of bigram and
filter codes under a GIN index. Run `xxgk search_index --rebuild` after migrating.
"""

from django.db import migrations, models

DROP = {
    "sqlite": [
        "DROP TRIGGER IF EXISTS portal_searchentry_au",
        "DROP TRIGGER IF EXISTS portal_searchentry_ad",
        "DROP TRIGGER IF EXISTS portal_searchentry_ai",
        "DROP TABLE IF EXISTS portal_searchfts",
    ],
    "postgresql": [
        "DROP INDEX IF EXISTS portal_searchentry_tsv",
        "ALTER TABLE portal_searchentry DROP COLUMN IF EXISTS scope_tsv",
        "ALTER TABLE portal_searchentry DROP COLUMN IF EXISTS tsv",
    ],
}
CREATE = {
    "sqlite": [
        "CREATE VIRTUAL TABLE portal_searchfts USING fts5(title, body, scope, content='', columnsize=0, "
        "tokenize='ascii')",
    ],
    "postgresql": [
        "ALTER TABLE portal_searchentry ADD COLUMN keys bigint[]",
        "CREATE INDEX portal_searchentry_keys ON portal_searchentry USING GIN (keys)",
    ],
}



def _old_engine():
    """What migrations 0002-0004 made, for migrating back."""
    from importlib import import_module

    scope = import_module("xxgk.portal.migrations.0003_scope")
    fulltext = import_module("xxgk.portal.migrations.0002_fulltext")
    gin = import_module("xxgk.portal.migrations.0004_scope_in_gin")
    return {"sqlite": scope.SQLITE_UP, "postgresql": fulltext.PG_UP + gin.PG_UP}


UNDO = {
    "sqlite": ["DROP TABLE IF EXISTS portal_searchfts"],
    "postgresql": ["DROP INDEX IF EXISTS portal_searchentry_keys", "ALTER TABLE portal_searchentry DROP COLUMN keys"],
}


def _run(statements, *, clear=False):
    def run(apps, schema_editor):
        nonlocal statements
        if callable(statements):
            statements = statements()
        if clear:
            schema_editor.execute("DELETE FROM portal_searchentry")
            schema_editor.execute("DELETE FROM portal_indexmark")
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("portal", "0004_scope_in_gin")]

    operations = [
        migrations.RunPython(_run(DROP, clear=True), _run(_old_engine, clear=True)),
        migrations.RemoveField(model_name="searchentry", name="body"),
        migrations.AlterField(
            model_name="searchentry",
            name="title",
            field=models.TextField(help_text="the title as indexed"),
        ),
        migrations.AlterField(
            model_name="searchentry",
            name="plain",
            field=models.TextField(
                help_text="summary, body text and screened attachment text as indexed, one per line"
            ),
        ),
        migrations.AlterField(
            model_name="searchentry",
            name="scope",
            field=models.TextField(default="", help_text="filter tokens: d<department> y<year> c<catalog item>"),
        ),
        migrations.AddField(
            model_name="searchentry",
            name="key",
            field=models.BigIntegerField(
                default=0,
                help_text="institution | second of publication | record: orders an institution's entries",
                unique=True,
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="searchentry",
            name="digest",
            field=models.CharField(default="", help_text="sha256 of title, plain and scope", max_length=64),
        ),
        migrations.RunPython(_run(CREATE), _run(UNDO, clear=True)),
    ]
