"""Recompute the insight rollup: ``manage.py refresh_insights`` (recent days) or ``--all`` / ``--from``."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from journeys.insights.rollup_refresh import refresh_recent, refresh_rollup


class Command(BaseCommand):
    help = "Recompute the daily insight rollup (closed days; today is always counted live)."

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="Recompute every day since the first intake.")
        parser.add_argument("--from", dest="date_from", help="First day to recompute (YYYY-MM-DD).")
        parser.add_argument("--days", type=int, help="Recompute this many recent days (default from settings).")

    def handle(self, *args, **options):
        if options["all"]:
            covered = refresh_rollup()
        elif options["date_from"]:
            try:
                date_from = dt.date.fromisoformat(options["date_from"])
            except ValueError as error:
                raise CommandError("--from must be a date, YYYY-MM-DD") from error
            covered = refresh_rollup(date_from=date_from)
        else:
            covered = refresh_recent(days=options["days"])
        if covered is None:
            self.stdout.write("Nothing rolled up (no sent-in intakes yet, or not PostgreSQL).")
        else:
            self.stdout.write(f"Insight rollup covers every day through {covered.isoformat()}.")
