"""Open-data API v1 (read-only): published schemes, hubs and "which hub serves postcode X".

Every response carries an ETag (a hash of the body, so a client's If-None-Match gets a 304) and a
public Cache-Control, because the data changes only when an admin edits the catalogue.
"""

from django.middleware.http import ConditionalGetMiddleware
from django.utils import timezone
from django.utils.decorators import decorator_from_middleware
from django.views.decorators.cache import cache_control
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, inline_serializer
from rest_framework import generics, serializers
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from schemes import selectors
from schemes import vocabulary as v
from schemes.availability import scheme_availability
from schemes.models import ApplicationRound, Hub, Scheme

CACHE_SECONDS = 300
conditional_get = decorator_from_middleware(ConditionalGetMiddleware)


def cached(view):
    """Wrap an API view with ETag handling and a public Cache-Control header."""
    return cache_control(public=True, max_age=CACHE_SECONDS)(conditional_get(view))


class RoundSerializer(serializers.ModelSerializer):
    class Meta:
        model = ApplicationRound
        fields = ["name", "opens_on", "closes_on", "budget_eur", "budget_status", "note"]


class AvailabilitySerializer(serializers.Serializer):
    state = serializers.ChoiceField(choices=["open", "ongoing", "exhausted", "upcoming", "closed", "expired",
                                             "unknown"])
    is_open = serializers.BooleanField()
    label = serializers.CharField(help_text="Plain Dutch, e.g. 'Open tot 4 september 2024'.")
    next_opens_on = serializers.DateField(allow_null=True, source="opens_on")


class SchemeSerializer(serializers.ModelSerializer):
    provider = serializers.CharField(source="provider.name", allow_null=True, default=None)
    executor = serializers.CharField(source="executor.name", allow_null=True, default=None)
    umbrella = serializers.CharField(source="umbrella.name", allow_null=True, default=None)
    provinces = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    municipalities = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    stages = serializers.ListField(child=serializers.ChoiceField(choices=v.Stage.choices))
    themes = serializers.ListField(child=serializers.ChoiceField(choices=v.Theme.choices))
    business_areas = serializers.ListField(child=serializers.ChoiceField(choices=v.BusinessArea.choices))
    sectors = serializers.ListField(child=serializers.ChoiceField(choices=v.Sector.choices))
    barriers = serializers.ListField(child=serializers.ChoiceField(choices=v.Barrier.choices))
    journey_steps = serializers.ListField(child=serializers.ChoiceField(choices=v.JourneyStep.choices))
    requirements = serializers.ListField(child=serializers.ChoiceField(choices=v.Requirement.choices))
    provides = serializers.ListField(child=serializers.ChoiceField(choices=v.Requirement.choices))
    rounds = RoundSerializer(many=True, read_only=True)
    availability = serializers.SerializerMethodField()

    class Meta:
        model = Scheme
        fields = [
            "slug", "name", "name_en", "kind", "summary", "summary_en", "url", "contact", "provider", "executor",
            "umbrella", "stages", "themes", "business_areas", "sectors", "barriers", "journey_steps", "scope",
            "provinces", "municipalities", "sme_only", "large_companies_max", "requires_consortium",
            "consortium_min_smes", "consortium_max_smes", "min_chain_roles", "requirements", "provides", "is_free",
            "cost_note", "funding_percentage", "funding_max_eur", "support_note", "allocation", "annual_capacity_note",
            "is_ongoing", "valid_from", "valid_until", "last_verified_on", "no_link_reason", "rounds", "availability",
        ]

    @extend_schema_field(AvailabilitySerializer)
    def get_availability(self, obj: Scheme) -> dict:
        return AvailabilitySerializer(scheme_availability(scheme=obj, today=timezone.localdate())).data


