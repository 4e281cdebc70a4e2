"""Dutch first: pages are Dutch unless the visitor chose English with the language switch.

Browsers send Accept-Language, but a Dutch public service should not switch an entrepreneur's page to
English because of a browser setting; the explicit choice is kept in Django's language cookie. API
clients have no cookie jar worth relying on, so /api/ keeps Accept-Language negotiation.
"""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class DutchFirstLocaleMiddleware(LocaleMiddleware):
    def process_request(self, request):
        if request.path_info.startswith("/api/"):
            return super().process_request(request)
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class PermissionsPolicyMiddleware:
    """``Permissions-Policy`` on every response: the portal uses no camera, microphone, location, payment or
    other powerful browser feature, so none may be used by it or by anything framed in it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
