"""Indexes a submission's INSERT maintained that no query needs (issue 17, docs/benchmarks.md (7d) Database side).

* Three single-column indexes that a composite or unique index starts with (the composite serves every lookup,
  range and sort by that column, and the FK's ON DELETE look-ups): ``Intake.submitted_at`` ("insight_submitted"
  is (submitted_at, hub, province, stage)), ``IntakeTag.intake`` ("unique_intake_tag" is (intake, dimension,
  code)), ``SupportRequest.hub`` ("queue_by_hub" and three more queue indexes start with hub).
* Four ``varchar_pattern_ops`` copies Django adds to every indexed CharField for ``LIKE 'x%'``
  (``startswith``): the code never filters these columns by a pattern (only by equality, which their unique
  or plain index serves; the admin has no search on these models): support request ``reference`` and
  ``status_token``, outbox ``idempotency_key``, intake ``stage``. PostgreSQL only (other databases have none).
"""

import django.db.models.deletion
from django.db import migrations, models

PATTERN_INDEXES = {  # name: (table, column), as Django 5.2 named them in journeys 0001-0022
    "journeys_supportrequest_reference_11bdc562_like": ("journeys_supportrequest", "reference"),
    "journeys_supportrequest_status_token_6d6e38b7_like": ("journeys_supportrequest", "status_token"),
    "journeys_followup_idempotency_key_80b2c090_like": ("journeys_followup", "idempotency_key"),
    "journeys_intake_stage_02164e5e_like": ("journeys_intake", "stage"),
}


def drop_pattern_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in PATTERN_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


def create_pattern_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, (table, column) in PATTERN_INDEXES.items():
        schema_editor.execute(f'CREATE INDEX IF NOT EXISTS {name} ON {table} ("{column}" varchar_pattern_ops)')


class Migration(migrations.Migration):

    dependencies = [
        ('journeys', '0023_json_columns_lz4'),
        ('schemes', '0008_hub_version_triggers'),
    ]

    operations = [
        migrations.RunPython(drop_pattern_indexes, create_pattern_indexes),
        migrations.AlterField(
            model_name='intake',
            name='submitted_at',
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AlterField(
            model_name='intaketag',
            name='intake',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='tags', to='journeys.intake'),
        ),
        migrations.AlterField(
            model_name='supportrequest',
            name='hub',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.PROTECT, related_name='support_requests', to='schemes.hub'),
        ),
    ]
