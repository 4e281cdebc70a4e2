"""A partner submission's rows as ONE SQL statement (issue 17): intake, tags, request, outbox row, events, key.

The ORM path (``services._store_with_orm``) sends five to six INSERTs, and Django builds each one anew per request
(``SQLInsertCompiler.as_sql``: ~11 % of a submission's CPU). Here the same model instances are built by the same
code, each field's value is taken exactly as the ORM's INSERT takes it (``field.pre_save(obj, add=True)`` then
``field.get_db_prep_save``: defaults, ``auto_now``, JSON adaptation), and the rows go to PostgreSQL as one
statement with data-modifying CTEs::

    WITH i AS (INSERT INTO intake (...) VALUES (...) RETURNING id),
         t AS (INSERT INTO intaketag (intake_id, ...) VALUES ((SELECT id FROM i), ...), ... ),
         r AS (INSERT INTO supportrequest (intake_id, ...) VALUES ((SELECT id FROM i), ...) RETURNING id),
         ...
    SELECT (SELECT id FROM i), (SELECT id FROM r), ...

The only values not known before the statement are the new rows' ids, so they are referenced in SQL (a foreign
key, the outbox row's ``confirmation:<request id>`` key, the "e-mail scheduled" event's ``followup_id``). One
statement is one transaction: all or nothing, and the constraint errors (a reference collision, a taken
``Idempotency-Key``) are the same ``IntegrityError``\\s as before. The statement text depends only on the shape
(which rows, how many tags) and is built once per process and shape. ``tests/journeys/intake/
test_submission_sql.py`` compares every stored column with the ORM path's.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from functools import lru_cache
from uuid import UUID

from django.db import connection
from django.db.models import Field, Model
from psycopg.types.json import Jsonb

PK = "id"


@dataclass
class Row:
    """One row to insert: the instance, and the columns whose value is SQL instead (``x.<column>`` is the row's own)."""

    obj: Model
    refs: dict[str, str] = field(default_factory=dict)


@dataclass
class Part:
    """One ``name AS (INSERT …)`` of the statement: rows of one model."""

    name: str
    model: type[Model]
    rows: list[Row]


def ref(name: str) -> str:
    """The id of the row that part ``name`` inserted (parts with one row)."""
    assert name.isidentifier(), name  # a part name of this module's callers, never input
    return f"(SELECT {PK} FROM {name})"  # noqa: S608 - a part name, see above


@lru_cache(maxsize=64)
def _statement(shape: tuple) -> str:
    """The SQL for one shape: ``((part name, model, ((column, SQL), …) for the computed columns), …)``.

    Each part's rows arrive as ONE parameter, a JSON array of objects (column → value), read back into the
    table's own row type with ``jsonb_populate_recordset`` (in array order, so ids are handed out in the
    rows' order). So the statement stays short with one parameter per part, and psycopg converts it from
    its cache instead of splitting a long text with ~150 placeholders on every request. (psycopg caches texts
    up to 4,096 bytes: the largest shape, with an Idempotency-Key, is ~4,000. Longer still works, uncached.)
    """
    quote = connection.ops.quote_name
    ctes, selects = [], []
    for name, model, computed in shape:
        assert name.isidentifier(), name  # part names come from the callers' code, never from input
        computed = dict(computed)
        fields = _fields(model)
        table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
        columns = ", ".join(quote(f.column) for f in fields)
        values = ", ".join(computed.get(f.attname, f"x.{quote(f.column)}") for f in fields)
        ctes.append(f"{name} AS (INSERT INTO {table} ({columns}) SELECT {values} "  # noqa: S608 - model metadata
                    f"FROM jsonb_populate_recordset(NULL::{table}, %s::jsonb) WITH ORDINALITY AS x "
                    f"ORDER BY x.ordinality RETURNING {pk})")
        selects.append(f"ARRAY(SELECT {pk} FROM {name} ORDER BY 1)")  # noqa: S608
    return "WITH " + ", ".join(ctes) + " SELECT " + ", ".join(selects)


@lru_cache(maxsize=16)
def _fields(model: type[Model]) -> tuple:
    meta = model._meta
    assert meta.pk.column == PK and meta.pk.get_internal_type() in {"AutoField", "BigAutoField"}, model
    fields = tuple(f for f in meta.concrete_fields if not f.primary_key)
    assert not any(hasattr(f, "get_placeholder") for f in fields), model  # plain values only
    assert not any(getattr(f, "encoder", None) for f in fields), model  # JSON as json.dumps writes it
    return fields


# Field types whose ``get_db_prep_save`` returns a value of these Python types unchanged (Django 5.2: ``to_python``
# of a str is the str, ``int()`` of an int the int): skipped, ~7 % of a submission's CPU profile for ~120 columns.
_TEXT, _INT = (str,), (int,)
_IDENTITY_TYPES = {
    "CharField": _TEXT, "TextField": _TEXT, "SlugField": _TEXT, "EmailField": _TEXT,
    "BooleanField": (bool,), "IntegerField": _INT, "BigIntegerField": _INT, "SmallIntegerField": _INT,
    "PositiveIntegerField": _INT, "PositiveSmallIntegerField": _INT, "PositiveBigIntegerField": _INT,
}


def _isoformat(value):
    return value.isoformat()


def _aware_isoformat(value):
    # USE_TZ: Django stores an aware datetime as it is; a naive one takes the general path (its warning, the assert)
    return value.isoformat() if value.tzinfo is not None else _json_value(value)


# What ``get_db_prep_save`` + ``_json_value`` make of a value of these exact types, without the calls: an aware
# datetime or a date as ISO text, a UUID as text (PostgreSQL's native uuid), a foreign key's int as it is, a
# JSON column's dict or list as the document itself (no encoder: ``_fields`` asserts it). Anything else takes the
# general path. ``test_submission_sql`` compares every stored column with the ORM's.
_SHORTCUTS = {
    "DateTimeField": ((datetime,), _aware_isoformat), "DateField": ((date,), _isoformat),
    "UUIDField": ((UUID,), str), "ForeignKey": ((int,), None), "OneToOneField": ((int,), None),
    "JSONField": ((dict, list), None),
}


@lru_cache(maxsize=16)
def _column_plan(model: type[Model]) -> tuple:
    """Per column: (field, plain attribute or None when the field computes it in ``pre_save``, types stored
    unchanged, types with a shortcut, the shortcut)."""
    plan = []
    for f in _fields(model):
        internal = f.get_internal_type()
        if internal == "ForeignKey" and f.target_field.get_internal_type() not in {"AutoField", "BigAutoField"}:
            internal = ""  # a key to a non-integer column: the general path
        unchanged = _IDENTITY_TYPES.get(internal, ())
        short_types, shortcut = _SHORTCUTS.get(internal, ((), None))
        if unchanged or short_types:
            unchanged += (type(None),)  # these fields send None as None (SQL NULL)
        if shortcut is None:
            unchanged, short_types = unchanged + short_types, ()
        plain = f.attname if type(f).pre_save is Field.pre_save else None
        plan.append((f, plain, unchanged, short_types, shortcut))
    return tuple(plan)


def _json_value(value):
    """A value as the ORM would send it (``get_db_prep_save``), as JSON that PostgreSQL reads back the same."""
    if isinstance(value, Jsonb):  # a JSON column: the document itself, nested
        return value.obj
    if isinstance(value, (datetime, date, time)):
        assert not isinstance(value, datetime) or value.tzinfo is not None, value  # USE_TZ: aware, exact to the µs
        return value.isoformat()
    if isinstance(value, (UUID, Decimal)):
        return str(value)
    assert value is None or isinstance(value, (str, bool, int, float)), type(value)
    return value


def insert_rows(parts: list[Part]) -> None:
    """Insert every part's rows in one statement; set each instance's primary key and mark it saved.

    Every row of a part must compute the same columns in SQL (``Row.refs``: same keys, same SQL).
    """
    shape, params = [], []
    for part in parts:
        plan = _column_plan(part.model)
        computed = part.rows[0].refs
        assert all(row.refs.keys() == computed.keys() for row in part.rows), part.name
        documents = []
        for row in part.rows:
            # what SQLInsertCompiler.prepare_value(field, pre_save_val(field, obj)) sends, per column (a computed
            # column's SQL may use it as x.<column>, or not)
            document = {}
            obj = row.obj
            for f, plain, unchanged, short_types, shortcut in plan:
                value = getattr(obj, plain) if plain is not None else f.pre_save(obj, True)
                kind = type(value)
                if kind in unchanged:
                    pass
                elif kind in short_types:
                    value = shortcut(value)
                else:
                    value = _json_value(f.get_db_prep_save(value, connection=connection))
                document[f.column] = value
            documents.append(document)
        shape.append((part.name, part.model, tuple((attname, sql) for attname, sql in computed.items())))
        params.append(json.dumps(documents, ensure_ascii=False, allow_nan=False))
    with connection.cursor() as cursor:
        cursor.execute(_statement(tuple(shape)), params)
        ids = cursor.fetchone()
    for part, part_ids in zip(parts, ids, strict=True):
        for row, pk in zip(part.rows, part_ids, strict=True):
            row.obj.pk = pk
            row.obj._state.adding = False
            row.obj._state.db = connection.alias
