"""Bench (8): consortium proposals for one partner profile among 10,000 profiles over all provinces.

    .venv/bin/python bench/bench_consortia.py [--profiles 10000] [--runs 40]

Starts a throwaway PostgreSQL unless DATABASE_URL is set; stores ``--profiles`` partner profiles (each with its
intake) spread over the twelve provinces like bench/generate_data.py, with random roles, materials, sectors and
region scopes (made-up benchmark data, not domain facts), and three consortium schemes (CKP's catalogue rules,
a scheme without numbers and a regional one). Then times ``journeys.consortia.selectors.proposals_for_profile``
(the query, the partner search and the grouping for every consortium scheme) for ``--runs`` random profiles,
warm (after five warm-up calls), and the whole staff profile page through Django's test client.
Goal: proposals p95 <= 200 ms on PostgreSQL. Never fails on timing.
"""

import argparse
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import servers

BATCH = 2000


def _store_profiles(count: int, rng: random.Random) -> None:
    from django.utils import timezone

    from bench.generate_data import _geography
    from journeys.models import Intake, PartnerProfile, RegionScope
    from schemes import vocabulary as v

    provinces, weights, hub_for, national, _hubs = _geography()
    roles, materials, sectors = v.ChainRole.values, v.Material.values, v.Sector.values
    scopes = [RegionScope.OWN] * 3 + [RegionScope.NEIGHBOURING] * 5 + [RegionScope.NATIONAL] * 2
    now = timezone.now()
    for start in range(0, count, BATCH):
        size = min(BATCH, count - start)
        chosen = rng.choices(provinces, weights=weights, k=size)
        intakes = Intake.objects.bulk_create([
            Intake(company_name=f"Benchbedrijf {start + i}", province=province,
                   hub=hub_for.get(province.id, national), submitted_at=now, stage=v.Stage.FRONTRUNNER,
                   answers={"themes": [v.Theme.CHAIN]})
            for i, province in enumerate(chosen)
        ])
        PartnerProfile.objects.bulk_create([
            PartnerProfile(
                intake=intake, hub_id=intake.hub_id, province_id=intake.province_id,
                company_name=intake.company_name, email=f"bench{intake.pk}@example.nl", consent_at=now,
                is_large=rng.random() < 0.1, sectors=rng.sample(sectors, rng.randint(1, 2)),
                roles_offered=rng.sample(roles, rng.randint(1, 2)), roles_sought=rng.sample(roles, rng.randint(1, 3)),
                materials=rng.sample(materials, rng.randint(1, 2)), region_scope=rng.choice(scopes),
            )
            for intake in intakes
        ])


def _schemes() -> None:
    from schemes import vocabulary as v
    from schemes.models import Province, Scheme

    common = {"kind": v.SchemeKind.SUBSIDY, "summary": "Benchregeling.", "status": v.PublicationStatus.PUBLISHED,
              "requires_consortium": True}
    Scheme.objects.get_or_create(slug="bench-ckp", defaults={
        **common, "name": "Bench CKP", "sme_only": True, "consortium_min_smes": 3, "consortium_max_smes": 6,
        "min_chain_roles": 3, "large_companies_max": 1, "lead_applicant_must_be_sme": True})
    Scheme.objects.get_or_create(slug="bench-doorbraak", defaults={**common, "name": "Bench doorbraak"})
    regional, _ = Scheme.objects.get_or_create(slug="bench-provinciaal", defaults={
        **common, "name": "Bench provinciaal", "scope": v.GeographicScope.REGIONAL})
    regional.provinces.set(Province.objects.filter(code="PV27"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profiles", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()
    os.environ["RATELIMIT_ENABLE"] = "false"  # every page load comes from 127.0.0.1
    with servers.throwaway_servers(redis=False):
        servers.setup_django()
        from django.contrib.auth import get_user_model
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext
        from django.urls import reverse

        from journeys.consortia import selectors
        from journeys.models import PartnerProfile

        rng = random.Random(18)
        have = PartnerProfile.objects.count()
        if have < args.profiles:
            started = time.monotonic()
            _store_profiles(args.profiles - have, rng)
            print(f"   stored {args.profiles - have} profiles in {time.monotonic() - started:.0f} s")
        _schemes()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        ids = list(PartnerProfile.objects.values_list("id", flat=True))
        sample = [PartnerProfile.objects.select_related("province").get(pk=pk) for pk in rng.sample(ids, args.runs)]
        servers.print_header(f"consortium proposals, {len(ids)} partner profiles, "
                             f"{len(selectors.consortium_schemes())} consortium schemes")
        for profile in sample[:5]:
            selectors.proposals_for_profile(profile=profile)
        samples, cpu_ms, found, eligible, queries_per_call = [], [], [], 0, 0
        for profile in sample:
            with CaptureQueriesContext(connection) as queries:
                started, cpu_started = time.perf_counter(), time.process_time()
                proposals = selectors.proposals_for_profile(profile=profile)
                samples.append((time.perf_counter() - started) * 1000)
                cpu_ms.append((time.process_time() - cpu_started) * 1000)
            queries_per_call = len(queries)
            found.append(len(proposals))
            eligible += any(p.eligible for p in proposals)
        load_ms = []
        for profile in sample:
            started = time.perf_counter()
            selectors.partner_candidates(profile=profile)
            load_ms.append((time.perf_counter() - started) * 1000)
        stats = servers.percentiles(samples)
        load = servers.percentiles(load_ms)
        if os.environ.get("BENCH_EXPLAIN"):
            me, partners = selectors.partner_candidates(profile=sample[0])
            print(f"   {len(partners)} possible partners loaded for the first profile ({me.scope})")
            with CaptureQueriesContext(connection) as captured:
                selectors.partner_candidates(profile=sample[0])
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN ANALYZE " + captured.captured_queries[-1]["sql"])
                print("\n".join("      " + row[0] for row in cursor.fetchall()))
        print(f"   proposals for one profile: p50 {stats['p50']:.1f} ms, p95 {stats['p95']:.1f} ms, "
              f"max {max(samples):.1f} ms, {queries_per_call} SQL queries "
              f"-> {servers.verdict(stats['p95'], 200)} (p95 <= 200 ms)")
        cpu = servers.percentiles(cpu_ms)
        print(f"   CPU time of this process per call (without PostgreSQL's): p50 {cpu['p50']:.1f} ms, "
              f"p95 {cpu['p95']:.1f} ms; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        print(f"   of which loading the possible partners (one query): p50 {load['p50']:.1f} ms, "
              f"p95 {load['p95']:.1f} ms")
        print(f"   proposals per profile: median {sorted(found)[len(found) // 2]}, "
              f"profiles with a group that meets every rule: {eligible} of {len(sample)}")

        hub = sample[0].hub
        user, _ = get_user_model().objects.get_or_create(username="bench-consortia")
        hub.staff.add(user)
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(user)
        mine = list(PartnerProfile.objects.filter(hub=hub)[: args.runs])
        page_ms = []
        for profile in mine[:3] + mine:
            started = time.perf_counter()
            response = client.get(reverse("journeys:partner-profile", args=[profile.public_id]))
            page_ms.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.status_code
        page = servers.percentiles(page_ms[3:])
        print(f"   staff profile page (proposals explained): p50 {page['p50']:.1f} ms, p95 {page['p95']:.1f} ms")


if __name__ == "__main__":
    main()
