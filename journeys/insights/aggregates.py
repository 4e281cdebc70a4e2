"""Database aggregates Django does not ship."""

from django.db.models import Aggregate, DurationField


class Median(Aggregate):
    """The median of an interval (PostgreSQL ``percentile_cont``); NULLs are ignored, as in every aggregate."""

    function = "percentile_cont"
    name = "Median"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = DurationField()
    allow_distinct = False
