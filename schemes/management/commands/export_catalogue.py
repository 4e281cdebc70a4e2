"""manage.py export_catalogue [FILE]: write the whole catalogue as JSON (stdout when no file)."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand

from schemes.transfer import catalogue_export


class Command(BaseCommand):
    help = "Export organisations, hubs and schemes with rounds as JSON (format in docs/catalogue.md)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, nargs="?")

    def handle(self, *args, path: Path | None, **options):
        text = json.dumps(catalogue_export(), ensure_ascii=False, indent=1) + "\n"
        if path is None:
            self.stdout.write(text, ending="")
        else:
            path.write_text(text, encoding="utf-8")
