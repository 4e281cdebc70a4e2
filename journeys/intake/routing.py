"""Which hub helps an intake (domain §8.4 rule 1), plus the first advice the hub will give.

The hub lookup itself is schemes.areas (postcode -> municipality -> hub, national desk as fallback);
this module turns an intake's answers into that lookup and records why, so the decision can be shown
later exactly as it was made. Rules 2-11 of §8.4 are matched through the catalogue (schemes.matching).
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from journeys.intake.questions import MUNICIPALITY_KEY
from schemes import areas
from schemes import vocabulary as v
from schemes.models import Hub, Municipality


@dataclass(frozen=True)
class Routing:
    choice: areas.HubChoice
    advice: list[str] = field(default_factory=list)

    @property
    def hub(self) -> Hub | None:
        return self.choice.hub

    @property
    def municipality(self) -> Municipality | None:
        return self.choice.municipality

    def snapshot(self) -> dict:
        return {**self.choice.snapshot(), "advice": self.advice}


def municipality_for(*, postcode: str, municipality_code: str = "") -> Municipality | None:
    """The chosen municipality if the entrepreneur picked one, else the only one the PC4 lies in."""
    if municipality_code:
        # Inside areas.remembered_lookups() (one submission) the row the postcode check read is reused.
        chosen = areas.municipality_by_code(municipality_code)
        if chosen is not None:
            return chosen
        # e.g. a municipality merged away since the step was answered: fall back to the postcode
    pc4 = areas.normalise_pc4(postcode)
    if not pc4:
        return None
    options = areas.municipalities_for_pc4(pc4)
    # Two municipalities and no choice made (e.g. an old draft): don't guess, the national desk decides.
    return options[0] if len(options) == 1 else None


def advice_for(answers: dict) -> list[str]:
    """Codes of first advice from §8.4 that depend on the answers rather than the catalogue."""
    advice = []
    themes = set(answers.get("themes") or [])
    wants_chain = v.Theme.CHAIN in themes or v.BusinessArea.CHAIN_COOPERATION in (answers.get("business_areas") or [])
    if wants_chain and not answers.get("chain_partners"):
        advice.append("scouting")  # rule 4: chain idea, no partners yet
    if v.Theme.REGULATION in themes:
        advice.append("regulation")  # rule 10: the MRA questions go to legal partners
    return advice


ADVICE_TEXTS = {
    "scouting": _("U heeft nog geen ketenpartners. Het loket zoekt met u naar partners en kan een eerste "
                  "kennismaking organiseren."),
    "regulation": _("Het loket legt uw vraag over regels voor aan juridische partners, zoals de omgevingsdienst."),
}


def route_intake(*, answers: dict, hub_fingerprint: str | None = None) -> Routing:
    """``hub_fingerprint``: a fresh ``areas.hub_fingerprint()`` the caller read already (saves a query)."""
    municipality = municipality_for(
        postcode=answers.get("postcode", ""), municipality_code=answers.get(MUNICIPALITY_KEY, "")
    )
    return Routing(choice=areas.hub_for_municipality(municipality, fingerprint=hub_fingerprint),
                   advice=advice_for(answers))
