"""Bench (3): the hub queue page with 100,000 requests: p95 and SQL query count at page sizes 25 and 100.

    .venv/bin/python bench/bench_queue.py [--requests 100000] [--runs 40]

Starts a throwaway PostgreSQL unless DATABASE_URL is set; fills it with bench/generate_data.py (the
dashboard's generator), gives one staff member the busiest hub and times the whole page through Django's
test client (middleware, view, template), so the figure is what the server spends per page.
Goal: p95 <= 100 ms and the same query count for both sizes. Also times a page three quarters deep
(keyset cursor) and the "due first" sort, which must cost the same as page 1, and four searches (a name
fragment, an e-mail fragment, a name nobody has, and a text found in nearly every row, the worst case for the
trigram search). Never fails on timing.
"""

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import servers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--profile", action="store_true", help="also print a cProfile of ten page-25 loads")
    args = parser.parse_args()
    with servers.throwaway_servers(redis=False):
        servers.setup_django()
        import io

        from django.contrib.auth import get_user_model
        from django.db import connection
        from django.db.models import Count
        from django.test import Client
        from django.test.utils import CaptureQueriesContext
        from django.urls import reverse

        from bench import generate_data
        from journeys.models import SupportRequest
        from schemes.models import Hub

        have = SupportRequest.objects.count()
        if have < args.requests:
            started = time.monotonic()
            generate_data.generate(requests=args.requests - have, out=io.StringIO())
            print(f"   generated {args.requests - have} requests in {time.monotonic() - started:.0f} s")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        busiest = (SupportRequest.objects.values("hub").annotate(n=Count("id")).order_by("-n").first())
        hub = Hub.objects.get(pk=busiest["hub"])
        user, _ = get_user_model().objects.get_or_create(username="bench-staff")
        hub.staff.add(user)
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(user)
        url = reverse("journeys:queue")
        servers.print_header(f"hub queue page, {SupportRequest.objects.count()} requests in total, "
                             f"{busiest['n']} in the busiest hub")
        counts = {}
        for size in (25, 100):
            for _ in range(5):
                client.get(url, {"per": size})
            samples, sql_ms = [], []
            for _ in range(args.runs):
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    response = client.get(url, {"per": size})
                    samples.append((time.perf_counter() - started) * 1000)
                sql_ms.append(sum(float(q["time"]) for q in queries.captured_queries) * 1000)
            assert response.status_code == 200, response.status_code
            stats = servers.percentiles(samples)
            counts[size] = len(queries)
            print(f"   page size {size:>3}: p50 {stats['p50']:.1f} ms, p95 {stats['p95']:.1f} ms, "
                  f"{len(queries)} SQL queries taking p50 {servers.percentiles(sql_ms)['p50']:.1f} ms "
                  f"-> {servers.verdict(stats['p95'], 100)} (p95 <= 100 ms)")
        if args.profile:
            import cProfile
            import pstats

            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(10):
                client.get(url, {"per": 25})
            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(r"(journeys|portal|schemes|templatetags)/", 40)
            pstats.Stats(profiler).sort_stats("tottime").print_stats(20)
        same = "goal met" if counts[25] == counts[100] else "GOAL NOT MET"
        print(f"   same query count for 25 and 100: {same}")
        # Keyset pagination should cost the same deep in the queue and under another sort order.
        from journeys.triage.queue import Cursor

        deep = SupportRequest.objects.filter(hub=hub).order_by("-created_at", "-id")[busiest["n"] * 3 // 4]
        for label, params in (
            ("page size 100, 3/4 deep", {"per": 100, "after": Cursor(deep.created_at, deep.pk).encode()}),
            ("page size 100, sorted by due date", {"per": 100, "sort": "due"}),
            ("page size 25, searched by part of a name", {"per": 25, "q": "techniek 12"}),
            ("page size 25, searched by part of an e-mail address", {"per": 25, "q": "@houtdesign1"}),
            ("page size 25, searched by a name nobody has (best case)", {"per": 25, "q": "Zeppelin"}),
            ("page size 25, searched by text in nearly every row (worst case)", {"per": 25, "q": "info@"}),
        ):
            samples = []
            for _ in range(args.runs // 2):
                started = time.perf_counter()
                response = client.get(url, params)
                samples.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.status_code
            stats = servers.percentiles(samples)
            print(f"   {label}: p50 {stats['p50']:.1f} ms, p95 {stats['p95']:.1f} ms")


if __name__ == "__main__":
    main()
