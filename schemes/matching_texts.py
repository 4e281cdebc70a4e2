"""Sentences for the matching's stored criteria, fit reasons and availability, in the active language.

Matches are stored as codes with parameters (see schemes.matching ``as_dict``) and turned into words
only when shown, so a result page, a hub's request page and the API can all explain them, in Dutch
or English, exactly as they were computed.
"""

import functools
from collections.abc import Callable
from datetime import date

from django.utils.formats import date_format
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from schemes import vocabulary as v
from schemes.matching import (
    GROUP_LATER,
    GROUP_NEAR,
    GROUP_NOW,
    GROUP_READING,
    MET,
    NEAR_MISS_MAX_MISSING,
    NOT_MET,
    NOW_STATES,
    READING_KINDS,
    Availability,
    Criterion,
    is_fixable,
)

# Short names of the kinds of help asked for (intake question "Wat voor hulp zoekt u?").
HELP_LABELS = {
    "information": gettext_lazy("informatie en voorbeelden"), "voucher": gettext_lazy("een voucher"),
    "feasibility": gettext_lazy("een haalbaarheidsonderzoek"),
    "implementation": gettext_lazy("maatregelen invoeren"), "specialist": gettext_lazy("specialistische kennis"),
}


SENTENCE_CACHE_SIZE = 4096  # per function; stored items repeat (a catalogue's schemes, criteria and dates)


def remembered_sentences(render: Callable[[dict], str]) -> Callable[[dict], str]:
    """``render(item)`` remembered per process and language: a pure function of the stored item's codes.

    The sentence depends only on the item (codes, statuses, parameters, ISO dates) and the active language
    (words and date format), so the same item in the same language always reads the same; an API answer or a
    route page otherwise spends ~150 ``gettext`` look-ups on the same few dozen sentences (issue 17). The key is
    the item's ``repr`` (stored items hold only JSON values); the cache is emptied when it is full.
    """
    cache: dict[tuple[str | None, str], str] = {}

    @functools.wraps(render)
    def remembered(item: dict) -> str:
        key = (get_language(), repr(item))
        text = cache.get(key)
        if text is None:
            text = render(item)
            if len(cache) >= SENTENCE_CACHE_SIZE:
                cache.clear()
            cache[key] = text
        return text

    remembered.cache = cache
    return remembered


def _list(choices, codes) -> str:
    return ", ".join(str(v.label(choices, code)).lower() for code in codes)


@remembered_sentences
def fit_text(item: dict) -> str:
    code, params = item.get("code"), item.get("params") or {}
    codes = params.get("codes", [])
    if code == "stage":
        return _("Bedoeld voor bedrijven in uw fase.")
    if code == "help":
        helps = ", ".join(str(HELP_LABELS.get(c, c)) for c in codes)
        return _("Geeft de hulp die u zoekt: %(list)s.") % {"list": helps}
    if code == "themes":
        return _("Helpt bij uw vraag over: %(list)s.") % {"list": _list(v.Theme, codes)}
    if code == "business_areas":
        return _("Past bij: %(list)s.") % {"list": _list(v.BusinessArea, codes)}
    if code == "sectors":
        return _("Voor uw sector: %(list)s.") % {"list": _list(v.Sector, codes)}
    if code == "barriers":
        return _("Helpt bij wat u tegenhoudt: %(list)s.") % {"list": _list(v.Barrier, codes)}
    return str(code)


@remembered_sentences
def criterion_text(item: dict) -> str:
    """What a criterion means for this entrepreneur: met, what is missing, or what is still unknown."""
    code, status, params = item.get("code"), item.get("status"), item.get("params") or {}
    count = params.get("count")
    if code == "stage":
        return _("Deze regeling is bedoeld voor: %(list)s.") % {"list": _list(v.Stage, params.get("stages", []))}
    if code == "sectors":
        return _("Deze regeling is alleen voor de sector: %(list)s.") % {"list": _list(v.Sector, params["codes"])}
    if code == "region":
        areas = ", ".join(params.get("areas", []))
        if status == MET:
            return _("Geldt in uw regio (%(areas)s).") % {"areas": areas}
        return _("Geldt alleen in %(areas)s. Wij weten niet waar uw bedrijf zit.") % {"areas": areas}
    if code == "sme_only":
        if params.get("large"):
            return _("Alleen mkb'ers mogen aanvragen. Een groot bedrijf mag wel meedoen in de samenwerking.")
        return _("Alleen voor mkb. U bent een mkb-bedrijf.") if status == MET else _("Alleen voor mkb.")
    if code == "consortium":
        return {
            MET: _("U werkt samen met andere bedrijven, zoals deze regeling vraagt."),
            NOT_MET: _("U heeft een samenwerking met andere bedrijven nodig."),
        }.get(status, _("Deze regeling is voor een samenwerking van bedrijven. Werkt u al samen?"))
    if code == "min_smes":
        need = ngettext("U heeft minstens %(min)s mkb'er nodig in het consortium.",
                        "U heeft minstens %(min)s mkb'ers nodig in het consortium.", params["min"]) % params
        return _with_count(need, status, count)
    if code == "max_smes":
        need = _("Er mogen maximaal %(max)s mkb'ers meedoen.") % params
        return _with_count(need, status, count)
    if code == "large_max":
        need = ngettext("Er mag maximaal %(max)s groot bedrijf meedoen.",
                        "Er mogen maximaal %(max)s grote bedrijven meedoen.", params["max"] or 0) % params
        return _with_count(need, status, count)
    if code == "chain_roles":
        need = _("U heeft minstens %(min)s verschillende rollen in de keten nodig.") % params
        return _with_count(need, status, count)
    if code == "requirement":
        needed = str(v.label(v.Requirement, params.get("requirement", ""))).lower()
        if status == MET:
            return _("U heeft %(thing)s.") % {"thing": needed}
        if status == NOT_MET:
            return _("U heeft %(thing)s nodig.") % {"thing": needed}
        return _("Nodig: %(thing)s. Het loket kijkt dit met u na.") % {"thing": needed}
    return str(code)


