"""Bench (2): intake submissions per second over HTTP, as a ratio to a bare one-row insert view.

    .venv/bin/python bench/bench_throughput.py [--submissions 300] [--concurrency 8]

Both under the same gunicorn (2 workers x 4 threads, bench/settings.py = the portal + one bare view)
on the same PostgreSQL, in the same run. The submission is the request that matters: POST
/intake/controleren/ with a complete draft in the session (classify, route, match, store the intake
and its tags). Drafts are prepared over HTTP first (not timed). The bare view does one INSERT.
Rate limits are off: every simulated client comes from 127.0.0.1. Goal: ratio >= 0.5.

After the timed runs (so they are not affected), one more submission is made in-process with Django's
test client to print its SQL statements: the figure docs/benchmarks.md tracks next to the ratio.
"""

import argparse
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import servers
from bench.entrepreneur import STEP_POSTS, new_session
from bench.gunicorn_server import gunicorn


def prepare(base: str):
    session = new_session()
    response = session.get(base + "/intake/", allow_redirects=False, timeout=30)
    path = response.headers["Location"]
    while "controleren" not in path:
        slug = path.rstrip("/").split("/")[-1]
        response = session.post(base + path, data=STEP_POSTS.get(slug, {}), allow_redirects=False, timeout=30)
        path = response.headers["Location"]
    return session


def timed(fn, items, concurrency: int) -> tuple[float, list[int]]:
    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        statuses = list(pool.map(fn, items))
    return time.perf_counter() - started, statuses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=300)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    with servers.throwaway_servers():
        servers.setup_django(settings_module="bench.settings")
        from django.core.management import call_command
        from django.db import connection

        from journeys.models import Intake
        from schemes.models import PostcodeArea

        if not PostcodeArea.objects.exists():
            call_command("load_geography", verbosity=0)
        call_command("load_demo", verbosity=0)
        submitted_before = Intake.objects.filter(submitted_at__isnull=False).count()  # the demo's own intakes
        with connection.cursor() as cursor:
            cursor.execute("CREATE TABLE IF NOT EXISTS bench_bare "
                           "(id bigserial PRIMARY KEY, payload text, created_at timestamptz)")
        connection.close()
        servers.print_header("intake submission throughput vs a bare insert view (gunicorn 2x4, same run)")
        with gunicorn(settings_module="bench.settings", extra_env={"RATELIMIT_ENABLE": "false"}) as base:
            with ThreadPoolExecutor(args.concurrency) as pool:
                sessions = list(pool.map(lambda _: prepare(base), range(args.submissions)))

            def submit(session):
                return session.post(base + "/intake/controleren/", allow_redirects=False, timeout=60).status_code

            bare_session = new_session()

            def bare(n):
                return bare_session.post(base + "/bench/bare/", data={"payload": f"row {n}"}, timeout=60).status_code

            timed(bare, range(50), args.concurrency)  # warm-up
            submit_s, submit_statuses = timed(submit, sessions, args.concurrency)
            bare_s, bare_statuses = timed(bare, range(args.submissions), args.concurrency)
        submitted = Intake.objects.filter(submitted_at__isnull=False).count() - submitted_before
        submit_rate, bare_rate = args.submissions / submit_s, args.submissions / bare_s
        ratio = submit_rate / bare_rate
        print(f"   submissions: {submit_rate:7.1f}/s ({args.submissions} in {submit_s:.1f} s, "
              f"{submit_statuses.count(302)} redirected to the result, {submitted} stored)")
        print(f"   bare insert: {bare_rate:7.1f}/s ({args.submissions} in {bare_s:.1f} s, "
              f"{bare_statuses.count(201)} stored)")
        print(f"   ratio {ratio:.2f} -> {servers.verdict(ratio, 0.5, lower_is_better=False)} (>= 0.5)")
        print(f"   SQL statements per submission (one more, in-process): {statements_per_submission()}")


def statements_per_submission() -> int:
    """SQL statements of one submission, in-process; the first submission warms this process's caches."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    def client_with_draft() -> Client:
        client = Client(HTTP_HOST="127.0.0.1")
        path = client.get("/intake/")["Location"]
        while "controleren" not in path:
            slug = path.rstrip("/").split("/")[-1]
            path = client.post(path, data=STEP_POSTS.get(slug, {}))["Location"]
        return client

    client_with_draft().post("/intake/controleren/")
    client = client_with_draft()
    with CaptureQueriesContext(connection) as queries:
        client.post("/intake/controleren/")
    return len(queries.captured_queries)


if __name__ == "__main__":
    main()
