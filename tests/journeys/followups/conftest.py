import pytest

from tests.support.worker import CeleryWorker


@pytest.fixture
def mailbox_dir(tmp_path, monkeypatch):
    """A file mailbox for worker subprocesses (they inherit the environment)."""
    directory = tmp_path / "mailbox"
    directory.mkdir()
    monkeypatch.setenv("EMAIL_URL", f"file://{directory}")
    return directory


@pytest.fixture
def start_worker(transactional_db):
    """Start real Celery workers with the current environment; all are stopped at the end.

    The broker is emptied first: tasks an earlier test left queued (the 1,500-task backlog of
    test_sweep_behind_backlog.py) would otherwise keep a new worker busy for half a minute on a loaded machine.
    """
    from portal.celery import app

    app.control.purge()
    workers = []

    def start(name: str = "followups", **kwargs) -> CeleryWorker:
        worker = CeleryWorker(name=name, **kwargs)
        workers.append(worker)
        worker.start()
        return worker

    yield start
    for worker in workers:
        worker.stop()
