"""Bench (6): 50 simulated entrepreneurs complete intakes for 60 s on loopback; count errors and rows.

    .venv/bin/python bench/load_test.py [--users 50] [--seconds 60]

Each user walks the whole intake over HTTP (every step, submit, ask for contact) again and again under
gunicorn (2 workers x 4 threads) + PostgreSQL. Bounded: loopback only, fixed duration, no retries.
Goal: 0 server errors and exactly as many stored requests as confirmations received.
Rate limits are off (every simulated user comes from 127.0.0.1).
"""

import argparse
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import servers
from bench.entrepreneur import complete_intake
from bench.gunicorn_server import gunicorn


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    args = parser.parse_args()
    with servers.throwaway_servers():
        servers.setup_django()
        from django.core.management import call_command

        from journeys.models import SupportRequest
        from schemes.models import PostcodeArea

        if not PostcodeArea.objects.exists():
            call_command("load_geography", verbosity=0)
        call_command("load_demo", verbosity=0)
        before = SupportRequest.objects.count()
        servers.print_header(f"load: {args.users} entrepreneurs for {args.seconds} s (gunicorn 2x4, loopback)")
        references, server_errors, other_errors, lock = [], [0], [], threading.Lock()
        deadline = time.monotonic() + args.seconds

        def user():
            while time.monotonic() < deadline:
                try:
                    outcome = complete_intake(base)
                except Exception as exc:  # a timeout or reset counts as a failure, not a crash of the bench
                    with lock:
                        other_errors.append(exc.__class__.__name__)
                    continue
                with lock:
                    server_errors[0] += outcome.server_errors
                    other_errors.extend(outcome.other_errors)
                    if outcome.reference:
                        references.append(outcome.reference)

        with gunicorn(extra_env={"RATELIMIT_ENABLE": "false"}) as base:
            threads = [threading.Thread(target=user) for _ in range(args.users)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        stored = SupportRequest.objects.count() - before
        print(f"   completed intakes (confirmation received): {len(references)} "
              f"({len(references) / args.seconds:.1f}/s)")
        print(f"   server errors (5xx): {server_errors[0]} -> {servers.verdict(server_errors[0], 0)}")
        print(f"   other failures: {len(other_errors)} {sorted(set(other_errors))[:5]}")
        stored_ok = stored == len(references) and len(set(references)) == len(references)
        print(f"   stored requests: {stored} -> {'goal met' if stored_ok else 'GOAL NOT MET'} "
              f"(= confirmations, no duplicates)")


if __name__ == "__main__":
    main()
