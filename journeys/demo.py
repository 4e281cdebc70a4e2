"""Demo intakes and support requests for the embedded mode, made through the real services.

Every demo intake is validated by the same forms as the website, classified, matched and routed by the
real engine, and put in its hub's queue by ``support_request_create``; some are then worked on by the
hub's demo user through the triage services. So the queue, the request pages and the dashboard show
what the portal would really produce. Demo companies use ``@example.nl`` addresses; their follow-ups go
to the local mailbox like any other.
"""

import random
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from journeys.intake import questions as q
from journeys.intake.partner_api.validation import validate_payload
from journeys.intake.services import intake_submit, support_request_create
from journeys.models import Intake, Outcome, RequestEvent, RequestStatus, SupportRequest
from journeys.models.requests import ContactChannel
from journeys.triage import services as triage
from journeys.working_days import due_at_for
from schemes import vocabulary as v

# One real postcode in each province's capital or largest town (see schemes/data).
POSTCODES = [
    "9711 AB", "8911 AB", "9401 AB", "7511 AB", "1315 AB", "6811 AB", "3511 AB",
    "1011 AB", "3011 AB", "2511 AB", "4331 AB", "5611 AB", "6211 AB", "8021 AB",
]
NAMES = [
    "Houtwerk", "Kringloopkeuken", "Textielfabriek", "Bouwbedrijf", "Plasticpunt", "Meubelmakerij", "Koffiebrander",
    "Isolatiewerk", "Elektroherstel", "Groenteteler", "Drukkerij", "Logistiek", "Matrassenfabriek", "Staalbouw",
]
PROFILES = [
    # (self assessment, practice, help wanted, themes, business areas)
    ("orienting", "nothing_yet", ["information"], ["knowledge"], ["product_design"]),
    ("orienting", "nothing_yet", ["information", "voucher"], ["knowledge", "networks"], ["purchasing"]),
    ("investigating", "measures", ["feasibility"], ["financing"], ["production", "recycling"]),
    ("investigating", "measures", ["implementation", "voucher"], ["knowledge", "procurement"], ["reuse"]),
    ("investigating", "measures", ["feasibility"], ["chain", "financing"], ["chain_cooperation"]),
    ("circular", "sells_circular", ["specialist"], ["chain", "regulation"], ["chain_cooperation", "revenue_model"]),
    ("circular", "sells_circular", ["specialist"], ["chain_data", "imvo"], ["life_extension"]),
]


def _payload(rng: random.Random, number: int) -> dict:
    assessment, practice, help_wanted, themes, areas = rng.choice(PROFILES)
    payload = {
        "company_name": f"{rng.choice(NAMES)} {number} B.V.", "kvk_number": f"{rng.randrange(10**7, 10**8)}",
        "postcode": rng.choice(POSTCODES), "company_size": rng.choice(["micro", "small", "small", "medium"]),
        "sectors": rng.sample([code for code, _ in v.Sector.choices if code != "other"], k=rng.choice([1, 1, 2])),
        "self_assessment": assessment, "practice": practice, "help_wanted": help_wanted,
        "themes": themes, "business_areas": areas, "materials": [rng.choice(["wood", "textiles", "plastics"])],
        "material_volume": rng.choice(["niche", "mass", q.UNKNOWN]),
        "drivers": rng.sample([code for code, _ in v.Driver.choices], k=2),
        "barriers": rng.sample([code for code, _ in v.Barrier.choices], k=rng.choice([1, 2, 3])),
        "contact_name": "Demo Ondernemer", "email": f"demo{number}@example.nl", "phone": "",
        "preferred_contact": "email", "consent_share": True, "followup_opt_in": rng.random() < 0.8,
    }
    if "chain" in themes or "chain_cooperation" in areas or assessment == "circular":
        smes = rng.choice([2, 3, 4, 5, 7])
        payload.update({
            "chain_partners": smes, "chain_smes": smes, "chain_large": 0,
            "chain_roles": rng.sample([code for code, _ in v.ChainRole.choices], k=3),
            "chain_started": rng.choice(["yes", "no"]), "chain_director": rng.choice(["yes", "no", q.UNKNOWN]),
            "commitment_signed": rng.choice(["yes", "no"]), "joint_plan": rng.choice(["yes", "no", q.UNKNOWN]),
            "processing_in_province": "yes", "chain_scale": rng.choice(["local", "regional", "national"]),
        })
    if "regulation" in themes:
        payload.update({"mra_activity": "Wij verwerken houtresten tot plaatmateriaal.",
                        "mra_problem": "Het is onduidelijk of onze houtresten afval zijn."})
    return payload


