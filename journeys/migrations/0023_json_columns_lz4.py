"""The large JSON columns of a submission's rows compressed with lz4 instead of pglz (issue 17, (7d) Database side).

A partner submission stores ~12 KB of matches on the intake and ~7 KB in the request's "created" event; PostgreSQL
compresses values that make a row larger than ~2 KB. Measured on the submission's one INSERT statement (paired,
both orders, bench/profile_partner_db.py --storage): lz4 costs ~0.5 ms of database CPU less per submission than
the default pglz. Compression is how a value is kept on disk, not the value: every read returns the same JSON,
rows stored before stay pglz and are read as before (only new values are lz4).

PostgreSQL only, and only where the server was built with lz4 (``default_toast_compression`` offers it; the
``postgres:15`` image and Debian's packages are); elsewhere nothing changes.
"""

from django.db import migrations

COLUMNS = {
    "journeys_intake": ("answers", "stage_reasons", "matches", "routing"),
    "journeys_requestevent": ("data",),
    "journeys_followup": ("payload",),
}


def _lz4_available(schema_editor) -> bool:
    if schema_editor.connection.vendor != "postgresql":
        return False
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'")
        row = cursor.fetchone()
    return bool(row and row[0])


def _set(schema_editor, method: str) -> None:
    for table, columns in COLUMNS.items():
        for column in columns:
            schema_editor.execute(f'ALTER TABLE {table} ALTER COLUMN "{column}" SET COMPRESSION {method}')


def to_lz4(apps, schema_editor):
    if _lz4_available(schema_editor):
        _set(schema_editor, "lz4")


def to_default(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        _set(schema_editor, "DEFAULT")


class Migration(migrations.Migration):

    dependencies = [
        ("journeys", "0022_followup_kinds_with_referrers"),
    ]

    operations = [migrations.RunPython(to_lz4, to_default)]
