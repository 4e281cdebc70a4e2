from django.conf import settings


def portal(request):
    return {"retention_months": settings.RETENTION_MONTHS, "site_url": settings.SITE_URL}
