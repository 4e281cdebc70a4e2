"""Organisations and the regional hubs (loketten) that help entrepreneurs, with the area they serve."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Organisation(models.Model):
    """A party behind a scheme: owner/funder (e.g. IenW), executor (e.g. RVO) or umbrella."""

    name = models.CharField(_("naam"), max_length=200, unique=True)
    short_name = models.CharField(_("korte naam"), max_length=50, blank=True)
    website = models.URLField(_("website"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")

    def __str__(self) -> str:
        return self.short_name or self.name


class Hub(models.Model):
    """A regional desk, or the one national desk that covers whatever no hub covers."""

    slug = models.SlugField(_("korte naam in de link (slug)"), unique=True)
    name = models.CharField(_("naam"), max_length=200)
    organisation = models.CharField(_("organisatie"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("telefoon"), max_length=30, blank=True)
    website = models.URLField(_("website"), blank=True)
    # The documents name few hubs; until real contact details are known the page must not show fake ones.
    contact_is_placeholder = models.BooleanField(
        _("contactgegevens nog niet bekend"), default=False,
        help_text=_("Aan: de e-mail en telefoon zijn voorbeelden en worden niet aan ondernemers getoond."),
    )
    description = models.TextField(_("wat het loket doet"), blank=True)
    description_en = models.TextField(_("wat het loket doet (Engels)"), blank=True)
    next_steps = models.TextField(_("wat er gebeurt na een hulpvraag"), blank=True)
    next_steps_en = models.TextField(_("wat er gebeurt na een hulpvraag (Engels)"), blank=True)
    response_target_days = models.PositiveSmallIntegerField(
        _("eerste reactie binnen (werkdagen)"), default=5
    )
    is_national_desk = models.BooleanField(_("landelijk loket"), default=False)
    provinces = models.ManyToManyField(
        "schemes.Province", verbose_name=_("provincies"), blank=True, related_name="hubs")
    municipalities = models.ManyToManyField(
        "schemes.Municipality", verbose_name=_("gemeenten"), blank=True, related_name="hubs")
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("medewerkers"), blank=True, related_name="hubs",
        help_text=_("Alleen een superuser kan medewerkers toevoegen of weghalen."),
    )
    is_active = models.BooleanField(_("actief"), default=True)
    source_note = models.CharField(
        _("bron (intern)"), max_length=200, blank=True,
        help_text=_("Bronlabels en notities voor beheerders. Niet zichtbaar voor ondernemers."),
    )
    last_verified_on = models.DateField(_("laatst gecontroleerd op"), null=True, blank=True)
    last_verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("laatst gecontroleerd door"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    # Staff membership is in the history too: who can read a hub's requests must be traceable.
    history = HistoricalRecords(m2m_fields=[provinces, municipalities, staff])

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_national_desk"], condition=Q(is_national_desk=True), name="one_national_desk"
            )
        ]
        verbose_name = _("loket")
        verbose_name_plural = _("loketten")

    def __str__(self) -> str:
        return self.name
