"""A hub version that PostgreSQL itself changes on every change to the hubs and their area links (issue 17).

``schemes.areas`` caches the hub map per process and checked it, per submission, against an md5 over every hub
row and area link (~0.4 ms of database CPU per submission). Here statement-level triggers on the three tables
the md5 covered (``schemes_hub``, ``schemes_hub_provinces``, ``schemes_hub_municipalities``) give the one row of
``schemes_hubversion`` a new value for every INSERT, UPDATE, DELETE and TRUNCATE, however it is made (the ORM's
``save()``, ``QuerySet.update()``, m2m changes, raw SQL): the same coverage as the md5, read as one row.

* The new value comes from a sequence, so a value is never handed out twice (not even if the row is deleted by
  hand and made again); only "different from before" matters to the cache, not the order.
* It is written to a row, not read from the sequence, so it is transactional: a reader sees the new value in
  the same snapshot as the hub change, never before that change has committed (a sequence alone is not
  transactional: a reader would cache the old hubs under the new value).
* Concurrent hub changes wait for each other on that row until commit (hub changes are rare staff actions).

PostgreSQL only; other databases (the embedded SQLite mode) keep the md5 over ORM reads.
"""

from django.db import migrations

TABLES = ("schemes_hub", "schemes_hub_provinces", "schemes_hub_municipalities")

CREATE = [
    "CREATE SEQUENCE schemes_hubversion_seq",
    "CREATE TABLE schemes_hubversion (id smallint PRIMARY KEY CHECK (id = 1), version bigint NOT NULL)",
    "INSERT INTO schemes_hubversion (id, version) VALUES (1, nextval('schemes_hubversion_seq'))",
    """
    CREATE FUNCTION schemes_hubversion_bump() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        INSERT INTO schemes_hubversion (id, version) VALUES (1, nextval('schemes_hubversion_seq'))
        ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version;
        RETURN NULL;
    END
    $$
    """,
    *(
        f"CREATE TRIGGER {table}_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION schemes_hubversion_bump()"
        for table in TABLES
    ),
]

DROP = [
    *(f"DROP TRIGGER IF EXISTS {table}_version ON {table}" for table in TABLES),
    "DROP FUNCTION IF EXISTS schemes_hubversion_bump()",
    "DROP TABLE IF EXISTS schemes_hubversion",
    "DROP SEQUENCE IF EXISTS schemes_hubversion_seq",
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in CREATE:
        schema_editor.execute(statement)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in DROP:
        schema_editor.execute(statement)


class Migration(migrations.Migration):

    dependencies = [
        ("schemes", "0007_lead_applicant_must_be_sme"),
    ]

    operations = [migrations.RunPython(create, drop)]
