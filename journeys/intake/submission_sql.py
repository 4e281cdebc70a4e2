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

from dataclasses import dataclass, field
from functools import lru_cache

from django.db import connection
from django.db.models import Model

PK = "id"


@dataclass
class Row:
    """One row to insert: the instance, and the columns whose value is SQL (``(sql, params)``) instead."""

    obj: Model
    refs: dict[str, tuple[str, list]] = field(default_factory=dict)


@dataclass
class Part:
    """One ``name AS (INSERT …)`` of the statement: rows of one model."""

    name: str
    model: type[Model]
    rows: list[Row]


def ref(name: str) -> tuple[str, list]:
    """The id of the row that part ``name`` inserted (parts with one row)."""
    assert name.isidentifier(), name  # a part name of this module's callers, never input
    return f"(SELECT {PK} FROM {name})", []  # noqa: S608 - a part name, see above


@lru_cache(maxsize=64)
def _statement(shape: tuple) -> str:
    """The SQL for one shape: ``((part name, model, ((ref columns of row 1), (… row 2), …)), …)``."""
    quote = connection.ops.quote_name
    ctes, selects = [], []
    for name, model, row_refs in shape:
        assert name.isidentifier(), name  # part names come from the callers' code, never from input
        fields = _fields(model)
        columns = ", ".join(quote(f.column) for f in fields)
        values = []
        for refs in row_refs:
            refs = dict(refs)
            values.append("(" + ", ".join(refs.get(f.attname, "%s") for f in fields) + ")")
        ctes.append(f"{name} AS (INSERT INTO {quote(model._meta.db_table)} ({columns}) "  # noqa: S608 - model metadata
                    f"VALUES {', '.join(values)} RETURNING {quote(model._meta.pk.column)})")
        selects.append(f"ARRAY(SELECT {quote(model._meta.pk.column)} FROM {name} ORDER BY 1)")  # noqa: S608
    return "WITH " + ", ".join(ctes) + " SELECT " + ", ".join(selects)


@lru_cache(maxsize=16)
def _fields(model: type[Model]) -> tuple:
    meta = model._meta
    assert meta.pk.column == PK and meta.pk.get_internal_type() in {"AutoField", "BigAutoField"}, model
    fields = tuple(f for f in meta.concrete_fields if not f.primary_key)
    assert not any(hasattr(f, "get_placeholder") for f in fields), model  # plain %s placeholders only
    return fields


def insert_rows(parts: list[Part]) -> None:
    """Insert every part's rows in one statement; set each instance's primary key and mark it saved."""
    shape, params = [], []
    for part in parts:
        fields = _fields(part.model)
        row_refs = []
        for row in part.rows:
            refs_sql = []
            for f in fields:
                if f.attname in row.refs:
                    sql, ref_params = row.refs[f.attname]
                    refs_sql.append((f.attname, sql))
                    params.extend(ref_params)
                else:  # what SQLInsertCompiler.prepare_value(field, pre_save_val(field, obj)) sends
                    params.append(f.get_db_prep_save(f.pre_save(row.obj, True), connection=connection))
            row_refs.append(tuple(refs_sql))
        shape.append((part.name, part.model, tuple(row_refs)))
    with connection.cursor() as cursor:
        cursor.execute(_statement(tuple(shape)), params)
        ids = cursor.fetchone()
    for part, part_ids in zip(parts, ids, strict=True):
        for row, pk in zip(part.rows, part_ids, strict=True):
            row.obj.pk = pk
            row.obj._state.adding = False
            row.obj._state.db = connection.alias
