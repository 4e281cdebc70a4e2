"""``Cache-Control: no-store`` on every page that may show personal data, from one middleware.

Default deny: every response gets ``no-store`` unless its URL name is in ``PUBLIC_VIEWS`` (pages that are the
same for everyone: the home page, the catalogue, the open-data API) **and** nobody is logged in. So a new
view is kept out of browser and proxy caches until someone decides it is public. Staff pages, intake steps,
the check page, the route, the status page, resume and unsubscribe links, the partner API and error pages
all fall under the rule; a page left in the cache after log-out could be read by the next user of the
computer.
"""

import fnmatch

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

# URL names (fnmatch patterns) whose pages hold no personal data; anonymous visitors may cache them.
PUBLIC_VIEWS = (
    "home",
    "privacy",
    "accessibility",
    "healthz",  # has its own never_cache
    "set_language",
    "schemes:*",
)


def is_public(request: HttpRequest) -> bool:
    match = request.resolver_match
    if match is None:  # no URL matched (404) or a middleware answered first: not known to be public
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False  # staff pages carry the user's name and their hubs' requests
    return any(fnmatch.fnmatchcase(match.view_name, pattern) for pattern in PUBLIC_VIEWS)


class NoStoreMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not is_public(request):
            # Replaces public/max-age a view may have set: personal data must not be stored anywhere.
            response.headers.pop("Cache-Control", None)
            patch_cache_control(response, no_store=True, private=True)
            response.headers.pop("Expires", None)
        return response
