"""Every public page carries a strict Content-Security-Policy, and its HTML needs nothing inline."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

# Pages for staff, the admin and machine endpoints are not "public pages".
# favicon.ico only redirects to a static image, which (like all static files) carries no page policy.
NOT_PUBLIC = ("medewerkers/", "beheer/", "i18n/", "healthz", "api/", "favicon.ico")
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<[^>]+\sstyle\s*=", re.IGNORECASE)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\ssrc=)[^>]*>", re.IGNORECASE)


def public_paths() -> list[str]:
    """Every URL pattern without parameters, outside the staff and machine areas."""
    paths = []

    def walk(patterns, prefix=""):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, route)
            elif isinstance(pattern, URLPattern) and "<" not in route and not route.startswith(NOT_PUBLIC):
                paths.append("/" + route.lstrip("^").rstrip("$"))

    walk(get_resolver().url_patterns)
    return sorted(set(paths))


def test_it_finds_the_public_pages():
    paths = public_paths()
    assert "/" in paths
    assert "/privacy/" in paths


@pytest.mark.parametrize("path", public_paths())
def test_it_sends_a_strict_csp_on_every_public_page(client, path):
    response = client.get(path, follow=True)

    assert response.status_code < 500
    csp = response.headers.get("Content-Security-Policy", "")
    assert "script-src 'self'" in csp
    assert "style-src 'self'" in csp
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp
    assert "frame-ancestors 'none'" in csp


@pytest.mark.parametrize("path", public_paths())
def test_it_serves_html_that_works_under_that_csp(client, path):
    response = client.get(path, follow=True)
    if "text/html" not in response.headers.get("Content-Type", ""):
        return
    html = response.content.decode()

    assert not INLINE_SCRIPT.search(html), "inline <script> is blocked by the CSP"
    assert not INLINE_STYLE.search(html), 'style="" is blocked by the CSP'
    assert not INLINE_HANDLER.search(html), "on*= handlers are blocked by the CSP"


def test_it_sends_the_other_security_headers(client):
    response = client.get("/")

    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.parametrize("path", [*public_paths(), "/medewerkers/login/", "/api/v1/hubs/", "/healthz", "/nergens/"])
def test_it_switches_powerful_browser_features_off_everywhere(client, path):
    # issue 15, item 9: no Permissions-Policy was sent at all.
    policy = client.get(path).get("Permissions-Policy", "")

    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in policy
