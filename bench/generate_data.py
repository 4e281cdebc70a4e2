"""Synthetic data at scale for the insight benchmark: intakes, tags, support requests, events and schemes.

    DATABASE_URL=postgres://... .venv/bin/python bench/generate_data.py --requests 100000 --schemes 60

The distributions below are made up to look like a busy portal (more intakes from populous provinces, most
requests closed after a few weeks, ratings skewed high). They are benchmark data, not domain facts.
Rows are written with bulk_create in batches; intakes get ``Intake.matches`` in the shape of
``schemes.matching`` and requests get ``scheme_recommended`` events in the shape of the triage services.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import secrets
import sys
import time
from pathlib import Path

BATCH = 5000
# CBS province codes with a made-up share of intakes (roughly by number of companies).
PROVINCES = [
    ("PV20", "Groningen", "Groningen", 3), ("PV21", "Friesland", "Fryslân", 4), ("PV22", "Drenthe", "Drenthe", 3),
    ("PV23", "Overijssel", "Overijssel", 7), ("PV24", "Flevoland", "Flevoland", 2),
    ("PV25", "Gelderland", "Gelderland", 12), ("PV26", "Utrecht", "Utrecht", 8),
    ("PV27", "Noord-Holland", "Noord-Holland", 18), ("PV28", "Zuid-Holland", "Zuid-Holland", 20),
    ("PV29", "Zeeland", "Zeeland", 2), ("PV30", "Noord-Brabant", "Noord-Brabant", 15),
    ("PV31", "Limburg", "Limburg", 6),
]


def setup_django() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()


def _geography():
    from schemes.models import Hub, Province

    if Province.objects.count() < len(PROVINCES):
        for code, name, display, _weight in PROVINCES:
            Province.objects.get_or_create(code=code, defaults={"name": name, "display_name": display})
    provinces = list(Province.objects.order_by("code"))
    weights = {code: weight for code, _n, _d, weight in PROVINCES}
    hubs = list(Hub.objects.filter(is_active=True).prefetch_related("provinces"))
    if len(hubs) < 2:
        for province in provinces:
            hub, _ = Hub.objects.get_or_create(
                slug=f"bench-{province.code.lower()}",
                defaults={"name": f"Loket {province.display_name}", "email": f"{province.code.lower()}@example.nl"},
            )
            hub.provinces.add(province)
        Hub.objects.get_or_create(is_national_desk=True, defaults={
            "slug": "bench-landelijk", "name": "Landelijk loket", "email": "landelijk@example.nl"})
        hubs = list(Hub.objects.filter(is_active=True).prefetch_related("provinces"))
    hub_for = {}
    national = next((hub for hub in hubs if hub.is_national_desk), hubs[0])
    for hub in hubs:
        for province in hub.provinces.all():
            hub_for.setdefault(province.id, hub)
    return provinces, [weights.get(p.code, 5) for p in provinces], hub_for, national, hubs


def _schemes(count: int, rng: random.Random) -> list[tuple[str, str]]:
    """(slug, availability) of ``count`` bench schemes; about one in eight is out of budget."""
    from schemes import vocabulary as v
    from schemes.models import ApplicationRound, Scheme

    existing = set(Scheme.objects.filter(slug__startswith="bench-").values_list("slug", flat=True))
    new = [
        Scheme(slug=f"bench-regeling-{i}", name=f"Benchregeling {i}", kind=rng.choice(v.SchemeKind.values),
               summary="Testregeling voor de benchmark.", status=v.PublicationStatus.PUBLISHED)
        for i in range(count) if f"bench-regeling-{i}" not in existing
    ]
    Scheme.objects.bulk_create(new, batch_size=BATCH)
    schemes = list(Scheme.objects.filter(slug__startswith="bench-regeling-").order_by("id")[:count])
    statuses = []
    rounds = []
    for scheme in schemes:
        status = v.BudgetStatus.EXHAUSTED if rng.random() < 0.125 else v.BudgetStatus.OPEN
        statuses.append((scheme.slug, "exhausted" if status == v.BudgetStatus.EXHAUSTED else "open"))
        rounds.append(ApplicationRound(scheme=scheme, opens_on=dt.date.today().replace(month=1, day=1),
                                       budget_status=status))
    ApplicationRound.objects.filter(scheme__in=schemes).delete()
    ApplicationRound.objects.bulk_create(rounds, batch_size=BATCH)
    return statuses


# Names to search the queue by (bench 3): invented, as a hub's queue would hold them.
NAME_STARTS = ["Hout", "Metaal", "Bouw", "Textiel", "Kunststof", "Groen", "Noord", "Zuid", "Oost", "West",
               "Rivier", "Polder", "Duin", "Veen", "Klei", "Linnen", "Glas", "Papier"]
NAME_ENDS = ["werk", "techniek", "bouw", "handel", "productie", "design", "recycling", "logistiek", "atelier"]


def _company_name(rng: random.Random) -> str:
    return f"{rng.choice(NAME_STARTS)}{rng.choice(NAME_ENDS)} {rng.randint(1, 999)} B.V."


def generate(*, requests: int, schemes: int = 60, months: int = 24, seed: int = 7, out=sys.stdout) -> dict:
    """Add about ``requests`` support requests (plus their intakes, drafts and tags) spread over ``months``."""
    from django.db import transaction
    from django.utils import timezone

    from journeys.models import Intake, IntakeTag, RequestEvent, SupportRequest
    from schemes import vocabulary as v

    rng = random.Random(seed)
    started = time.monotonic()
    provinces, province_weights, hub_for, national, _hubs = _geography()
    scheme_pool = _schemes(schemes, rng)
    now = timezone.now()
    span = dt.timedelta(days=30.4 * months)
    submitted_total = int(requests / 0.7)  # seven in ten submitted intakes ask for contact
    drafts_total = int(submitted_total * 0.2)
    stats = {"intakes": 0, "tags": 0, "requests": 0, "events": 0}
    stage_codes, stage_weights = v.Stage.values, [45, 40, 15]
    status_codes = ["new", "triage", "in_progress", "referred", "closed"]
    outcome_codes, outcome_weights = ["helped", "scheme_referral", "not_eligible", "no_response", "duplicate"], \
        [45, 25, 10, 15, 5]
    reference_prefix = secrets.token_hex(3).upper()

    def tags_for(intake) -> list:
        picks = [
            ("sector", rng.sample(v.Sector.values, rng.choice([1, 1, 1, 2, 3]))),
            ("theme", rng.sample(v.Theme.values, rng.choice([1, 2, 2, 3]))),
            ("business_area", rng.sample(v.BusinessArea.values, rng.choice([1, 2]))),
            ("driver", rng.sample(v.Driver.values, rng.choice([1, 1, 2]))),
            ("barrier", rng.sample(v.Barrier.values, rng.choice([0, 1, 2, 2, 3, 4]))),
        ]
        return [IntakeTag(intake=intake, dimension=d, code=c) for d, codes in picks for c in codes]

    total = submitted_total + drafts_total
    made = 0
    while made < total:
        size = min(BATCH, total - made)
        with transaction.atomic():
            intakes, created_at = [], []
            for i in range(size):
                when = now - span * (rng.random() ** 0.8)  # a little more recent activity
                submitted = made + i < submitted_total
                province = rng.choices(provinces, province_weights)[0] if submitted else None
                hub = hub_for.get(province.id, national) if province else None
                matches = [
                    {"slug": slug, "score": rng.randint(1, 100), "availability": {"status": status}}
                    for slug, status in rng.sample(scheme_pool, min(len(scheme_pool), rng.randint(0, 6)))
                ] if submitted else []
                company = _company_name(rng)
                intakes.append(Intake(
                    company_name=company, email=f"info@{company.split()[0].lower()}{made + i}.example",
                    answers={}, stage=rng.choices(stage_codes, stage_weights)[0] if submitted else "",
                    submitted_at=when + dt.timedelta(minutes=rng.randint(3, 30)) if submitted else None,
                    province=province, hub=hub, matches=matches, company_size=rng.choice(v.CompanySize.values),
                ))
                created_at.append(when)
            Intake.objects.bulk_create(intakes, batch_size=BATCH)
            # created_at is auto_now_add: set the spread-out moments afterwards, in one statement per batch.
            _set_created_at(Intake, intakes, created_at)
            tags = [tag for intake in intakes if intake.submitted_at for tag in tags_for(intake)]
            IntakeTag.objects.bulk_create(tags, batch_size=BATCH)
            sent = [intake for intake in intakes if intake.submitted_at]
            asking = sent[: int(len(sent) * 0.7 + 0.5)]
            support, events = [], []
            for n, intake in enumerate(asking):
                created = intake.submitted_at
                age = (now - created).days
                status = "closed" if age > 40 and rng.random() < 0.9 else rng.choice(status_codes)
                responded = status != "new" or rng.random() < 0.2
                wait = dt.timedelta(hours=rng.lognormvariate(3.6, 0.9))  # median about 1.5 days
                first_response = created + wait if responded and created + wait < now else None
                answered = status == "closed" and rng.random() < 0.35
                support.append(SupportRequest(
                    reference=f"B{reference_prefix}{made + n:09d}", intake=intake, hub=intake.hub or national,
                    status=status, outcome=rng.choices(outcome_codes, outcome_weights)[0] if status == "closed" else "",
                    computed_stage=intake.stage, stage=intake.stage, status_token=secrets.token_hex(16),
                    due_at=created + dt.timedelta(days=7), first_response_at=first_response,
                    closed_at=created + dt.timedelta(days=rng.randint(5, 40)) if status == "closed" else None,
                    survey_helped=(rng.random() < 0.75) if answered else None,
                    survey_rating=rng.choices([1, 2, 3, 4, 5], [4, 6, 15, 40, 35])[0] if answered else None,
                    survey_answered_at=created + dt.timedelta(days=45) if answered else None,
                ))
            SupportRequest.objects.bulk_create(support, batch_size=BATCH)
            _set_created_at(SupportRequest, support, [r.intake.submitted_at for r in support])
            for request in support:
                events.append(RequestEvent(request=request, hub=request.hub, kind="created"))
                if request.intake.matches and rng.random() < 0.3:
                    slug = rng.choice(request.intake.matches)["slug"]
                    events.append(RequestEvent(request=request, hub=request.hub, kind="scheme_recommended",
                                               data={"scheme_slug": slug}))
            RequestEvent.objects.bulk_create(events, batch_size=BATCH)
        made += size
        stats["intakes"] += len(intakes)
        stats["tags"] += len(tags)
        stats["requests"] += len(support)
        stats["events"] += len(events)
        out.write(f"\r{stats['requests']:>8} requests, {stats['intakes']:>8} intakes, {stats['tags']:>8} tags")
        out.flush()
    out.write(f"\nDone in {time.monotonic() - started:.0f} s.\n")
    return stats


def _set_created_at(model, objects, moments) -> None:
    from django.db import connection

    if not objects:
        return
    table = model._meta.db_table
    pairs = [(obj.pk, moment) for obj, moment in zip(objects, moments, strict=True)]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"UPDATE {table} AS t SET created_at = v.moment "  # noqa: S608 - table name from model meta
                "FROM unnest(%s::bigint[], %s::timestamptz[]) AS v(id, moment) WHERE t.id = v.id",
                [[pk for pk, _m in pairs], [m for _pk, m in pairs]],
            )
        else:
            cursor.executemany(f"UPDATE {table} SET created_at = %s WHERE id = %s",  # noqa: S608
                               [(m, pk) for pk, m in pairs])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=100_000)
    parser.add_argument("--schemes", type=int, default=60)
    parser.add_argument("--months", type=int, default=24)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    setup_django()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    generate(requests=args.requests, schemes=args.schemes, months=args.months, seed=args.seed)
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


if __name__ == "__main__":
    main()
