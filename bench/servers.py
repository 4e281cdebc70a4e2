"""Shared plumbing for the bench scripts: throwaway PostgreSQL/Redis, Django set-up, figures, machine info.

With DATABASE_URL (and optionally CELERY_BROKER_URL/REDIS_URL) set, the scripts use those servers.
Without, they start their own on free loopback ports exactly like scripts/test.sh and remove them after.
"""

from __future__ import annotations

import contextlib
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_BIN = os.environ.get("BENCH_PG_BIN", "/usr/lib/postgresql/15/bin")
PYTHON = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv" / "bin" / "python").exists() else sys.executable


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_postgres(*args: str, **kwargs) -> subprocess.CompletedProcess:
    command = list(args) if os.geteuid() != 0 else ["runuser", "-u", "postgres", "--", *args]
    return subprocess.run(command, check=True, capture_output=True, text=True, **kwargs)


@contextlib.contextmanager
def throwaway_servers(*, redis: bool = True):
    """Start PostgreSQL (and Redis) unless DATABASE_URL is set; export the URLs; stop them afterwards."""
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        yield
        return
    run_dir = Path(tempfile.mkdtemp(prefix="loket-bench."))
    run_dir.chmod(0o755)
    pg_dir, sock_dir = run_dir / "pg", run_dir / "sock"
    pg_dir.mkdir()
    sock_dir.mkdir()
    if os.geteuid() == 0:
        shutil.chown(pg_dir, "postgres", "postgres")
        shutil.chown(sock_dir, "postgres", "postgres")
    pg_port, redis_port = free_port(), free_port()
    redis_pid = run_dir / "redis.pid"
    try:
        _as_postgres(f"{PG_BIN}/initdb", "-A", "trust", "-E", "UTF8", "--no-sync", "-U", "postgres", "-D", str(pg_dir))
        # Durability off, as in the test runner: benchmarks compare code paths, not disks.
        _as_postgres(
            f"{PG_BIN}/pg_ctl", "-D", str(pg_dir), "-w", "-l", str(pg_dir / "server.log"), "-o",
            f"-c listen_addresses=127.0.0.1 -p {pg_port} -k {sock_dir} -c fsync=off -c synchronous_commit=off "
            "-c full_page_writes=off -c max_connections=200", "start",
        )
        _as_postgres(f"{PG_BIN}/createdb", "-h", str(sock_dir), "-p", str(pg_port), "loket")
        os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:{pg_port}/loket"
        os.environ["BENCH_PG_DATA"] = str(pg_dir)
        if redis:
            subprocess.run(["redis-server", "--bind", "127.0.0.1", "--port", str(redis_port), "--save", "",
                            "--appendonly", "no", "--daemonize", "yes", "--pidfile", str(redis_pid),
                            "--logfile", str(run_dir / "redis.log")], check=True)
            os.environ["CELERY_BROKER_URL"] = f"redis://127.0.0.1:{redis_port}/0"
            os.environ["REDIS_URL"] = f"redis://127.0.0.1:{redis_port}/1"
        os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-secret-key-" + str(time.time()))
        os.environ.setdefault("DJANGO_DEBUG", "false")
        os.environ.setdefault("DJANGO_HTTPS", "false")
        os.environ.setdefault("EMAIL_URL", "locmem://")
        os.environ.setdefault("PORTAL_VAR_DIR", str(run_dir / "var"))
        yield
    finally:
        with contextlib.suppress(Exception):
            _as_postgres(f"{PG_BIN}/pg_ctl", "-D", str(pg_dir), "-m", "immediate", "stop")
        if redis_pid.exists():
            with contextlib.suppress(Exception):
                os.kill(int(redis_pid.read_text().strip()), 15)
        shutil.rmtree(run_dir, ignore_errors=True)


def setup_django(*, migrate: bool = True, settings_module: str = "portal.settings") -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", settings_module)
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    import django

    django.setup()
    if migrate:
        from django.core.management import call_command

        call_command("migrate", verbosity=0, interactive=False)
        # Pages use the manifest storage, as in production.
        call_command("collectstatic", verbosity=0, interactive=False)


def machine_info() -> dict:
    cpu = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    info = {"cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version(), "os": platform.platform()}
    with contextlib.suppress(Exception):
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            info["postgresql"] = cursor.fetchone()[0]
    with contextlib.suppress(Exception):
        import django

        info["django"] = django.get_version()
    return info


def print_header(title: str) -> None:
    print(f"== {title}")
    for key, value in machine_info().items():
        print(f"   {key}: {value}")


def percentiles(samples_ms: list[float]) -> dict:
    ordered = sorted(samples_ms)

    def pick(p: float) -> float:
        return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]

    return {"n": len(ordered), "p50": pick(50), "p95": pick(95), "max": ordered[-1],
            "mean": statistics.fmean(ordered)}


def verdict(value: float, goal: float, *, lower_is_better: bool = True) -> str:
    met = value <= goal if lower_is_better else value >= goal
    return "goal met" if met else "GOAL NOT MET"
