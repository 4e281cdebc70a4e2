"""Rules a scheme, an application round and a hub must follow, shared by the admin forms and the importer.

Each ``*_errors`` function takes plain values (a mapping of field name to value, as a form's cleaned_data
or a parsed import row) and returns ``{field_name: [message, ...]}``; empty means valid. Messages are Dutch,
say what is wrong and how to fix it, and are translatable.
"""

import itertools
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from schemes import vocabulary as v

# The list fields of a scheme and the vocabulary their codes come from.
VOCABULARY_FIELDS: dict[str, type] = {
    "stages": v.Stage,
    "themes": v.Theme,
    "business_areas": v.BusinessArea,
    "sectors": v.Sector,
    "barriers": v.Barrier,
    "journey_steps": v.JourneyStep,
    "requirements": v.Requirement,
    "provides": v.Requirement,
}

Errors = dict[str, list[str]]


def _has_any(value: Any) -> bool:
    if value is None:
        return False
    if hasattr(value, "exists"):  # a queryset from a form
        return value.exists()
    return len(value) > 0


def _add(errors: Errors, field: str, message: str) -> None:
    errors.setdefault(field, []).append(message)


def vocabulary_errors(data: Mapping[str, Any]) -> Errors:
    """Codes in the list fields that are not in the vocabulary."""
    errors: Errors = {}
    for field, choices in VOCABULARY_FIELDS.items():
        codes = data.get(field) or []
        if not isinstance(codes, list):
            _add(errors, field, _("Dit moet een lijst met codes zijn."))
            continue
        known = set(choices.values)
        unknown = [str(code) for code in codes if code not in known]
        if unknown:
            _add(errors, field, _("Onbekende code: %(codes)s. Kies uit: %(known)s.") % {
                "codes": ", ".join(unknown), "known": ", ".join(str(k) for k in choices.values)})
        if len(set(codes)) != len(codes):
            _add(errors, field, _("Elke code mag maar één keer voorkomen."))
    return errors


def scheme_errors(data: Mapping[str, Any]) -> Errors:
    """Everything wrong with one scheme's values, by field."""
    errors = vocabulary_errors(data)
    minimum, maximum = data.get("consortium_min_smes"), data.get("consortium_max_smes")
    if minimum is not None and maximum is not None and maximum < minimum:
        _add(errors, "consortium_max_smes", _(
            "Het maximum aantal mkb'ers (%(max)s) is kleiner dan het minimum (%(min)s). "
            "Maak het maximum gelijk aan of groter dan het minimum.") % {"max": maximum, "min": minimum})
    if not data.get("requires_consortium"):
        for field in ("consortium_min_smes", "consortium_max_smes", "min_chain_roles"):
            if data.get(field) is not None:
                _add(errors, field, _(
                    "Dit geldt alleen voor een samenwerking. Zet 'alleen voor een samenwerking' aan "
                    "of maak dit veld leeg."))
    percentage = data.get("funding_percentage")
    if percentage is not None and percentage > 100:
        _add(errors, "funding_percentage", _(
            "Een vergoeding kan niet meer dan 100%% van de kosten zijn. U vulde %(value)s%% in.") % {
            "value": percentage})
    valid_from, valid_until = data.get("valid_from"), data.get("valid_until")
    if valid_from and valid_until and valid_until < valid_from:
        _add(errors, "valid_until", _("De einddatum ligt voor de begindatum. Kies een einddatum na %(date)s.") % {
            "date": valid_from.strftime("%d-%m-%Y")})
    regional = data.get("scope") == v.GeographicScope.REGIONAL
    has_area = _has_any(data.get("provinces")) or _has_any(data.get("municipalities"))
    if regional and not has_area:
        _add(errors, "provinces", _(
            "Kies minstens één provincie of gemeente, of zet het gebied op 'Heel Nederland'."))
    if not regional and has_area:
        _add(errors, "provinces", _(
            "Een landelijke regeling heeft geen provincies of gemeenten. Maak ze leeg, "
            "of zet het gebied op 'Alleen in bepaalde provincies of gemeenten'."))
    if data.get("is_free") and percentage:
        _add(errors, "is_free", _("Een gratis aanbod heeft geen vergoedingspercentage. Maak één van beide leeg."))
    return errors


def round_errors(data: Mapping[str, Any]) -> Errors:
    """Everything wrong with one application round's values, by field."""
    errors: Errors = {}
    opens_on, closes_on = data.get("opens_on"), data.get("closes_on")
    if opens_on and closes_on and closes_on < opens_on:
        _add(errors, "closes_on", _(
            "De sluitdatum (%(closes)s) ligt voor de openingsdatum (%(opens)s). "
            "Kies een sluitdatum op of na de openingsdatum.") % {
            "closes": closes_on.strftime("%d-%m-%Y"), "opens": opens_on.strftime("%d-%m-%Y")})
    return errors


def rounds_errors(rounds: Iterable[Mapping[str, Any]]) -> list[str]:
    """Problems between the rounds of one scheme: overlapping windows confuse "open now"."""
    dated = sorted((r for r in rounds if r.get("opens_on")), key=lambda r: r["opens_on"])
    problems = []
    for earlier, later in itertools.pairwise(dated):
        if earlier.get("closes_on") is None or earlier["closes_on"] >= later["opens_on"]:
            problems.append(_("De ronde van %(first)s loopt door in de ronde van %(second)s. "
                              "Laat de eerste ronde sluiten voordat de volgende opent.") % {
                "first": earlier["opens_on"].strftime("%d-%m-%Y"), "second": later["opens_on"].strftime("%d-%m-%Y")})
    return problems


def hub_errors(data: Mapping[str, Any]) -> Errors:
    """Everything wrong with one hub's values, by field."""
    errors: Errors = {}
    has_area = _has_any(data.get("provinces")) or _has_any(data.get("municipalities"))
    if not data.get("is_national_desk") and data.get("is_active", True) and not has_area:
        _add(errors, "provinces", _(
            "Een regionaal loket heeft een gebied nodig. Kies minstens één provincie of gemeente."))
    return errors


def raise_if_errors(errors: Errors) -> None:
    if errors:
        raise ValidationError({field: [ValidationError(m) for m in messages] for field, messages in errors.items()})
