"""Bench-only settings: the portal's, plus a URLconf with a bare insert view (never used by the product)."""

from portal.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