TODO_REQUIREMENT = {
    v.Requirement.CHAIN_DIRECTOR: gettext_lazy("Zoek een ketenregisseur of procesbegeleider."),
    v.Requirement.COMMITMENT_LETTER: gettext_lazy(
        "Laat de partners een intentieverklaring (letter of commitment) tekenen."),
    v.Requirement.AMBITION_DOCUMENT: gettext_lazy("Laat de partners samen een ambitiedocument tekenen."),
    v.Requirement.JOINT_PLAN: gettext_lazy("Maak samen met de partners een plan."),
    v.Requirement.EXISTING_COOPERATION: gettext_lazy("Start eerst de samenwerking met uw partners."),
}


@remembered_sentences
def todo_text(item: dict) -> str:
    """What to add or do to meet a criterion that is not met: "U heeft nog 1 mkb-partner nodig."."""
    code, params = item.get("code"), item.get("params") or {}
    if code == "min_smes" and params.get("count") is not None:
        short = max(params["min"] - params["count"], 1)
        return ngettext("U heeft nog %(count)s mkb-partner nodig.", "U heeft nog %(count)s mkb-partners nodig.",
                        short) % {"count": short}
    if code == "chain_roles" and params.get("count") is not None:
        short = max(params["min"] - params["count"], 1)
        return ngettext("U heeft nog %(count)s partner met een andere rol in de keten nodig.",
                        "U heeft nog %(count)s partners met een andere rol in de keten nodig.",
                        short) % {"count": short}
    if code == "consortium":
        return _("Zoek andere bedrijven om mee samen te werken.")
    if code == "requirement" and params.get("requirement") in TODO_REQUIREMENT:
        return str(TODO_REQUIREMENT[params["requirement"]])
    return criterion_text(item)


def _with_count(need: str, status: str, count: int | None) -> str:
    if count is None:
        return f"{need} {_('Dit weten wij nog niet van u.')}"
    return f"{need} {ngettext('U noemt er %(count)s.', 'U noemt er %(count)s.', count) % {'count': count}}"


def _day(value: str | None) -> str:
    return date_format(date.fromisoformat(value), "j F Y") if value else ""


@remembered_sentences
def availability_text(item: dict) -> str:
    status = item.get("status")
    opens, closes = _day(item.get("opens_on")), _day(item.get("closes_on"))
    if status == Availability.OPEN:
        return _("Open tot en met %(date)s.") % {"date": closes} if closes else _("Open.")
    if status == Availability.ALMOST_FULL:
        return _("Open, maar het budget is bijna op.")
    if status == Availability.EXHAUSTED:
        if item.get("next_opens_on"):
            return _("Het budget van deze ronde is op. De volgende ronde gaat open op %(date)s.") % {
                "date": _day(item["next_opens_on"])}
        return _("Het budget van deze ronde is op.")
    if status == Availability.UPCOMING:
        return _("Gaat open op %(date)s.") % {"date": opens}
    if status == Availability.CLOSED:
        return _("Nu gesloten. Er is nog geen nieuwe ronde bekend.")
    if status == Availability.CONTINUOUS:
        return _("Altijd beschikbaar.")
    if status == Availability.EXPIRED:
        return _("Alleen bevestigd tot en met %(date)s. Vraag uw loket of het nog bestaat.") % {"date": closes}
    return _("Onbekend wanneer u kunt aanvragen. Vraag het uw loket.")


AVAILABILITY_TAG = {
    Availability.OPEN: ("open", gettext_lazy("Open")),
    Availability.CONTINUOUS: ("open", gettext_lazy("Beschikbaar")),
    Availability.ALMOST_FULL: ("soon", gettext_lazy("Bijna vol")),
    Availability.UPCOMING: ("soon", gettext_lazy("Binnenkort open")),
    Availability.EXHAUSTED: ("exhausted", gettext_lazy("Budget op")),
    Availability.CLOSED: ("closed", gettext_lazy("Gesloten")),
    Availability.EXPIRED: ("closed", gettext_lazy("Mogelijk gestopt")),
    Availability.UNKNOWN: ("soon", gettext_lazy("Onbekend")),
}


def availability_tag(item: dict) -> tuple[str, str]:
    css, label = AVAILABILITY_TAG.get(item.get("status"), ("closed", gettext_lazy("Niet beschikbaar")))
    return css, str(label)


def group_of(item: dict) -> str:
    """The result group of a stored match; for matches stored before the groups existed, worked out again."""
    if item.get("group"):
        return item["group"]
    missing = [c for c in item.get("criteria", []) if c.get("status") == NOT_MET]
    if missing:
        fixable = all(is_fixable(Criterion(c.get("code"), NOT_MET, c.get("params") or {})) for c in missing)
        return GROUP_NEAR if fixable and len(missing) <= NEAR_MISS_MAX_MISSING else GROUP_LATER
    if item.get("kind") in READING_KINDS:
        return GROUP_READING
    return GROUP_NOW if (item.get("availability") or {}).get("status") in NOW_STATES else GROUP_LATER
