"""Start and stop real Celery worker subprocesses pointed at pytest-django's test database."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def worker_env() -> dict[str, str]:
    """The test process's environment, with DATABASE_URL naming the test database."""
    db = connection.settings_dict
    env = dict(os.environ)
    env["DATABASE_URL"] = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    return env


class CeleryWorker:
    def __init__(self, *, name: str = "test", queues: str = "celery,sweeps", beat: bool = False) -> None:
        self.name = name
        self.queues = queues
        self.beat = beat
        self.process: subprocess.Popen | None = None
        self.log_path = Path(os.environ.get("TEST_RUN_DIR", "/tmp")) / f"worker-{name}-{os.getpid()}.log"

    def start(self, *, wait: float = 30.0) -> None:
        command = [
            sys.executable, "-m", "celery", "-A", "portal", "worker", "--pool=solo", "--loglevel=INFO",
            "-n", f"{self.name}-{os.getpid()}@%h", "-Q", self.queues, "--without-mingle", "--without-gossip",
        ]
        if self.beat:
            command.append("--beat")
        self._log = self.log_path.open("w")
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=worker_env(), stdout=self._log, stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if "ready." in self.log_path.read_text():
                return
            if self.process.poll() is not None:
                raise RuntimeError(f"Celery worker exited early:\n{self.log_path.read_text()}")
            time.sleep(0.1)
        raise RuntimeError(f"Celery worker did not start in {wait}s:\n{self.log_path.read_text()}")

    def kill(self) -> None:
        """Kill the worker without warning, as a crash or an OOM kill would."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()
        if hasattr(self, "_log"):
            self._log.close()

    def output(self) -> str:
        return self.log_path.read_text()


def wait_until(predicate, *, timeout: float = 20.0, interval: float = 0.1) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return False
