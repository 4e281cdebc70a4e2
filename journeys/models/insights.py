"""The insight rollup: counts of sent-in intakes per local day (and per whole month), owned by journeys.insights.

Only facts fixed when an intake is sent in are rolled up (its hub, province, stage, tags and match snapshot);
anything that changes later (request status, survey answers, response times) is always counted live.
Rows are written only by ``journeys.insights.rollup_refresh``; see docs/insights.md ("Rollup").
Hub and province are plain ids, not foreign keys: a rollup row must never block or cascade a delete.
"""

from django.db import models


class InsightRollupRow(models.Model):
    day = models.DateField()  # local (Europe/Amsterdam) day the intakes were sent in; 1st of month if whole_month
    whole_month = models.BooleanField(default=False)  # the row sums every day of ``day``'s month
    hub_id = models.IntegerField(null=True)
    province_id = models.IntegerField(null=True)
    stage = models.CharField(max_length=12, blank=True)
    n = models.PositiveIntegerField()  # intakes

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.day} hub {self.hub_id}: {self.n}"


class InsightRollupIntake(InsightRollupRow):
    class Meta:
        indexes = [models.Index(fields=["whole_month", "day"], name="insight_rollup_intake_day")]


class InsightRollupTag(InsightRollupRow):
    """Intakes per tag code; dimension ``rode_draad``: intakes naming at least one barrier of that group."""

    dimension = models.CharField(max_length=15)
    code = models.CharField(max_length=40)

    class Meta:
        indexes = [models.Index(fields=["whole_month", "day", "dimension"], name="insight_rollup_tag_day")]


class InsightRollupSectorTag(InsightRollupRow):
    """Intakes per sector they named and tag code (an intake counts once for each of its sectors)."""

    sector = models.CharField(max_length=40)
    dimension = models.CharField(max_length=15)
    code = models.CharField(max_length=40)

    class Meta:
        indexes = [
            models.Index(fields=["whole_month", "day", "dimension"], name="insight_rollup_sector_day"),
            # Rows summed over every province and stage (stage "*") are read on their own.
            models.Index(fields=["stage", "whole_month", "day", "dimension"], name="insight_rollup_sector_all"),
        ]


class InsightRollupMatch(InsightRollupRow):
    """Intakes whose match snapshot named the scheme (``n``), and those where it was shown as exhausted."""

    slug = models.CharField(max_length=200)
    exhausted = models.PositiveIntegerField()

    class Meta:
        indexes = [models.Index(fields=["whole_month", "day"], name="insight_rollup_match_day")]


class InsightRollupState(models.Model):
    """One row: the rollup holds every day up to and including ``covered_through``; later days are counted live."""

    key = models.CharField(max_length=20, unique=True, default="daily")
    covered_through = models.DateField(null=True)
    refreshed_at = models.DateTimeField(null=True)

    def __str__(self) -> str:
        return f"insight rollup through {self.covered_through}"
