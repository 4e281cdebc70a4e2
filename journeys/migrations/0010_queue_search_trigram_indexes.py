"""Indexes for the hub queue's search: trigram on company name and e-mail (PostgreSQL only), KvK number.

The search is `icontains`, which Django writes as UPPER(column) LIKE UPPER('%…%'); these GIN indexes on
exactly that expression let PostgreSQL find the few matching intakes instead of reading every request of the
hub. pg_trgm is a trusted extension (PostgreSQL 13+): a user with CREATE on the database can create it without
superuser rights (managed hosts may need it allow-listed).
SQLite (the embedded demo) gets neither; its search stays a scan, which is fine at demo size.
The trigram indexes are built CONCURRENTLY, so new intakes and draft saves are not blocked while they build;
that cannot run in a transaction, hence ``atomic = False``.
"""

from django.db import migrations, models

INDEXES = {
    "journeys_intake_company_name_trgm": "company_name",
    "journeys_intake_email_trgm": "email",
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # Not TrigramExtension(): its reverse queries pg_extension even on SQLite. Reversing keeps the extension.
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, column in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {name} "
            f"ON journeys_intake USING gin (UPPER({column}::text) gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {name}")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("journeys", "0009_perf_queue_indexes"),
    ]

    operations = [
        migrations.RunPython(create_indexes, drop_indexes, elidable=False),
        migrations.AddIndex(
            model_name="intake",
            index=models.Index(
                condition=models.Q(("kvk_number", ""), _negated=True), fields=["kvk_number"], name="intake_kvk_number"
            ),
        ),
    ]
