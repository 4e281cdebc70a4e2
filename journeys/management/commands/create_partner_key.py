"""Create an API key for a partner organisation and print it once; only its hash is stored."""

from django.core.management.base import BaseCommand

from journeys.intake.partner_api.keys import partner_key_create


class Command(BaseCommand):
    help = "Create a partner API key. The key is printed once; store it safely, it cannot be shown again."

    def add_arguments(self, parser):
        parser.add_argument("name", help="Who uses the key, e.g. 'Accountantskantoor De Vries'")
        parser.add_argument("--organisation", default="")

    def handle(self, *args, name, organisation, **options):
        key, raw = partner_key_create(name=name, organisation=organisation)
        self.stdout.write(f"Created key {key.prefix}… for {key.name}.")
        self.stdout.write("Send it with every request as the header:  Authorization: Api-Key <key>")
        self.stdout.write(raw)
