"""The one place that decides whether a view answers with its whole page or with the part htmx swaps in.

A history restore (Back with ``historyCacheSize: 0``) is also an htmx request, but it replaces the whole
``<body>``: it must get the whole page, or the browser shows a bare fragment.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers


def wants_partial(request: HttpRequest) -> bool:
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.history_restore_request


def render_page_or_partial(request: HttpRequest, template: str, partial: str, context: dict | None = None,
                           *, status: int | None = None) -> HttpResponse:
    """Render ``template``, or only its ``{% partialdef partial %}`` for an htmx swap."""
    name = f"{template}#{partial}" if wants_partial(request) else template
    response = render(request, name, context, status=status)
    # Caches must keep the page and the fragment apart.
    patch_vary_headers(response, ("HX-Request", "HX-History-Restore-Request"))
    return response
