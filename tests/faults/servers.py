"""Stop and start the throwaway PostgreSQL and Redis that scripts/test.sh started (TEST_* variables)."""

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import pytest

PG_ENV = ("TEST_PG_BIN", "TEST_PG_DATA", "TEST_PG_PORT", "TEST_PG_SOCK")


def require_servers() -> None:
    if not all(os.environ.get(name) for name in (*PG_ENV, "TEST_REDIS_PORT", "TEST_RUN_DIR")):
        pytest.skip("needs the servers of scripts/test.sh (make test)")


def _pg_ctl(*args: str) -> None:
    pg_bin, data = os.environ["TEST_PG_BIN"], os.environ["TEST_PG_DATA"]
    subprocess.run(["runuser", "-u", "postgres", "--", f"{pg_bin}/pg_ctl", "-D", data, *args],
                   check=True, capture_output=True, timeout=60)


def postgres_stop() -> None:
    _pg_ctl("-m", "fast", "-w", "stop")


def postgres_start() -> None:
    options = (
        f"-c listen_addresses=127.0.0.1 -p {os.environ['TEST_PG_PORT']} -k {os.environ['TEST_PG_SOCK']} "
        "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    )
    _pg_ctl("-w", "-l", f"{os.environ['TEST_PG_DATA']}/server.log", "-o", options, "start")


def _redis_pidfile() -> Path:
    return Path(os.environ["TEST_RUN_DIR"]) / "redis.pid"


def _port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.2)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def redis_stop() -> None:
    pid = int(_redis_pidfile().read_text().strip())
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and _port_open(int(os.environ["TEST_REDIS_PORT"])):
        time.sleep(0.05)
    time.sleep(0.1)


def redis_start() -> None:
    port = os.environ["TEST_REDIS_PORT"]
    run_dir = os.environ["TEST_RUN_DIR"]
    subprocess.run(
        ["redis-server", "--bind", "127.0.0.1", "--port", port, "--save", "", "--appendonly", "no",
         "--daemonize", "yes", "--pidfile", str(_redis_pidfile()), "--logfile", f"{run_dir}/redis.log"],
        check=True, timeout=30,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and not _port_open(int(port)):
        time.sleep(0.05)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
