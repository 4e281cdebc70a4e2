"""Bench (5): bytes transferred for each public page in Chromium, and any request to another host.

    .venv/bin/python bench/bench_pages.py

Serves the portal under gunicorn (production settings: manifest static files, WhiteNoise), loads every
public page in Debian's Chromium through Playwright with a cold cache and logs every request: its
host and its encoded size (headers + body, as sent on the wire). Also prints the gzip size of each
HTML document, which is what a compressing proxy in front of the portal sends.
Goal: <= 60 KB compressed per page, 0 third-party requests. Never fails on timing or size.
"""

import gzip
import sys
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import servers
from bench.gunicorn_server import gunicorn

PAGES = ["/", "/intake/", "/regelingen/", "/loketten/", "/privacy/", "/toegankelijkheid/", "/medewerkers/login/"]
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def main() -> None:
    with servers.throwaway_servers():
        servers.setup_django()
        from django.core.management import call_command

        from schemes.models import Scheme

        if not Scheme.objects.exists():
            call_command("load_demo", verbosity=0)
        servers.print_header("transferred bytes of the public pages (cold cache, Chromium)")
        from playwright.sync_api import sync_playwright

        with gunicorn(workers=1) as base, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            worst, third_party_total = 0, 0
            for path in PAGES:
                context = browser.new_context()
                page = context.new_page()
                finished = []
                page.on("requestfinished", lambda request, seen=finished: seen.append(request))
                response = page.goto(base + path, wait_until="networkidle")
                total = 0
                third_party = []
                for request in finished:
                    sizes = request.sizes()
                    total += sizes["responseBodySize"] + sizes["responseHeadersSize"]
                    if urlsplit(request.url).hostname not in ("127.0.0.1", "localhost"):
                        third_party.append(request.url)
                with urllib.request.urlopen(base + path) as raw:  # noqa: S310 - loopback only
                    html = raw.read()
                worst = max(worst, total)
                third_party_total += len(third_party)
                print(f"   {path:<22} {response.status} {len(finished):>2} requests, "
                      f"{total / 1024:6.1f} KB on the wire; "
                      f"HTML {len(html) / 1024:5.1f} KB raw, {len(gzip.compress(html)) / 1024:4.1f} KB gzipped; "
                      f"third-party: {len(third_party)}")
                context.close()
            browser.close()
        print(f"   largest page: {worst / 1024:.1f} KB -> {servers.verdict(worst / 1024, 60)} (<= 60 KB)")
        print(f"   third-party requests: {third_party_total} -> {servers.verdict(third_party_total, 0)}")


if __name__ == "__main__":
    main()
