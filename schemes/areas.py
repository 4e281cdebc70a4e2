"""Which hub serves a place: postcode (PC4) -> municipality -> hub, with the national desk as fallback.

A hub that names the municipality beats one that names the province; the national desk covers the rest
[domain §8.4 rule 1]. Ties between hubs at the same level go to the alphabetically first, and the
decision says so, so that staff can see overlaps and fix the catalogue.
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from schemes.models import Hub, Municipality

POSTCODE_RE = re.compile(r"^\s*([1-9][0-9]{3})\s*([A-Za-z]{2})?\s*$")


class Level:
    MUNICIPALITY = "municipality"
    PROVINCE = "province"
    NATIONAL = "national"


@dataclass(frozen=True)
class HubChoice:
    hub: Hub | None
    level: str
    municipality: Municipality | None = None
    other_hubs: list[Hub] = field(default_factory=list)

    @property
    def reason(self) -> str:
        """One sentence, in the active language, saying why this hub was chosen."""
        if self.hub is None:
            return _("Er is geen loket gevonden. Het landelijk loket is nog niet ingesteld.")
        if self.level == Level.MUNICIPALITY:
            text = _("%(hub)s helpt bedrijven in de gemeente %(municipality)s.") % {
                "hub": self.hub.name, "municipality": self.municipality.name}
        elif self.level == Level.PROVINCE:
            text = _("%(hub)s helpt bedrijven in de provincie %(province)s, waar %(municipality)s ligt.") % {
                "hub": self.hub.name, "province": self.municipality.province.display_name,
                "municipality": self.municipality.name}
        elif self.municipality is not None:
            text = _("Geen regionaal loket werkt in %(municipality)s. Daarom helpt het landelijk loket u.") % {
                "municipality": self.municipality.name}
        else:
            text = _("Wij weten niet in welke gemeente u zit. Daarom helpt het landelijk loket u.")
        if self.other_hubs:
            text += " " + _("Ook %(others)s werkt hier; wij kozen het eerste op alfabet.") % {
                "others": ", ".join(h.name for h in self.other_hubs)}
        return text

    def snapshot(self) -> dict:
        """What to store with an intake or request, so the decision can be shown later as it was."""
        return {
            "hub_id": self.hub.pk if self.hub else None,
            "hub_name": self.hub.name if self.hub else "",
            "level": self.level,
            "municipality_code": self.municipality.code if self.municipality else "",
            "municipality_name": self.municipality.name if self.municipality else "",
            "province_name": self.municipality.province.display_name if self.municipality else "",
            "other_hub_names": [h.name for h in self.other_hubs],
            "reason": self.reason,
        }


def normalise_pc4(postcode: str) -> str | None:
    """"1234 ab", "1234AB" or "1234" -> "1234"; None when it is not a Dutch postcode."""
    match = POSTCODE_RE.match(postcode or "")
    return match.group(1) if match else None


def municipalities_for_pc4(pc4: str) -> list[Municipality]:
    """All municipalities a PC4 lies in (usually one; 34 PC4s lie in two)."""
    return list(
        Municipality.objects.filter(postcode_areas__pc4=pc4).select_related("province").distinct().order_by("name")
    )


def hub_for_municipality(municipality: Municipality | None) -> HubChoice:
    active = Hub.objects.filter(is_active=True, is_national_desk=False).order_by("name")
    if municipality is not None:
        for level, hubs in (
            (Level.MUNICIPALITY, active.filter(municipalities=municipality)),
            (Level.PROVINCE, active.filter(provinces=municipality.province_id)),
        ):
            found = list(hubs.distinct())
            if found:
                return HubChoice(hub=found[0], level=level, municipality=municipality, other_hubs=found[1:])
    national = Hub.objects.filter(is_national_desk=True, is_active=True).first()
    return HubChoice(hub=national, level=Level.NATIONAL, municipality=municipality)
