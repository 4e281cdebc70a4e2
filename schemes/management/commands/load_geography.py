"""manage.py load_geography: load provinces, municipalities and PC4s from schemes/data/ (idempotent)."""

from pathlib import Path

from django.core.management.base import BaseCommand

from schemes.geography import DATA_DIR, geography_load


class Command(BaseCommand):
    help = "Load provinces, municipalities and PC4 postcode areas from the CBS-based CSVs (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--data-dir", type=Path, default=DATA_DIR, help="Folder with the CSV files.")

    def handle(self, *args, data_dir: Path, **options):
        result = geography_load(data_dir=data_dir)
        if options["verbosity"] >= 1:
            self.stdout.write(
                f"{result.provinces} provinces, {result.municipalities} municipalities, "
                f"{result.postcode_areas} PC4 rows from addresses, {result.postbus_areas} from the postbus "
                f"supplement (lower confidence); {result.removed_postcode_areas} old PC4 rows removed."
            )
        if result.stale_municipalities:
            self.stderr.write(
                "Municipalities no longer in the data (kept; move hubs and schemes first): "
                + ", ".join(result.stale_municipalities)
            )
