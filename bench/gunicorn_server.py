"""Run the portal (or the bench-only URLconf) under gunicorn on a free loopback port, for HTTP benches."""

from __future__ import annotations

import contextlib
import os
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

from bench.servers import ROOT, free_port

GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")


@contextlib.contextmanager
def gunicorn(*, workers: int = 2, threads: int = 4, settings_module: str = "portal.settings", extra_env=None):
    """Yield the base URL of a gunicorn serving ``settings_module``; stopped afterwards."""
    port = free_port()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": settings_module, "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
           **(extra_env or {})}
    log = Path(os.environ.get("PORTAL_VAR_DIR") or tempfile.gettempdir()) / f"gunicorn-{port}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w") as out:
        process = subprocess.Popen(
            [GUNICORN, "portal.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
             "--threads", str(threads), "--worker-class", "gthread", "--log-level", "warning",
             "--backlog", "2048", "--timeout", "60"],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(base + "/healthz", timeout=2)  # noqa: S310 - loopback only
                break
            except urllib.error.HTTPError:
                break  # it answers (503 without a broker is fine)
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError(f"gunicorn did not start:\n{log.read_text()}") from None
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
