"""Bench (1): classify + route + match one intake against 5,000 published schemes; p50/p95 per intake.

    .venv/bin/python bench/bench_matching.py [--schemes 5000] [--runs 300]

Starts a throwaway PostgreSQL unless DATABASE_URL is set. Loads the real CBS geography (so routing is
real), creates schemes with random tags (stages, themes, sectors, business areas, barriers, a third
regional), then times ``journeys.intake.services.intake_evaluate`` — the exact call the result page makes —
for varied answers. The compiled catalogue is cached between intakes (as in production); the first,
cold call is reported separately. Goal: p95 <= 20 ms. Never fails on timing.
"""

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import servers


def make_schemes(count: int, rng: random.Random) -> None:
    from schemes import vocabulary as v
    from schemes.models import ApplicationRound, Province, Scheme

    Scheme.objects.filter(slug__startswith="bench-match-").delete()
    provinces = list(Province.objects.all())

    def some(choices, k_max):
        return rng.sample(list(choices.values), rng.randint(0, min(k_max, len(choices.values))))

    schemes = [
        Scheme(
            slug=f"bench-match-{i}", name=f"Benchregeling {i}", kind=rng.choice(v.SchemeKind.values),
            summary="Testregeling voor de benchmark.", status=v.PublicationStatus.PUBLISHED,
            stages=some(v.Stage, 2), themes=some(v.Theme, 3), sectors=some(v.Sector, 3),
            business_areas=some(v.BusinessArea, 3), barriers=some(v.Barrier, 2),
            scope=v.GeographicScope.REGIONAL if rng.random() < 0.33 else v.GeographicScope.NATIONAL,
            sme_only=rng.random() < 0.3, is_ongoing=rng.random() < 0.5,
        )
        for i in range(count)
    ]
    Scheme.objects.bulk_create(schemes, batch_size=2000)
    created = list(Scheme.objects.filter(slug__startswith="bench-match-"))
    through = Scheme.provinces.through
    through.objects.bulk_create([
        through(scheme_id=s.pk, province_id=rng.choice(provinces).pk)
        for s in created if s.scope == v.GeographicScope.REGIONAL
    ], batch_size=5000)
    ApplicationRound.objects.bulk_create([
        ApplicationRound(scheme=s, opens_on=time.strftime("%Y-01-01"),
                         budget_status=rng.choice([v.BudgetStatus.OPEN] * 7 + [v.BudgetStatus.EXHAUSTED]))
        for s in created if not s.is_ongoing
    ], batch_size=5000)


def answers_for(rng: random.Random, postcodes: list[str]) -> dict:
    from journeys.intake import questions as q

    answers = {}
    for step in q.STEPS:
        for question in step.questions:
            if question.choices:
                values = [c[0] for c in question.choices]
                answers[question.key] = rng.sample(values, rng.randint(1, min(3, len(values)))) \
                    if question.is_multi else rng.choice(values)
            elif question.kind == q.Kind.NUMBER:
                answers[question.key] = rng.randint(0, 8)
            elif question.kind in (q.Kind.CONSENT, q.Kind.OPT_IN):
                answers[question.key] = True
    answers |= {"company_name": "Bench B.V.", "postcode": rng.choice(postcodes), "email": "bench@example.nl",
                "contact_name": "Bench", "mra_activity": "x", "mra_problem": "y"}
    return answers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schemes", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=300)
    args = parser.parse_args()
    with servers.throwaway_servers(redis=False):
        servers.setup_django()
        from django.core.management import call_command

        from journeys.intake import services
        from schemes.models import PostcodeArea

        if not PostcodeArea.objects.exists():
            call_command("load_geography", verbosity=0)
        rng = random.Random(8)
        make_schemes(args.schemes, rng)
        postcodes = [f"{pc4} AB" for pc4 in PostcodeArea.objects.values_list("pc4", flat=True).distinct()[:2000]]
        servers.print_header(f"match + classify + route one intake, {args.schemes} published schemes")

        started = time.perf_counter()
        services.intake_evaluate(answers=answers_for(rng, postcodes))
        cold_ms = (time.perf_counter() - started) * 1000
        for _ in range(20):  # warm-up
            services.intake_evaluate(answers=answers_for(rng, postcodes))
        samples, considered = [], 0
        for _ in range(args.runs):
            answers = answers_for(rng, postcodes)
            started = time.perf_counter()
            evaluation = services.intake_evaluate(answers=answers)
            samples.append((time.perf_counter() - started) * 1000)
            considered = evaluation.matches.considered
        stats = servers.percentiles(samples)
        print(f"   first call (compiles the catalogue): {cold_ms:.1f} ms")
        print(f"   per intake over {stats['n']} runs: p50 {stats['p50']:.2f} ms, p95 {stats['p95']:.2f} ms, "
              f"max {stats['max']:.2f} ms (schemes considered: {considered})")
        print(f"   goal p95 <= 20 ms: {servers.verdict(stats['p95'], 20)}")


if __name__ == "__main__":
    main()
