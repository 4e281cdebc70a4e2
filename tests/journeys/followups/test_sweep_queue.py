"""Issue 15.12: the sweep has its own queue, so a backlog of per-row tasks cannot make it expire unrun."""

from pathlib import Path

import yaml

from portal.celery import app

ROOT = Path(__file__).resolve().parents[3]


def _queue_of(task_name: str) -> str:
    return app.amqp.router.route({}, task_name)["queue"].name


def test_the_sweep_goes_to_its_own_queue_and_the_per_row_sends_do_not():
    assert _queue_of("followups.dispatch_due") == "sweeps"
    assert _queue_of("followups.send") == "celery"


def test_every_worker_command_consumes_both_queues():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    assert "--queues celery,sweeps" in compose["services"]["worker"]["command"]
    assert "--queues celery,sweeps" in (ROOT / "scripts" / "run.sh").read_text()
