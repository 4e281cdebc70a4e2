"""Factories for intakes and support requests."""

import secrets
from datetime import timedelta

import factory
from django.utils import timezone

from journeys import models
from schemes import vocabulary as v
from tests.factories.catalogue import HubFactory


class IntakeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Intake

    company_name = factory.Sequence(lambda n: f"Bedrijf {n} B.V.")
    company_size = v.CompanySize.SMALL
    postcode = "3511 AB"
    self_assessment = v.SelfAssessment.INVESTIGATING
    contact_name = factory.Faker("name", locale="nl_NL")
    email = factory.Sequence(lambda n: f"ondernemer{n}@example.nl")
    consent_share = True
    followup_opt_in = True
    stage = v.Stage.PELOTON
    submitted_at = factory.LazyFunction(timezone.now)
    answers = factory.LazyAttribute(
        lambda i: {"company_name": i.company_name, "postcode": i.postcode, "email": i.email}
    )

    class Params:
        draft = factory.Trait(submitted_at=None, stage="")


class SupportRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.SupportRequest

    reference = factory.Sequence(lambda n: f"CL-{n:08d}")
    intake = factory.SubFactory(IntakeFactory)
    hub = factory.SubFactory(HubFactory)
    computed_stage = factory.LazyAttribute(lambda r: r.intake.stage or v.Stage.PELOTON)
    stage = factory.LazyAttribute(lambda r: r.computed_stage)
    status_token = factory.LazyFunction(lambda: secrets.token_urlsafe(32))
    due_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))

    class Params:
        overdue = factory.Trait(due_at=factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1)))
        almost_overdue = factory.Trait(due_at=factory.LazyFunction(lambda: timezone.now() + timedelta(minutes=30)))
        in_triage = factory.Trait(status=models.RequestStatus.TRIAGE)
        in_progress = factory.Trait(status=models.RequestStatus.IN_PROGRESS)
        closed = factory.Trait(
            status=models.RequestStatus.CLOSED,
            outcome=models.Outcome.HELPED,
            closed_at=factory.LazyFunction(timezone.now),
        )


class RequestEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.RequestEvent

    request = factory.SubFactory(SupportRequestFactory)
    hub = factory.LazyAttribute(lambda e: e.request.hub)
    kind = models.RequestEvent.Kind.NOTE
    text = "Gebeld, voicemail ingesproken."

    class Params:
        public = factory.Trait(kind=models.RequestEvent.Kind.PUBLIC_UPDATE, is_public=True,
                               text="We bellen u deze week.")


class RoundSubscriptionFactory(factory.django.DjangoModelFactory):
    """A confirmed "Houd mij op de hoogte" for a scheme whose only round is over (so one can wait for the next)."""

    class Meta:
        model = models.RoundSubscription

    scheme = factory.LazyFunction(lambda: _scheme_between_rounds())
    email = factory.Sequence(lambda n: f"abonnee{n}@example.nl")
    confirmed_at = factory.LazyFunction(timezone.now)


def _scheme_between_rounds():
    from tests.factories.catalogue import ApplicationRoundFactory, SchemeFactory

    scheme = SchemeFactory()
    today = timezone.localdate()
    ApplicationRoundFactory(scheme=scheme, opens_on=today - timedelta(days=200), closes_on=today - timedelta(days=100))
    return scheme
