"""Partner organisations a hub can refer an entrepreneur to: Versnellingspartners, omgevingsdiensten and others.

The list fields hold codes from schemes.vocabulary (an empty list means "any"); unknown contact details stay
empty and are shown as unknown, never guessed. Only an organisation that accepts referrals through the portal
and has a referral address gets the entrepreneur's question by e-mail (journeys/referrals/).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class PartnerKind(models.TextChoices):
    ACCELERATION_PARTNER = "acceleration_partner", _("Versnellingspartner")
    ENVIRONMENT_SERVICE = "environment_service", _("Omgevingsdienst")
    CHAIN_DIRECTOR_PROVIDER = "chain_director_provider", _("Aanbieder van ketenregie")
    KNOWLEDGE_INSTITUTE = "knowledge_institute", _("Kennisinstelling")
    FINANCIER = "financier", _("Financier")
    TRADE_ASSOCIATION = "trade_association", _("Branchevereniging of ondernemersorganisatie")
    OTHER = "other", _("Andere organisatie")


class PartnerOrganisation(models.Model):
    slug = models.SlugField(_("korte naam in de link (slug)"), unique=True, max_length=120)
    name = models.CharField(_("naam"), max_length=200)
    kind = models.CharField(_("soort"), max_length=30, choices=PartnerKind.choices)
    description = models.TextField(_("waar de partner bij helpt (B1)"), blank=True)
    description_en = models.TextField(_("waar de partner bij helpt (Engels)"), blank=True)
    themes = models.JSONField(_("thema's"), default=list, blank=True)
    sectors = models.JSONField(_("sectoren"), default=list, blank=True)
    barriers = models.JSONField(_("belemmeringen waar de partner bij helpt"), default=list, blank=True)
    is_national = models.BooleanField(_("werkt in heel Nederland"), default=False)
    provinces = models.ManyToManyField(
        "schemes.Province", verbose_name=_("provincies"), blank=True, related_name="partner_organisations")
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mail voor ondernemers"), blank=True)
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    accepts_referrals = models.BooleanField(
        _("neemt doorverwijzingen aan via het portaal"), default=False,
        help_text=_("Aan: het loket kan een hulpvraag naar het adres hieronder sturen, als de ondernemer dat "
                    "goed vindt."),
    )
    referral_email = models.EmailField(
        _("e-mail voor doorverwijzingen"), blank=True,
        help_text=_("Niet openbaar. Hier komt de hulpvraag binnen."))
    is_active = models.BooleanField(_("actief"), default=True)
    source_note = models.CharField(
        _("bron (intern)"), max_length=200, blank=True,
        help_text=_("Bronlabels en notities voor beheerders. Niet zichtbaar voor ondernemers."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(m2m_fields=[provinces])

    class Meta:
        ordering = ["name"]
        verbose_name = _("partnerorganisatie")
        verbose_name_plural = _("partnerorganisaties")

    def __str__(self) -> str:
        return self.name

    @property
    def takes_referrals(self) -> bool:
        """Whether the portal can send this partner a request (it accepts them and has an address)."""
        return self.accepts_referrals and bool(self.referral_email)

    @property
    def has_public_contact(self) -> bool:
        return bool(self.website or self.email or self.phone)
