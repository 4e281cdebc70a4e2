"""Profile one partner-API submission end to end (in-process, the whole middleware stack): statements, time.

    .venv/bin/python bench/profile_partner.py [--requests 300] [--profile cprofile|none] [--top 40]

Starts a throwaway PostgreSQL + Redis (bench/servers.py), loads the geography, the starter catalogue and a
partner key exactly as ../shared/peer/portal_target.sh does, then POSTs the same body through Django's WSGI
handler with DEBUG off: prints the mean wall time per submission, the SQL statements of one submission (with
their time) and, with --profile cprofile, the functions with the most cumulative time. Never fails on timing.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import servers

BODY = {
    "company_name": "Peer Vezel {seq}", "postcode": "7511 AB", "company_size": "small", "sectors": ["textiles"],
    "self_assessment": "circular", "practice": "sells_circular", "help_wanted": ["specialist"],
    "themes": ["chain", "financing"], "business_areas": ["chain_cooperation", "recycling"], "mra_activity": "",
    "mra_problem": "", "chain_partners": 3, "chain_smes": 4, "chain_large": 0,
    "chain_roles": ["collector", "recycler", "producer"], "chain_started": "yes", "chain_director": "yes",
    "commitment_signed": "yes", "joint_plan": "unknown", "contact_name": "Peer {seq}", "email": "peer{seq}@example.org",
    "preferred_contact": "email", "consent_share": True, "followup_opt_in": True, "request_contact": True,
}


def body(seq: int) -> bytes:
    return json.dumps({k: v.format(seq=seq) if isinstance(v, str) else v for k, v in BODY.items()}).encode()


def _backend_cpu(pid: int) -> float | None:
    """CPU seconds (user + system) of one PostgreSQL backend, from /proc (None where there is no /proc)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@contextlib.contextmanager
def partner_client():
    """Throwaway PostgreSQL + Redis with what ../shared/peer/portal_target.sh loads (geography, the starter
    catalogue), and a Django test client that holds a new partner key."""
    os.environ.setdefault("RATELIMIT_ENABLE", "false")
    os.environ.setdefault("STATIC_MANIFEST", "false")
    with servers.throwaway_servers():
        servers.setup_django(migrate=False)
        from django.core.management import call_command

        call_command("migrate", verbosity=0, interactive=False)
        call_command("load_geography", verbosity=0)
        call_command("load_starter_catalogue", verbosity=0)
        from django.test import Client

        from journeys.intake.partner_api.keys import partner_key_create

        _key, raw = partner_key_create(name="bench", organisation="bench")
        yield Client(HTTP_AUTHORIZATION=f"Api-Key {raw}", HTTP_HOST="127.0.0.1")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--profile", choices=["cprofile", "none"], default="cprofile")
    parser.add_argument("--top", type=int, default=45)
    parser.add_argument("--dump", help="also write the cProfile data to this file (for pstats or snakeviz)")
    parser.add_argument("--timer", choices=["cpu", "wall"], default="cpu",
                        help="cProfile clock: this process's CPU time (default; not inflated by a busy machine) "
                             "or wall time (includes the waits on PostgreSQL and Redis)")
    args = parser.parse_args()
    with partner_client() as client:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        url = "/api/v1/partner/intakes/"

        def post(seq: int):
            response = client.post(url, body(seq), content_type="application/json")
            assert response.status_code == 201, (response.status_code, response.content[:500])
            return response

        for seq in range(20):  # warm-up: code, caches, the compiled catalogue
            post(seq)
        with CaptureQueriesContext(connection) as queries:
            post(10_000)
        print(f"== SQL statements of one submission: {len(queries.captured_queries)}")
        for query in queries.captured_queries:
            print(f"  {float(query['time']) * 1000:6.2f} ms  {query['sql'][:150]}")
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            backend = cursor.fetchone()[0]
        db_started = _backend_cpu(backend)
        started = time.process_time(), time.perf_counter()
        if args.profile == "cprofile":
            import cProfile
            import pstats

            profiler = cProfile.Profile(time.process_time) if args.timer == "cpu" else cProfile.Profile()
            profiler.enable()
        for seq in range(args.requests):
            post(20_000 + seq)
        cpu, wall = time.process_time() - started[0], time.perf_counter() - started[1]
        db_cpu = _backend_cpu(backend) - db_started if db_started is not None else None
        if args.profile == "cprofile":
            profiler.disable()
            if args.dump:
                profiler.dump_stats(args.dump)
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.top)
        db_text = f"{db_cpu / args.requests * 1000:.2f}" if db_cpu is not None else "?"
        print(f"== {args.requests} submissions: {wall / args.requests * 1000:.2f} ms wall, "
              f"{cpu / args.requests * 1000:.2f} ms CPU of this process + {db_text} ms CPU of its PostgreSQL "
              f"backend per submission (profile={args.profile})")


if __name__ == "__main__":
    main()
