"""Authentication and permission for the partner API: ``Authorization: Api-Key <key>``."""

from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions, permissions

from journeys.intake.partner_api import keys
from journeys.models import PartnerApiKey


class PartnerKeyAuthentication(authentication.BaseAuthentication):
    """``Authorization: Api-Key <key>``; the key is checked against its stored hash."""

    keyword = "Api-Key"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1")
        scheme, _sep, raw = header.partition(" ")
        if scheme != self.keyword:
            return None
        raw = raw.strip()
        django_request = getattr(request, "_request", request)
        if hasattr(django_request, "partner_key_checked"):  # the rate limit checked this header already
            key = django_request.partner_key_checked
        else:
            # A NUL byte cannot reach a PostgreSQL text column (the lookup would raise): no key contains one.
            key = keys.partner_key_authenticate(raw=raw) if "\x00" not in raw else None
        if key is None:
            raise exceptions.AuthenticationFailed(_("Deze API-sleutel is onbekend of niet meer actief."))
        return (None, key)

    def authenticate_header(self, request):
        return self.keyword


class PartnerKeyScheme(OpenApiAuthenticationExtension):
    """Describes the Api-Key header in the OpenAPI schema."""

    target_class = PartnerKeyAuthentication
    name = "PartnerApiKey"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "header", "name": "Authorization",
                "description": "`Api-Key <key>`; ask the portal's administrators for a key."}


class HasPartnerKey(permissions.BasePermission):
    def has_permission(self, request, view):
        return isinstance(request.auth, PartnerApiKey)
