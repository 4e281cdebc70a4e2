"""Export and import the whole catalogue (organisations, hubs, schemes with rounds) as one JSON document.

The format is documented in docs/catalogue.md. Import is all-or-nothing: every row is checked first
(types, vocabulary codes, references, the rules in schemes.validation) and nothing is written when any
row is wrong. Rows are upserted by natural key (organisation name, hub slug, scheme slug); rows that are
not in the file are left alone. A row is only saved when something changed, so re-importing the same
file adds no history.
"""

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from schemes import validation
from schemes import vocabulary as v
from schemes.models import ApplicationRound, Hub, Municipality, Organisation, PartnerOrganisation, Province, Scheme

STARTER_CATALOGUE = Path(__file__).resolve().parent / "data" / "starter_catalogue.json"
FORMAT = "circulair-loket-catalogue"
VERSION = 1
SKIPPED = {"id", "created_at", "updated_at"}
ORG_REFS = ("provider", "executor", "umbrella")


def _plain_fields(model: type[models.Model], *, skip: set[str] = SKIPPED) -> list[models.Field]:
    return [f for f in model._meta.concrete_fields if f.name not in skip and not f.is_relation]


ORGANISATION_FIELDS = _plain_fields(Organisation)
HUB_FIELDS = _plain_fields(Hub)
SCHEME_FIELDS = _plain_fields(Scheme)
ROUND_FIELDS = _plain_fields(ApplicationRound)
PARTNER_FIELDS = _plain_fields(PartnerOrganisation)


def _dump(obj: models.Model, fields: list[models.Field]) -> dict[str, Any]:
    row = {}
    for f in fields:
        value = getattr(obj, f.attname)
        row[f.name] = value.isoformat() if isinstance(value, date) else value
    return row


def _verifier(obj: models.Model) -> dict[str, Any]:
    # Who last verified, by user name: another installation may not know that user (then it stays empty).
    return {"last_verified_by": obj.last_verified_by.get_username() if obj.last_verified_by else None}


def _verifiers(rows) -> dict[str, Any]:
    names = {row.get("last_verified_by") for row in rows if isinstance(row, dict) and row.get("last_verified_by")}
    User = get_user_model()
    return {u.get_username(): u for u in User.objects.filter(**{f"{User.USERNAME_FIELD}__in": names})}


def catalogue_export() -> dict[str, Any]:
    """The whole catalogue as a JSON-ready dict, in a stable order."""
    schemes = (
        Scheme.objects.select_related(*ORG_REFS, "last_verified_by")
        .prefetch_related("provinces", "municipalities", "rounds").order_by("slug")
    )
    hubs = Hub.objects.select_related("last_verified_by").prefetch_related("provinces", "municipalities").order_by(
        "slug")
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": timezone.now().isoformat(timespec="seconds"),
        "organisations": [_dump(o, ORGANISATION_FIELDS) for o in Organisation.objects.order_by("name")],
        "hubs": [
            {
                **_dump(hub, HUB_FIELDS),
                **_verifier(hub),
                "provinces": sorted(p.code for p in hub.provinces.all()),
                "municipalities": sorted(m.code for m in hub.municipalities.all()),
            }
            for hub in hubs
        ],
        "schemes": [
            {
                **_dump(scheme, SCHEME_FIELDS),
                **_verifier(scheme),
                **{ref: getattr(scheme, ref).name if getattr(scheme, ref) else None for ref in ORG_REFS},
                "provinces": sorted(p.code for p in scheme.provinces.all()),
                "municipalities": sorted(m.code for m in scheme.municipalities.all()),
                "rounds": [
                    _dump(r, ROUND_FIELDS)
                    for r in sorted(scheme.rounds.all(), key=lambda r: (r.opens_on, r.name))
                ],
            }
            for scheme in schemes
        ],
        "partners": [
            {**_dump(partner, PARTNER_FIELDS), "provinces": sorted(p.code for p in partner.provinces.all())}
            for partner in PartnerOrganisation.objects.prefetch_related("provinces").order_by("slug")
        ],
    }


@dataclass
class ImportResult:
    created: dict[str, int] = field(default_factory=lambda: {"organisations": 0, "hubs": 0, "schemes": 0})
    updated: dict[str, int] = field(default_factory=lambda: {"organisations": 0, "hubs": 0, "schemes": 0})
    unchanged: dict[str, int] = field(default_factory=lambda: {"organisations": 0, "hubs": 0, "schemes": 0})
    # Partner organisations (issue 19) are counted apart, so the summary of a file without them reads as before.
    partners: dict[str, int] = field(default_factory=lambda: {"created": 0, "updated": 0, "unchanged": 0})

    def summary(self) -> str:
        return _("Nieuw: %(created)s. Gewijzigd: %(updated)s. Ongewijzigd: %(unchanged)s.") % {
            key: ", ".join(f"{count} {kind}" for kind, count in getattr(self, key).items())
            for key in ("created", "updated", "unchanged")
        } + (_(" Partners: %(created)s nieuw, %(updated)s gewijzigd, %(unchanged)s ongewijzigd.") % self.partners
             if any(self.partners.values()) else "")


