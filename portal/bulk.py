"""Multi-row INSERTs that stay cheap when the rows carry JSON.

Django 5.2's ``bulk_create`` on PostgreSQL sends the rows as one array per column (``INSERT … SELECT * FROM
UNNEST(…)``). With client-side binding psycopg then escapes every quote of every JSON document in Python, one
regular-expression substitution per quote: the timeline's "created" event (the intake's answers, matches and
routing, ~15 KB of JSON) cost 4 ms of Python and twice the database CPU that way (issue 17, measured in
``docs/benchmarks.md`` (7)). A plain ``VALUES (…), (…)`` INSERT of the same rows quotes each document once in C.
"""

from django.db import models
from django.db.models import Value


def bulk_insert_values(model: type[models.Model], objs: list[models.Model]) -> list[models.Model]:
    """``model.objects.bulk_create(objs)`` as one ``VALUES`` INSERT: same rows, same order, primary keys set.

    Django keeps the UNNEST form for rows whose values are all literals; a JSON value wrapped in ``Value``
    (typed by its own field, so it is stored exactly as the field stores it) makes it fall back to ``VALUES``.
    The objects get their plain values back afterwards.
    """
    json_fields = [f for f in model._meta.concrete_fields if isinstance(f, models.JSONField)]
    if len(objs) < 2 or not json_fields:
        return model.objects.bulk_create(objs)
    originals = [{f.attname: getattr(obj, f.attname) for f in json_fields} for obj in objs]
    try:
        for obj, values in zip(objs, originals, strict=True):
            for field in json_fields:
                if not hasattr(values[field.attname], "resolve_expression"):
                    setattr(obj, field.attname, Value(values[field.attname], output_field=field))
        return model.objects.bulk_create(objs)
    finally:
        for obj, values in zip(objs, originals, strict=True):
            for attname, value in values.items():
                setattr(obj, attname, value)
