"""Until the second factor is given, a logged-in session opens nothing but the code page (and log-out)."""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.urls import reverse

from portal.two_factor.services import has_second_factor

# Pages a half-logged-in session may open: the code and set-up pages decide themselves who gets in.
ALWAYS_OPEN = {"two-factor-verify", "two-factor-setup", "logout", "set_language", "healthz", "javascript-catalog"}


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        match = request.resolver_match
        if match is not None and match.url_name in ALWAYS_OPEN:
            return None
        if has_second_factor(user):
            target = "two-factor-verify"
        elif settings.STAFF_TWO_FACTOR_REQUIRED:
            target = "two-factor-setup"
        else:
            return None
        return redirect_to_login(request.get_full_path(), reverse(target))