class SchemeFilterSerializer(serializers.Serializer):
    q = serializers.CharField(required=False, allow_blank=True, help_text="Dutch full-text search.")
    stage = serializers.MultipleChoiceField(choices=v.Stage.choices, required=False)
    theme = serializers.MultipleChoiceField(choices=v.Theme.choices, required=False)
    kind = serializers.MultipleChoiceField(choices=v.SchemeKind.choices, required=False)
    province = serializers.RegexField(r"^PV\d{2}$", required=False, help_text="CBS province code, e.g. PV27.")
    open_now = serializers.BooleanField(required=False, default=False)


class SchemeList(generics.ListAPIView):
    serializer_class = SchemeSerializer

    @extend_schema(parameters=[SchemeFilterSerializer], summary="Published schemes")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        query = self.request.query_params
        raw = {key: query.getlist(key) for key in ("stage", "theme", "kind") if key in query}
        raw |= {key: query[key] for key in ("q", "province", "open_now") if query.get(key)}
        params = SchemeFilterSerializer(data=raw)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        return selectors.catalogue_search(
            today=timezone.localdate(), text=data.get("q", ""), stages=list(data.get("stage", [])),
            themes=list(data.get("theme", [])), kinds=list(data.get("kind", [])),
            province_code=data.get("province") or "", open_now=data.get("open_now", False),
        )


class SchemeDetail(generics.RetrieveAPIView):
    serializer_class = SchemeSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return selectors.published_schemes()


class HubSerializer(serializers.ModelSerializer):
    provinces = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    municipalities = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    email = serializers.SerializerMethodField()
    phone = serializers.SerializerMethodField()

    class Meta:
        model = Hub
        fields = ["slug", "name", "organisation", "email", "phone", "website", "description", "description_en",
                  "next_steps", "response_target_days", "is_national_desk", "provinces", "municipalities"]

    def get_email(self, obj: Hub) -> str | None:
        # Placeholder contact details are not facts; publish them as unknown.
        return None if obj.contact_is_placeholder else obj.email

    def get_phone(self, obj: Hub) -> str | None:
        return None if obj.contact_is_placeholder else (obj.phone or None)


class HubList(generics.ListAPIView):
    serializer_class = HubSerializer

    def get_queryset(self):
        return selectors.active_hubs()


class PostcodeHubSerializer(serializers.Serializer):
    postcode = serializers.CharField()
    level = serializers.ChoiceField(choices=["municipality", "province", "national"])
    municipality = serializers.CharField(allow_null=True)
    municipality_code = serializers.CharField(allow_null=True)
    province = serializers.CharField(allow_null=True)
    reason = serializers.CharField()
    hub = HubSerializer(allow_null=True)
    other_municipalities = serializers.ListField(child=serializers.CharField(),
                                                 help_text="Codes of other municipalities sharing this PC4.")


class PostcodeHub(APIView):
    @extend_schema(
        parameters=[OpenApiParameter("municipality", str, description="CBS code, for a PC4 in two municipalities.")],
        responses={200: PostcodeHubSerializer, 404: inline_serializer("Problem", {"detail": serializers.CharField()})},
        summary="Which hub serves a postcode, and why",
    )
    def get(self, request, postcode: str):
        lookup = selectors.postcode_lookup(postcode=postcode,
                                           municipality_code=request.query_params.get("municipality", ""))
        if lookup.problem == "invalid":
            raise NotFound("Not a Dutch postcode; use the form 1234 or 1234AB.")
        choice = lookup.choice
        if choice is None:  # a shared PC4 without a choice: answer for the first, list the others
            choice = selectors.areas.hub_for_municipality(lookup.municipalities[0])
        municipality = choice.municipality
        body = {
            "postcode": lookup.pc4, "level": choice.level, "reason": choice.reason,
            "municipality": municipality.name if municipality else None,
            "municipality_code": municipality.code if municipality else None,
            "province": municipality.province.display_name if municipality else None,
            "hub": HubSerializer(choice.hub).data if choice.hub else None,
            "other_municipalities": [m.code for m in lookup.municipalities if m != municipality],
        }
        return Response(body)
