"""manage.py import_catalogue FILE: import a catalogue export (all or nothing)."""

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from schemes.transfer import catalogue_import


def run_import(command: BaseCommand, path: Path, *, verbosity: int) -> None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise CommandError(f"Cannot read {path}: {exc}") from None
    try:
        result = catalogue_import(data=data)
    except ValidationError as exc:
        raise CommandError("Nothing was imported:\n" + "\n".join(f"- {m}" for m in exc.messages)) from None
    if verbosity >= 1:
        command.stdout.write(result.summary())


class Command(BaseCommand):
    help = "Import a catalogue JSON file (documented in docs/catalogue.md); nothing is written if any row is wrong."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)

    def handle(self, *args, path: Path, **options):
        run_import(self, path, verbosity=options["verbosity"])
