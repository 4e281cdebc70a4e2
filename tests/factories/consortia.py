"""Factories for partner profiles (issue 18)."""

import factory
from django.utils import timezone

from journeys import models
from schemes import vocabulary as v
from tests.factories.journeys import IntakeFactory


class PartnerProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.PartnerProfile

    intake = factory.SubFactory(IntakeFactory, answers={"themes": [v.Theme.CHAIN]})
    hub = factory.LazyAttribute(lambda p: p.intake.hub)
    province = factory.LazyAttribute(lambda p: p.intake.province)
    company_name = factory.Sequence(lambda n: f"Ketenbedrijf {n} B.V.")
    email = factory.Sequence(lambda n: f"keten{n}@example.nl")
    is_large = False
    sectors = factory.LazyFunction(lambda: [v.Sector.CONSTRUCTION])
    roles_offered = factory.LazyFunction(lambda: [v.ChainRole.PRODUCER])
    roles_sought = factory.LazyFunction(lambda: [v.ChainRole.RECYCLER, v.ChainRole.SUPPLIER])
    materials = factory.LazyFunction(lambda: [v.Material.WOOD])
    region_scope = models.RegionScope.NEIGHBOURING
    consent_at = factory.LazyFunction(timezone.now)

    class Params:
        large = factory.Trait(is_large=True)
        withdrawn = factory.Trait(withdrawn_at=factory.LazyFunction(timezone.now))
