from django.conf import settings

from portal import roles


def portal(request):
    user = getattr(request, "user", None)
    return {
        "retention_months": settings.RETENTION_MONTHS,
        "site_url": settings.SITE_URL,
        # A callable: the template asks only on pages of logged-in users (the menu), so others pay nothing.
        "is_referrer_only": (lambda: roles.is_referrer_only(user)) if user is not None else False,
    }
