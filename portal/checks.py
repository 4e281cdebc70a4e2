"""Deployment checks of our own (``manage.py check --deploy``)."""

from django.conf import settings
from django.core import checks

PER_PROCESS_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


@checks.register(checks.Tags.caches, deploy=True)
def shared_cache_check(app_configs=None, **kwargs):
    """Production needs a shared cache: rate limits and log-in lock-outs counted per process are not limits."""
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend in PER_PROCESS_CACHES:
        return [checks.Warning(
            "REDIS_URL is not set: rate limits and log-in lock-outs are counted in a per-process memory cache, "
            "so every gunicorn worker keeps its own counts and a restart forgets them.",
            hint="Set REDIS_URL (e.g. redis://host:6379/1) in production.",
            id="portal.W001",
        )]
    return []
