"""Provinces, municipalities (CBS codes) and the PC4 postcode table, loaded from ../shared/data/."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Province(models.Model):
    code = models.CharField(_("CBS-code"), max_length=4, unique=True)  # e.g. PV27
    name = models.CharField(_("naam"), max_length=100)  # CBS spelling, e.g. "Friesland"
    display_name = models.CharField(_("weergavenaam"), max_length=100)  # e.g. "Fryslân"

    class Meta:
        ordering = ["display_name"]
        verbose_name = _("provincie")
        verbose_name_plural = _("provincies")

    def __str__(self) -> str:
        return self.display_name


class Municipality(models.Model):
    code = models.CharField(_("CBS-code"), max_length=6, unique=True)  # e.g. GM0363
    name = models.CharField(_("naam"), max_length=100)
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="municipalities")
    corop_code = models.CharField(_("COROP-code"), max_length=4, blank=True)
    corop_name = models.CharField(_("COROP-gebied"), max_length=100, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")

    def __str__(self) -> str:
        return self.name


class PostcodeArea(models.Model):
    """A PC4 lying (partly) in a municipality. A PC4 in two municipalities has two rows."""

    class Source(models.TextChoices):
        ADDRESSES = "addresses", _("Adressen (GeoNames, CC BY 4.0)")
        POSTBUS = "postbus", _("Postbus-aanvulling 2014 (minder zeker)")

    pc4 = models.CharField(_("postcode (4 cijfers)"), max_length=4, db_index=True)
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="postcode_areas")
    source = models.CharField(_("bron"), max_length=10, choices=Source.choices, default=Source.ADDRESSES)

    class Meta:
        ordering = ["pc4", "municipality__name"]
        constraints = [models.UniqueConstraint(fields=["pc4", "municipality"], name="unique_pc4_municipality")]
        verbose_name = _("postcodegebied")
        verbose_name_plural = _("postcodegebieden")

    def __str__(self) -> str:
        return f"{self.pc4} {self.municipality}"
