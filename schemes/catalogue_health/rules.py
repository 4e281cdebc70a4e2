"""The catalogue health rules: each finds schemes or hubs that need an admin's attention on ``today``.

Pure reads with an explicit ``today`` (no clock inside), so every rule is tested with a frozen date.
The rules and their thresholds are documented in docs/catalogue.md ("Catalogue health").
"""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from schemes import vocabulary as v
from schemes.models import Hub, Scheme

ROUND_SOON_DAYS = 14
# Dutch text fields that need an English twin before an offer counts as translated.
SCHEME_TEXTS = ("name", "summary", "cost_note", "support_note", "no_link_reason")
HUB_TEXTS = ("description", "next_steps")


@dataclass(frozen=True)
class Finding:
    rule: str  # stable code, also in the JSON export
    kind: str  # "scheme" or "hub"
    slug: str
    name: str
    detail: str
    change_url: str

    def as_json(self) -> dict:
        return {"rule": self.rule, "kind": self.kind, "slug": self.slug, "name": self.name, "detail": self.detail,
                "change_url": self.change_url}


RULES = {
    "not_verified": gettext_lazy("Nog nooit gecontroleerd of te lang geleden"),
    "no_link": gettext_lazy("Gepubliceerd zonder officiële link en zonder reden"),
    "expired": gettext_lazy("Geldig tot en met een datum die voorbij is"),
    "no_next_round": gettext_lazy("Terugkerende regeling zonder ronde voor het komende jaar"),
    "round_soon": gettext_lazy("Ronde opent of sluit binnen 14 dagen"),
    "placeholder_contact": gettext_lazy("Loket met voorbeeld-contactgegevens"),
    "no_english": gettext_lazy("Tekst zonder Engelse versie"),
}


def months_before(day: date, months: int) -> date:
    """The same day ``months`` earlier, clamped to the end of a shorter month (31 Aug - 6 -> 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _day(value: date) -> str:
    return formats.date_format(value, "j F Y")


def _finding(rule: str, item, detail: str) -> Finding:
    kind = "scheme" if isinstance(item, Scheme) else "hub"
    url = reverse(f"admin:schemes_{kind}_change", args=[item.pk])
    return Finding(rule=rule, kind=kind, slug=item.slug, name=item.name, detail=detail, change_url=url)


def _not_verified(items, *, today: date) -> list[Finding]:
    months = settings.CATALOGUE_VERIFY_MONTHS
    cutoff = months_before(today, months)
    found = []
    for item in items:
        if item.last_verified_on is None:
            found.append(_finding("not_verified", item, _("Nog nooit gecontroleerd.")))
        elif item.last_verified_on < cutoff:
            found.append(_finding("not_verified", item, _(
                "Laatst gecontroleerd op %(date)s, meer dan %(months)s maanden geleden.") % {
                "date": _day(item.last_verified_on), "months": months}))
    return found


def _missing_english(item, fields: tuple[str, ...]) -> list[str]:
    return [f for f in fields if (getattr(item, f) or "").strip() and not (getattr(item, f"{f}_en") or "").strip()]


def _scheme_findings(scheme: Scheme, *, today: date) -> list[Finding]:
    found = []
    published = scheme.status == v.PublicationStatus.PUBLISHED
    if published and not scheme.url and not scheme.no_link_reason.strip():
        found.append(_finding("no_link", scheme, _("Vul een officiële link in, of schrijf waarom er geen is.")))
    if scheme.valid_until and scheme.valid_until < today:
        found.append(_finding("expired", scheme, _("Alleen bevestigd tot en met %(date)s.") % {
            "date": _day(scheme.valid_until)}))
    rounds = sorted(scheme.rounds.all(), key=lambda r: r.opens_on)
    years = {r.opens_on.year for r in rounds if r.opens_on.year < today.year}
    ahead = [r for r in rounds if r.opens_on > today or (r.closes_on is None or r.closes_on >= today)]
    if len(years) >= 2 and not ahead:
        found.append(_finding("no_next_round", scheme, _(
            "Rondes in %(years)s, maar geen ronde voor %(next)s bekend.") % {
            "years": ", ".join(str(y) for y in sorted(years)), "next": today.year + 1}))
    soon = today + timedelta(days=ROUND_SOON_DAYS)
    for r in rounds:
        if today <= r.opens_on <= soon:
            found.append(_finding("round_soon", scheme, _("Ronde %(name)s opent op %(date)s.") % {
                "name": r.name or "", "date": _day(r.opens_on)}))
        if r.closes_on and today <= r.closes_on <= soon:
            found.append(_finding("round_soon", scheme, _("Ronde %(name)s sluit op %(date)s.") % {
                "name": r.name or "", "date": _day(r.closes_on)}))
    missing = _missing_english(scheme, SCHEME_TEXTS)
    if published and missing:
        found.append(_finding("no_english", scheme, _("Geen Engelse tekst voor: %(fields)s.") % {
            "fields": ", ".join(str(Scheme._meta.get_field(f).verbose_name) for f in missing)}))
    return found


def _hub_findings(hub: Hub) -> list[Finding]:
    found = []
    if hub.contact_is_placeholder:
        found.append(_finding("placeholder_contact", hub, _(
            "De e-mail en telefoon zijn voorbeelden. Vul de echte gegevens in.")))
    missing = _missing_english(hub, HUB_TEXTS)
    if missing:
        found.append(_finding("no_english", hub, _("Geen Engelse tekst voor: %(fields)s.") % {
            "fields": ", ".join(str(Hub._meta.get_field(f).verbose_name) for f in missing)}))
    return found


def catalogue_health(*, today: date) -> list[Finding]:
    """Every finding on ``today``, grouped by rule in the order of RULES, then by name."""
    schemes = list(Scheme.objects.exclude(status=v.PublicationStatus.ARCHIVED).prefetch_related("rounds"))
    hubs = list(Hub.objects.filter(is_active=True))
    found = _not_verified(schemes, today=today) + _not_verified(hubs, today=today)
    for scheme in schemes:
        found += _scheme_findings(scheme, today=today)
    for hub in hubs:
        found += _hub_findings(hub)
    order = list(RULES)
    return sorted(found, key=lambda f: (order.index(f.rule), f.name.lower(), f.detail))


def rule_titles() -> dict[str, str]:
    return {code: str(title) for code, title in RULES.items()}
