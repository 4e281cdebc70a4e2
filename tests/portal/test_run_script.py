"""`make run` (scripts/run.sh) as a visitor meets it: the portal's own 404 page and a favicon, no debug page.

Starts the real script on a free loopback port with a fresh var/ folder (SQLite, filesystem broker), waits
until it serves, asks for a few addresses and stops the whole process group.
"""

import os
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request

import pytest

from tests.support.worker import ROOT

pytestmark = pytest.mark.worker


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _get(url: str) -> tuple[int, dict, str]:
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(url, timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode("utf-8", "replace")


@pytest.fixture
def embedded_run(tmp_path):
    port = _free_port()
    env = {key: value for key, value in os.environ.items()
           if key not in {"DATABASE_URL", "CELERY_BROKER_URL", "REDIS_URL", "EMAIL_URL", "DJANGO_DEBUG",
                          "DJANGO_SECRET_KEY", "DJANGO_HTTPS", "STATIC_MANIFEST", "STATIC_ROOT"}}
    env.update(PORTAL_VAR_DIR=str(tmp_path), PORTAL_ADDR=f"127.0.0.1:{port}")
    log = (tmp_path / "run.log").open("w")
    process = subprocess.Popen(["scripts/run.sh"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                               start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            assert process.poll() is None, (tmp_path / "run.log").read_text()
            try:
                if _get(base + "/healthz")[0] in (200, 503):
                    break
            except OSError:
                pass
            time.sleep(1)
        else:
            raise AssertionError("make run did not serve within 300 s:\n" + (tmp_path / "run.log").read_text())
        yield base
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)
        log.close()


def test_it_shows_the_portals_own_pages_and_a_favicon(embedded_run):
    status, _, body = _get(embedded_run + "/bestaat-niet/")
    assert status == 404
    assert "Pagina niet gevonden" in body
    assert "URLconf" not in body and "DEBUG = True" not in body  # not Django's debug page
    assert 'rel="icon"' in body and 'href="/static/css/portal.css"' in body

    status, headers, _ = _get(embedded_run + "/favicon.ico")
    assert status == 301 and headers["Location"] == "/static/favicon.ico"
    assert _get(embedded_run + "/static/favicon.ico")[0] == 200
    assert _get(embedded_run + "/static/favicon.svg")[0] == 200
    assert _get(embedded_run + "/static/css/portal.css")[0] == 200  # served without debug too
