"""The shipped gunicorn.conf.py: read from the working directory, it freezes the loaded objects out of the GC."""

import gc
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_gunicorn_started_in_the_checkout_reads_the_shipped_file():
    gunicorn = Path(sys.executable).with_name("gunicorn")
    done = subprocess.run(
        [str(gunicorn), "--print-config", "portal.wsgi:application"], cwd=ROOT, capture_output=True, text=True,
        timeout=60, env={**os.environ, "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY", "test-only")},
    )
    settings = {key.strip(): value.strip() for key, _eq, value in (line.partition("=") for line in
                                                                    done.stdout.splitlines())}
    assert settings.get("config") == "./gunicorn.conf.py", (done.returncode, done.stdout[:1500], done.stderr[-1500:])
    assert settings["post_worker_init"] == "<post_worker_init()>"


def test_the_worker_freezes_what_it_loaded_and_sets_no_concurrency():
    namespace: dict = {}
    exec(compile((ROOT / "gunicorn.conf.py").read_text(), "gunicorn.conf.py", "exec"), namespace)  # noqa: S102
    # nothing that changes how many requests run at once (the command line and the benchmark decide that)
    assert not {"workers", "threads", "worker_class", "bind"} & set(namespace)
    before = gc.get_freeze_count()
    try:
        namespace["post_worker_init"](worker=None)
        assert gc.get_freeze_count() > before
    finally:
        gc.unfreeze()
