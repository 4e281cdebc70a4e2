"""Factories for geography, hubs and schemes."""

import factory
from django.contrib.auth import get_user_model

from schemes import models
from schemes import vocabulary as v


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="nl_NL")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.nl")
    password = factory.django.Password("correct horse battery staple")


class ProvinceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Province
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"PV{90 + n % 10}")
    name = factory.Sequence(lambda n: f"Provincie {n}")
    display_name = factory.LazyAttribute(lambda p: p.name)


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Municipality
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"GM{9000 + n}")
    name = factory.Sequence(lambda n: f"Gemeente {n}")
    province = factory.SubFactory(ProvinceFactory)


class PostcodeAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.PostcodeArea

    pc4 = factory.Sequence(lambda n: f"{1000 + n % 9000}")
    municipality = factory.SubFactory(MunicipalityFactory)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Organisation
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Organisatie {n}")


class HubFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Hub
        skip_postgeneration_save = True  # the hooks only set many-to-many links

    slug = factory.Sequence(lambda n: f"hub-{n}")
    name = factory.Sequence(lambda n: f"Loket {n}")
    email = factory.LazyAttribute(lambda h: f"{h.slug}@example.nl")
    response_target_days = 5

    class Params:
        national = factory.Trait(is_national_desk=True, name="Landelijk loket", slug="landelijk")

    @factory.post_generation
    def provinces(self, create, extracted, **kwargs):
        if create and extracted:
            self.provinces.set(extracted)

    @factory.post_generation
    def municipalities(self, create, extracted, **kwargs):
        if create and extracted:
            self.municipalities.set(extracted)

    @factory.post_generation
    def staff(self, create, extracted, **kwargs):
        if create and extracted:
            self.staff.set(extracted)


class SchemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Scheme

    slug = factory.Sequence(lambda n: f"regeling-{n}")
    name = factory.Sequence(lambda n: f"Regeling {n}")
    kind = v.SchemeKind.ADVICE
    summary = "Hulp voor ondernemers die circulair willen werken."
    status = v.PublicationStatus.PUBLISHED

    class Params:
        draft = factory.Trait(status=v.PublicationStatus.DRAFT)
        chain_subsidy = factory.Trait(
            kind=v.SchemeKind.SUBSIDY,
            sme_only=True,
            requires_consortium=True,
            consortium_min_smes=3,
            consortium_max_smes=6,
            min_chain_roles=3,
            large_companies_max=1,
            requirements=[v.Requirement.CHAIN_DIRECTOR, v.Requirement.DE_MINIMIS],
            themes=[v.Theme.CHAIN],
            funding_percentage=50,
            funding_max_eur=20000,
            allocation=v.Allocation.FIRST_COME,
        )


class ApplicationRoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ApplicationRound

    scheme = factory.SubFactory(SchemeFactory)
    opens_on = factory.Faker("date_this_year")
    budget_status = v.BudgetStatus.OPEN


class PartnerOrganisationFactory(factory.django.DjangoModelFactory):
    """A partner organisation (issue 19); trait ``referrals`` takes referrals through the portal."""

    class Meta:
        model = models.PartnerOrganisation
        django_get_or_create = ("slug",)
        skip_postgeneration_save = True

    class Params:
        referrals = factory.Trait(accepts_referrals=True,
                                  referral_email=factory.LazyAttribute(lambda p: f"doorverwijzing@{p.slug}.example"))

    slug = factory.Sequence(lambda n: f"partner-{n}")
    name = factory.Sequence(lambda n: f"Partner {n}")
    kind = models.PartnerKind.ACCELERATION_PARTNER
    is_national = True

    @factory.post_generation
    def provinces(self, create, extracted, **kwargs):
        if create and extracted:
            self.provinces.set(extracted)
