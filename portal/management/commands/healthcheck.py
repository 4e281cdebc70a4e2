"""The internal health check: the details /healthz keeps to itself, as JSON; exit status 1 when unhealthy.

    python manage.py healthcheck
"""

import json

from django.core.management.base import BaseCommand, CommandError

from portal import health


class Command(BaseCommand):
    help = "Print the database, broker and worker-heartbeat details as JSON; fail when something is down."

    def handle(self, *args, **options):
        body = health.report()
        self.stdout.write(json.dumps(body, indent=2))
        if body["status"] != "ok":
            raise CommandError("unhealthy")
