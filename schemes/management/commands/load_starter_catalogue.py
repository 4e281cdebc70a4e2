"""manage.py load_starter_catalogue: upsert the starter catalogue (schemes/data/starter_catalogue.json)."""

from django.core.management.base import BaseCommand

from schemes.management.commands.import_catalogue import run_import
from schemes.transfer import STARTER_CATALOGUE


class Command(BaseCommand):
    help = "Load the starter catalogue built from the domain documents (idempotent: upsert by slug)."

    def handle(self, *args, **options):
        run_import(self, STARTER_CATALOGUE, verbosity=options["verbosity"])