def load_demo_requests(*, count: int = 160, seed: int = 2026) -> int:
    """Create ``count`` demo intakes (about three in four ask for contact) unless demo data exists already."""
    if Intake.objects.filter(email__endswith="@example.nl", submitted_at__isnull=False).exists():
        return 0
    rng = random.Random(seed)
    now = timezone.now()
    for number in range(1, count + 1):
        answers, errors = validate_payload(_payload(rng, number))
        if errors:
            raise ValueError(f"Demo intake {number} does not validate: {errors}")
        with transaction.atomic():
            intake = intake_submit(intake=Intake.objects.create(answers=answers, current_step=q.STEPS[-1].slug))
            submitted = now - timedelta(days=rng.randrange(0, 300), hours=rng.randrange(0, 10))
            Intake.objects.filter(pk=intake.pk).update(created_at=submitted, submitted_at=submitted)
            if rng.random() < 0.75:
                support_request = support_request_create(intake=intake)
                SupportRequest.objects.filter(pk=support_request.pk).update(
                    created_at=submitted,
                    due_at=due_at_for(created_at=submitted, response_target_days=intake.hub.response_target_days))
                RequestEvent.objects.filter(request=support_request).update(created_at=submitted)
                support_request.refresh_from_db()
                _work_on(support_request, rng=rng, submitted=submitted, now=now)
    # Some visitors start and never finish: the dashboard's funnel counts them.
    for _ in range(count // 5):
        Intake.objects.create(answers={"company_name": "Demo"}, current_step=q.STEPS[1].slug)
    return count


def _work_on(support_request: SupportRequest, *, rng: random.Random, submitted, now) -> None:
    """Older requests have mostly been handled by the hub's demo user; recent ones wait in the queue.

    The services stamp everything "now"; the timestamps are then moved back to plausible moments after
    the (back-dated) submission, so response times on the dashboard look like a working desk's.
    """
    worker = get_user_model().objects.filter(hubs=support_request.hub).order_by("pk").first()
    age_days = (now - submitted).days
    if worker is None or age_days < 3 or rng.random() < 0.2:
        return
    support_request = triage.request_assign(
        support_request=support_request, actor=worker, version=support_request.version, assignee=worker)
    support_request = triage.request_change_status(
        support_request=support_request, actor=worker, version=support_request.version, status=RequestStatus.TRIAGE)
    # The first response is a contact, never the status change (journeys.models.requests.FIRST_RESPONSE_KINDS).
    triage.request_log_contact(support_request=support_request, actor=worker,
                               channel=rng.choice([ContactChannel.PHONE, ContactChannel.EMAIL]))
    responded = submitted + timedelta(hours=rng.randrange(4, 24 * min(age_days, 9)))
    SupportRequest.objects.filter(pk=support_request.pk).update(first_response_at=responded)
    support_request.events.exclude(kind=RequestEvent.Kind.CREATED).update(created_at=responded)
    if age_days < 20:
        return
    outcome = rng.choice([Outcome.HELPED, Outcome.HELPED, Outcome.SCHEME_REFERRAL, Outcome.NOT_ELIGIBLE])
    support_request = triage.request_change_status(
        support_request=support_request, actor=worker, version=support_request.version,
        status=RequestStatus.CLOSED, outcome=outcome)
    closed = responded + timedelta(days=rng.randrange(5, 15))
    SupportRequest.objects.filter(pk=support_request.pk).update(closed_at=closed)
    support_request.events.filter(kind=RequestEvent.Kind.STATUS_CHANGED, data__to="closed").update(created_at=closed)
    if support_request.intake.followup_opt_in and rng.random() < 0.6:
        SupportRequest.objects.filter(pk=support_request.pk).update(
            survey_helped=outcome != Outcome.NOT_ELIGIBLE, survey_rating=rng.choice([3, 4, 4, 5, 5]),
            survey_answered_at=timezone.now())
