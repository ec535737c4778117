"""PostgreSQL: the filter tokens (institution, department, year, catalog item) become a tsvector of their
own, indexed together with the text in one GIN index, so that one index scan finds the matches of one
institution instead of every institution's matches being fetched and filtered (1,000,000 records over 100
institutions). SQLite already matches the scope column inside FTS5 (migration 0003)."""

from django.db import migrations

PG_UP = [
    "ALTER TABLE portal_searchentry ADD COLUMN scope_tsv tsvector GENERATED ALWAYS AS ("
    "to_tsvector('simple'::regconfig, scope)) STORED",
    "DROP INDEX IF EXISTS portal_searchentry_tsv",
    "CREATE INDEX portal_searchentry_tsv ON portal_searchentry USING GIN (scope_tsv, tsv)",
]
PG_DOWN = [
    "DROP INDEX IF EXISTS portal_searchentry_tsv",
    "ALTER TABLE portal_searchentry DROP COLUMN IF EXISTS scope_tsv",
    "CREATE INDEX portal_searchentry_tsv ON portal_searchentry USING GIN (tsv)",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)
    return run


class Migration(migrations.Migration):
    dependencies = [("portal", "0003_scope")]

    operations = [migrations.RunPython(_run(PG_UP), _run(PG_DOWN))]
