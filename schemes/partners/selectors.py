"""Reads: the active partner organisations, for the public page, the open-data API and the referral form."""

from django.db.models import QuerySet

from schemes.models import PartnerOrganisation


def active_partners() -> QuerySet[PartnerOrganisation]:
    return PartnerOrganisation.objects.filter(is_active=True).prefetch_related("provinces").order_by("kind", "name")
