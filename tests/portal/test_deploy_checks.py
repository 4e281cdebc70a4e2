"""check --deploy warns when production has no shared cache (issue 15, item 7)."""

from tests.portal.test_settings import PRODUCTION_ENV, run_django


def test_check_deploy_warns_without_a_shared_cache(tmp_path):
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != "REDIS_URL"}
    done = run_django({**env, "PORTAL_VAR_DIR": str(tmp_path)}, "check", "--deploy", "--fail-level", "WARNING")

    assert done.returncode != 0
    assert "portal.W001" in done.stdout + done.stderr
    assert "REDIS_URL" in done.stdout + done.stderr


def test_a_plain_check_stays_quiet_in_the_embedded_mode(tmp_path):
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != "REDIS_URL"}
    done = run_django({**env, "PORTAL_VAR_DIR": str(tmp_path)}, "check", "--fail-level", "WARNING")

    assert done.returncode == 0, done.stdout + done.stderr