@dataclass
class _Parsed:
    values: dict[str, Any]
    provinces: list[Province] = field(default_factory=list)
    municipalities: list[Municipality] = field(default_factory=list)
    refs: dict[str, str | None] = field(default_factory=dict)
    rounds: list[dict[str, Any]] = field(default_factory=list)


class _Checker:
    """Parses rows and collects readable problems, each prefixed with where it is in the file."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        self.provinces = {p.code: p for p in Province.objects.all()}
        self.municipalities = {m.code: m for m in Municipality.objects.all()}

    def problem(self, where: str, field_name: str | None, message: str) -> None:
        self.problems.append(f"{where}, {field_name}: {message}" if field_name else f"{where}: {message}")

    def clean_fields(self, row: dict, fields: list[models.Field], where: str) -> dict[str, Any]:
        values = {}
        for f in fields:
            raw = row[f.name] if f.name in row else f.get_default()
            try:
                values[f.attname] = f.clean(raw, None)
            except ValidationError as exc:
                for message in exc.messages:
                    self.problem(where, f.name, message)
        return values

    def codes(self, row: dict, key: str, known: dict, where: str) -> list:
        found = []
        for code in row.get(key) or []:
            if code in known:
                found.append(known[code])
            else:
                self.problem(where, key, _("Onbekende code %(code)s.") % {"code": code})
        return found

    def field_errors(self, where: str, errors: validation.Errors) -> None:
        for field_name, messages in errors.items():
            for message in messages:
                self.problem(where, field_name, message)


def _parse_partners(data: dict, checker: _Checker) -> list[_Parsed]:
    """The optional ``partners`` list (partner organisations a hub can refer to), checked like the hubs."""
    partners = []
    for i, row in enumerate(data.get("partners") or []):
        where = f"partners[{i}] ({row.get('slug', '?') if isinstance(row, dict) else '?'})"
        if not isinstance(row, dict):
            checker.problem(where, None, _("Elke partner moet een object zijn."))
            continue
        values = checker.clean_fields(row, PARTNER_FIELDS, where)
        for key, choices in (("themes", v.Theme), ("sectors", v.Sector), ("barriers", v.Barrier)):
            for code in row.get(key) or []:
                if code not in choices.values:
                    checker.problem(where, key, _("Onbekende code %(code)s.") % {"code": code})
        if values.get("accepts_referrals") and not values.get("referral_email"):
            checker.problem(where, "referral_email", _("Vul het e-mailadres voor doorverwijzingen in."))
        partners.append(_Parsed(values, provinces=checker.codes(row, "provinces", checker.provinces, where)))
    slugs = [p.values.get("slug") for p in partners]
    if len(slugs) != len(set(slugs)):
        checker.problem("partners", "slug", _("Elke slug mag maar één keer voorkomen."))
    return partners


def _parse(data: Any, checker: _Checker) -> tuple[list[_Parsed], list[_Parsed], list[_Parsed]]:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        checker.problem(_("Bestand"), None, _("Dit is geen catalogusbestand (format moet %(format)s zijn).") % {
            "format": FORMAT})
        return [], [], []
    if data.get("version") != VERSION:
        checker.problem(_("Bestand"), None, _("Versie %(got)s wordt niet ondersteund; gebruik versie %(want)s.") % {
            "got": data.get("version"), "want": VERSION})
        return [], [], []

    organisations = []
    for i, row in enumerate(data.get("organisations") or []):
        where = f"organisations[{i}]"
        organisations.append(_Parsed(checker.clean_fields(row, ORGANISATION_FIELDS, where)))
    org_names = {o.values.get("name") for o in organisations} | set(Organisation.objects.values_list("name", flat=True))

    verifiers = _verifiers([*(data.get("hubs") or []), *(data.get("schemes") or [])])

    def verified_by(row: dict) -> dict[str, Any]:
        user = verifiers.get(row.get("last_verified_by") or "")
        return {"last_verified_by_id": user.pk if user else None}

    hubs = []
    for i, row in enumerate(data.get("hubs") or []):
        where = f"hubs[{i}] ({row.get('slug', '?')})"
        parsed = _Parsed(
            {**checker.clean_fields(row, HUB_FIELDS, where), **verified_by(row)},
            provinces=checker.codes(row, "provinces", checker.provinces, where),
            municipalities=checker.codes(row, "municipalities", checker.municipalities, where),
        )
        checker.field_errors(where, validation.hub_errors(
            {**parsed.values, "provinces": parsed.provinces, "municipalities": parsed.municipalities}))
        hubs.append(parsed)
    national = [h.values.get("slug") for h in hubs if h.values.get("is_national_desk")]
    if len(national) > 1:
        checker.problem("hubs", "is_national_desk", _("Er mag maar één landelijk loket zijn, nu: %(slugs)s.") % {
            "slugs": ", ".join(national)})
    elif national and Hub.objects.filter(is_national_desk=True).exclude(slug=national[0]).exists():
        checker.problem("hubs", "is_national_desk", _(
            "Er is al een ander landelijk loket. Zet dat eerst uit of gebruik zijn slug."))

    schemes = []
    for i, row in enumerate(data.get("schemes") or []):
        where = f"schemes[{i}] ({row.get('slug', '?')})"
        parsed = _Parsed(
            {**checker.clean_fields(row, SCHEME_FIELDS, where), **verified_by(row)},
            provinces=checker.codes(row, "provinces", checker.provinces, where),
            municipalities=checker.codes(row, "municipalities", checker.municipalities, where),
        )
        for ref in ORG_REFS:
            name = row.get(ref)
            if name and name not in org_names:
                checker.problem(where, ref, _("Organisatie %(name)s staat niet in het bestand.") % {"name": name})
            parsed.refs[ref] = name or None
        checker.field_errors(where, validation.scheme_errors(
            {**parsed.values, "provinces": parsed.provinces, "municipalities": parsed.municipalities}))
        for j, round_row in enumerate(row.get("rounds") or []):
            round_where = f"{where} rounds[{j}]"
            values = checker.clean_fields(round_row, ROUND_FIELDS, round_where)
            checker.field_errors(round_where, validation.round_errors(values))
            parsed.rounds.append(values)
        for message in validation.rounds_errors(parsed.rounds):
            checker.problem(where, "rounds", message)
        schemes.append(parsed)
    for kind, rows in (("hubs", hubs), ("schemes", schemes)):
        slugs = [r.values.get("slug") for r in rows]
        if len(slugs) != len(set(slugs)):
            checker.problem(kind, "slug", _("Elke slug mag maar één keer voorkomen."))
    return organisations, hubs, schemes


def _save(obj: models.Model, values: dict[str, Any], *, user, created: bool) -> bool:
    changed = created or any(getattr(obj, k) != value for k, value in values.items())
    if changed:
        for key, value in values.items():
            setattr(obj, key, value)
        obj._history_user = user
        obj._change_reason = _("Import")
        obj.save()
    return changed


def _set_m2m(manager, wanted: list) -> bool:
    if {o.pk for o in manager.all()} == {o.pk for o in wanted}:
        return False
    manager.set(wanted)
    return True


def _count(result: ImportResult, kind: str, *, created: bool, changed: bool) -> None:
    bucket = result.created if created else result.updated if changed else result.unchanged
    bucket[kind] += 1


def _upsert_rounds(scheme: Scheme, rounds: list[dict[str, Any]], *, user) -> bool:
    existing = {(r.opens_on, r.name): r for r in scheme.rounds.all()}
    changed = False
    for values in rounds:
        key = (values["opens_on"], values["name"])
        obj = existing.pop(key, None)
        changed |= _save(obj or ApplicationRound(scheme=scheme), values, user=user, created=obj is None)
    for obj in existing.values():
        obj._history_user = user
        obj.delete()
        changed = True
    return changed


def catalogue_import(*, data: Any, user=None) -> ImportResult:
    """Check the whole document, then write it in one transaction; raise ValidationError listing problems."""
    checker = _Checker()
    organisations, hubs, schemes = _parse(data, checker)
    partners = _parse_partners(data, checker) if isinstance(data, dict) and not checker.problems else []
    if checker.problems:
        raise ValidationError(checker.problems)
    result = ImportResult()
    with transaction.atomic():
        for parsed in organisations:
            obj = Organisation.objects.filter(name=parsed.values["name"]).first()
            changed = _save(obj or Organisation(), parsed.values, user=user, created=obj is None)
            _count(result, "organisations", created=obj is None, changed=changed)
        orgs = {o.name: o for o in Organisation.objects.all()}
        for parsed in hubs:
            obj = Hub.objects.filter(slug=parsed.values["slug"]).first()
            changed = _save(obj or Hub(), parsed.values, user=user, created=obj is None)
            hub = obj or Hub.objects.get(slug=parsed.values["slug"])
            changed |= _set_m2m(hub.provinces, parsed.provinces)
            changed |= _set_m2m(hub.municipalities, parsed.municipalities)
            _count(result, "hubs", created=obj is None, changed=changed)
        for parsed in schemes:
            obj = Scheme.objects.filter(slug=parsed.values["slug"]).first()
            values = {**parsed.values, **{f"{ref}_id": orgs[name].pk if name else None
                                          for ref, name in parsed.refs.items()}}
            changed = _save(obj or Scheme(), values, user=user, created=obj is None)
            scheme = obj or Scheme.objects.get(slug=parsed.values["slug"])
            changed |= _set_m2m(scheme.provinces, parsed.provinces)
            changed |= _set_m2m(scheme.municipalities, parsed.municipalities)
            changed |= _upsert_rounds(scheme, parsed.rounds, user=user)
            _count(result, "schemes", created=obj is None, changed=changed)
        for parsed in partners:
            obj = PartnerOrganisation.objects.filter(slug=parsed.values["slug"]).first()
            changed = _save(obj or PartnerOrganisation(), parsed.values, user=user, created=obj is None)
            partner = obj or PartnerOrganisation.objects.get(slug=parsed.values["slug"])
            changed |= _set_m2m(partner.provinces, parsed.provinces)
            result.partners["created" if obj is None else "updated" if changed else "unchanged"] += 1
    return result
