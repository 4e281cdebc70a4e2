"""Load everything the embedded demo needs: roles, geography, the starter catalogue and demo users."""

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from journeys.demo import load_demo_requests
from portal import roles
from schemes.models import Hub

DEMO_PASSWORD = "demo-loket-2026"  # noqa: S105 - printed for developers; demo data only


class Command(BaseCommand):
    help = "Load roles, geography, the starter catalogue and one demo log-in per hub (idempotent)."

    def handle(self, *args, **options):
        call_command("load_geography", verbosity=0)
        call_command("load_starter_catalogue", verbosity=0)
        with transaction.atomic():
            roles.ensure_catalogue_admin_group()
            logins = self._demo_users()
        created = load_demo_requests()
        if created:
            self.stdout.write(f"Created {created} demo intakes with support requests in the hubs' queues.")
        self.stdout.write(f"Demo log-ins (password for all: {DEMO_PASSWORD}):")
        for username, what in logins:
            self.stdout.write(f"  {username:<42} {what}")

    def _demo_users(self) -> list[tuple[str, str]]:
        User = get_user_model()
        logins = []
        admin, _ = User.objects.get_or_create(
            username="rvo-beheer", defaults={"first_name": "Rosa", "email": "rvo-beheer@example.nl", "is_staff": True}
        )
        admin.set_password(DEMO_PASSWORD)
        admin.save()
        admin.groups.add(roles.ensure_catalogue_admin_group())
        logins.append((admin.username, "catalogue admin (RVO): /beheer/"))
        for hub in Hub.objects.filter(is_active=True).order_by("name"):
            user, _ = User.objects.get_or_create(
                username=f"{hub.slug}-medewerker",
                defaults={"first_name": "Demo", "last_name": hub.name, "email": f"{hub.slug}@example.nl"},
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
            hub.staff.add(user)
            logins.append((user.username, f"hub staff: {hub.name}"))
        return logins
