"""Time the insight dashboard and the yearly barrier report on a large data set, and count their queries.

    # against a throwaway PostgreSQL started for you (needs Debian's postgresql, like scripts/test.sh):
    .venv/bin/python bench/bench_dashboard.py --requests 100000
    # or against a database you point at (it is filled if it has fewer requests than asked):
    DATABASE_URL=postgres://... .venv/bin/python bench/bench_dashboard.py --requests 100000

Prints p50/p95 per page and the machine it ran on. It never fails on timing: the target (under a second
with 100,000 requests) is for people to read, not for CI to enforce.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_BIN = Path(os.environ.get("TEST_PG_BIN", "/usr/lib/postgresql/15/bin"))


@contextmanager
def throwaway_postgres():
    """A PostgreSQL cluster in a temporary folder, as scripts/test.sh starts it."""
    run_dir = Path(tempfile.mkdtemp(prefix="loket-bench."))
    run_dir.chmod(0o755)
    data, sock = run_dir / "pg", run_dir / "sock"
    data.mkdir()
    sock.mkdir()
    as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if as_postgres:
        shutil.chown(data, "postgres", "postgres")
        shutil.chown(sock, "postgres", "postgres")
    port = _free_port()
    subprocess.run([*as_postgres, str(PG_BIN / "initdb"), "-A", "trust", "-E", "UTF8", "--no-sync", "-U", "postgres",
                    "-D", str(data)], check=True, stdout=subprocess.DEVNULL)
    subprocess.run([*as_postgres, str(PG_BIN / "pg_ctl"), "-D", str(data), "-w", "-l", str(data / "server.log"), "-o",
                    f"-c listen_addresses=127.0.0.1 -p {port} -k {sock} -c fsync=off -c synchronous_commit=off "
                    "-c full_page_writes=off -c shared_buffers=256MB", "start"], check=True, stdout=subprocess.DEVNULL)
    try:
        subprocess.run([*as_postgres, str(PG_BIN / "createdb"), "-h", str(sock), "-p", str(port), "loket"], check=True)
        yield f"postgres://postgres@127.0.0.1:{port}/loket"
    finally:
        subprocess.run([*as_postgres, str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                       check=False, stdout=subprocess.DEVNULL)
        shutil.rmtree(run_dir, ignore_errors=True)


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kb / 1024 / 1024:.1f} GB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return (f"{platform.node()}: {cpu}, {os.cpu_count()} cores{memory}, {platform.platform()}, "
            f"Python {platform.python_version()}")


def run(*, requests: int, rounds: int, rollup: bool = True) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only")
    os.environ.setdefault("RATELIMIT_ENABLE", "false")
    os.environ.setdefault("DJANGO_HTTPS", "false")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings
    from django.utils import timezone

    from bench.generate_data import generate
    from journeys.models import IntakeTag, SupportRequest
    from portal import roles

    # Plain storage: the manifest storage of DEBUG=false needs collectstatic, which a benchmark should not need.
    override_settings(
        ALLOWED_HOSTS=["*"],
        STORAGES={**settings.STORAGES,
                  "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}},
    ).enable()
    call_command("migrate", verbosity=0)
    have = SupportRequest.objects.count()
    if have < requests:
        print(f"Generating {requests - have} support requests (this takes a few minutes)...")
        generate(requests=requests - have, schemes=60)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    from django.contrib.auth import get_user_model

    from schemes.models import Hub

    User = get_user_model()
    admin, _ = User.objects.get_or_create(username="bench-admin")
    admin.groups.add(roles.ensure_catalogue_admin_group())
    staff, _ = User.objects.get_or_create(username="bench-hub-staff")
    busiest = max(Hub.objects.all(), key=lambda hub: hub.support_requests.count())
    busiest.staff.add(staff)

    from journeys.insights.rollup_refresh import refresh_rollup
    from journeys.models.insights import InsightRollupState

    if rollup:
        started = time.perf_counter()
        covered = refresh_rollup()
        print(f"Rollup:   refreshed through {covered} in {time.perf_counter() - started:.1f} s "
              "(refresh_insights --all); days after it are counted live")
    else:
        InsightRollupState.objects.filter(key="daily").update(covered_through=None)
        print("Rollup:   off (--no-rollup): every figure counted live")

    year = timezone.localdate().year
    today = timezone.localdate()
    two_years = f"date_from=1-1-{year - 1}&date_to={today:%d-%m-%Y}"
    pages = [
        ("dashboard, admin, this year", admin, "/medewerkers/inzicht/"),
        ("dashboard, admin, 2 years", admin, f"/medewerkers/inzicht/?{two_years}"),
        ("dashboard, admin, 2 years, Gelderland+bouw+peloton", admin,
         f"/medewerkers/inzicht/?{two_years}&province={_province_id('PV25')}&sector=construction&stage=peloton"),
        ("dashboard, hub staff, 2 years", staff, f"/medewerkers/inzicht/?{two_years}"),
        ("CSV barriers_by_sector, admin, 2 years", admin,
         f"/medewerkers/inzicht/?{two_years}&format=csv&figure=barriers_by_sector"),
        ("barrier report, admin, this year", admin, f"/medewerkers/inzicht/barrieres/{year}/"),
        ("barrier report, hub staff, this year", staff, f"/medewerkers/inzicht/barrieres/{year}/"),
    ]
    print()
    print(f"Machine:  {machine()}")
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        print(f"Database: {cursor.fetchone()[0].split(',')[0]}")
    print(f"Data:     {SupportRequest.objects.count()} support requests, "
          f"{SupportRequest.objects.model._meta.get_field('intake').related_model.objects.count()} intakes, "
          f"{IntakeTag.objects.count()} intake tags; hub staff member works for {busiest.name} "
          f"({busiest.support_requests.count()} requests)")
    print(f"Rounds:   {rounds} per page after one warm-up\n")
    print("cold: cache emptied before every request (first view of a filter); warm: figures from the cache\n")
    print(f"{'page':<52} {'cold p50':>9} {'cold p95':>9} {'warm p50':>9} {'warm p95':>9} {'queries':>8}")
    from django.core.cache import cache

    for label, user, url in pages:
        client = Client()
        client.force_login(user)
        cache.clear()
        response = client.get(url)  # warm-up of connections and templates
        assert response.status_code == 200, (url, response.status_code)
        cold, warm = [], []
        for _ in range(rounds):
            cache.clear()
            connection.queries_log.clear()  # a full log (it keeps 9000) would hide new queries
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                client.get(url)
                cold.append((time.perf_counter() - started) * 1000)
            query_count = len(queries)  # now: the context reads the (later cleared) log lazily
            started = time.perf_counter()
            client.get(url)
            warm.append((time.perf_counter() - started) * 1000)
        print(f"{label:<52} {_p(cold, 50):>9.0f} {_p(cold, 95):>9.0f} {_p(warm, 50):>9.0f} {_p(warm, 95):>9.0f} "
              f"{query_count:>8}")


def _p(samples: list[float], percentile: int) -> float:
    ordered = sorted(samples)
    if percentile == 50:
        return statistics.median(ordered)
    return ordered[min(len(ordered) - 1, round(percentile / 100 * (len(ordered) - 1)))]


def _province_id(code: str) -> int | str:
    from schemes.models import Province

    province = Province.objects.filter(code=code).first()
    return province.id if province else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--no-rollup", dest="rollup", action="store_false",
                        help="Switch the daily rollup off and count every figure live (the 'before').")
    args = parser.parse_args()
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        run(requests=args.requests, rounds=args.rounds, rollup=args.rollup)
        return
    with throwaway_postgres() as url:
        os.environ["DATABASE_URL"] = url
        run(requests=args.requests, rounds=args.rounds, rollup=args.rollup)


if __name__ == "__main__":
    main()
