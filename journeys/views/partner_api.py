"""Partner API: advisors and accountants submit an intake on an entrepreneur's behalf with an API key.

The payload uses the questionnaire's keys and is validated by the same forms as the web intake, so
the rules and the Dutch (or, with Accept-Language: en, English) messages are the same.
"""

from django.core.exceptions import ValidationError
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import authentication, exceptions, parsers, permissions, serializers
from rest_framework.decorators import (
    api_view,
    authentication_classes,
    parser_classes,
    permission_classes,
    throttle_classes,
)
from rest_framework.request import Request
from rest_framework.response import Response

from journeys import questions as q
from journeys import services
from journeys.classification import reason_text
from journeys.forms import form_class_for
from journeys.models import PartnerApiKey
from schemes import vocabulary as v
from schemes.matching_texts import availability_text, criterion_text, fit_text

CONTROL_KEYS = {"request_contact"}


class PartnerKeyAuthentication(authentication.BaseAuthentication):
    """``Authorization: Api-Key <key>``; the key is checked against its stored hash."""

    keyword = "Api-Key"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1")
        scheme, _sep, raw = header.partition(" ")
        if scheme != self.keyword:
            return None
        raw = raw.strip()
        # A NUL byte cannot reach a PostgreSQL text column (the lookup would raise): no key contains one.
        key = services.partner_key_authenticate(raw=raw) if "\x00" not in raw else None
        if key is None:
            raise exceptions.AuthenticationFailed(_("Deze API-sleutel is onbekend of niet meer actief."))
        return (None, key)

    def authenticate_header(self, request):
        return self.keyword


class PartnerKeyScheme(OpenApiAuthenticationExtension):
    """Describes the Api-Key header in the OpenAPI schema."""

    target_class = PartnerKeyAuthentication
    name = "PartnerApiKey"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "header", "name": "Authorization",
                "description": "`Api-Key <key>`; ask the portal's administrators for a key."}


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, but JSON nested deeper than Python's recursion limit is a 400, not a 500."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError as exc:
            raise exceptions.ParseError(_("De JSON is te diep genest.")) from exc


class HasPartnerKey(permissions.BasePermission):
    def has_permission(self, request, view):
        return isinstance(request.auth, PartnerApiKey)


def _serializer_field(question: q.Question) -> serializers.Field:
    common = {"required": question.required, "help_text": str(question.label)}
    if question.is_multi:
        return serializers.ListField(child=serializers.ChoiceField(choices=question.choices), **common)
    if question.choices:
        return serializers.ChoiceField(choices=question.choices, **common)
    if question.kind == q.Kind.NUMBER:
        return serializers.IntegerField(min_value=0, allow_null=True, **common)
    if question.kind in (q.Kind.CONSENT, q.Kind.OPT_IN):
        return serializers.BooleanField(**common)
    return serializers.CharField(max_length=question.max_length, **common)


PartnerIntakeRequest = type("PartnerIntakeRequest", (serializers.Serializer,), {
    **{question.key: _serializer_field(question) for question in q.QUESTIONS.values()},
    q.MUNICIPALITY_KEY: serializers.CharField(
        required=False, help_text="CBS code (GM0363); only needed when the postcode lies in two municipalities."),
    "request_contact": serializers.BooleanField(
        required=False, default=False, help_text="Also put the request in the hub's queue (needs consent_share)."),
})


class ExplainedSerializer(serializers.Serializer):
    code = serializers.CharField()
    status = serializers.CharField(required=False)
    params = serializers.DictField()
    text = serializers.CharField()


class PartnerIntakeResponse(serializers.Serializer):
    id = serializers.UUIDField()
    stage = serializers.DictField()
    hub = serializers.DictField(allow_null=True)
    routing = serializers.DictField()
    matches = serializers.ListField(child=serializers.DictField())
    support_request = serializers.DictField(allow_null=True)


def _data_for_forms(payload: dict) -> tuple[MultiValueDict, dict]:
    data, errors = MultiValueDict(), {}
    for key, value in payload.items():
        if key in CONTROL_KEYS:
            continue
        if key not in q.QUESTIONS and key != q.MUNICIPALITY_KEY:
            errors[key] = [_("Dit veld kennen wij niet.")]
        elif value is None:
            continue
        elif isinstance(value, list) and all(isinstance(item, str) for item in value):
            data.setlist(key, value)
        elif isinstance(value, (str, int, bool)) and not isinstance(value, list):
            data.setlist(key, [value])
        else:
            errors[key] = [_("Dit veld heeft de verkeerde vorm.")]
    return data, errors


def validate_payload(payload: dict) -> tuple[dict, dict]:
    """Answers and per-field errors for a partner payload, step by step like the web intake."""
    data, errors = _data_for_forms(payload)
    answers: dict = {}
    for step in q.STEPS:
        # Which steps apply depends on earlier answers, exactly as in the browser.
        if not step.applies({**answers, **{k: data.getlist(k) for k in ("themes", "business_areas")},
                             "self_assessment": data.get("self_assessment")}):
            continue
        form = form_class_for(step)(data)
        if form.is_valid():
            answers.update(form.cleaned_answers())
        else:
            for key, messages in form.errors.items():
                errors.setdefault(key, []).extend(messages)
    return answers, errors


def _explained(items: list[dict], render) -> list[dict]:
    return [{**item, "text": render(item)} for item in items]


def intake_response(intake) -> dict:
    hub = intake.hub
    support_request = getattr(intake, "support_request", None)
    return {
        "id": str(intake.public_id),
        "stage": {"code": intake.stage, "label": str(v.label(v.Stage, intake.stage)),
                  "reasons": [{**r, "text": reason_text(r)} for r in intake.stage_reasons]},
        "hub": None if hub is None else {
            "slug": hub.slug, "name": hub.name, "email": hub.email, "phone": hub.phone, "website": hub.website,
            "response_target_days": hub.response_target_days, "is_national_desk": hub.is_national_desk,
        },
        "routing": intake.routing,
        "matches": [
            {**m, "fit": _explained(m["fit"], fit_text), "criteria": _explained(m["criteria"], criterion_text),
             "availability": {**m["availability"], "text": availability_text(m["availability"])}}
            for m in intake.matches
        ],
        "support_request": {"reference": support_request.reference} if support_request else None,
    }


@extend_schema(
    operation_id="partner_intake_create",
    summary="Submit an intake on an entrepreneur's behalf",
    description="Returns the stage with reasons, the matching schemes with reasons and gaps, and the hub. "
                "Authenticate with `Authorization: Api-Key <key>` (see the create_partner_key command).",
    request=PartnerIntakeRequest,
    responses={201: PartnerIntakeResponse},
    examples=[OpenApiExample("Minimal", request_only=True, value={
        "company_name": "Voorbeeld B.V.", "postcode": "3511 AB", "company_size": "small",
        "sectors": ["construction"], "self_assessment": "investigating", "practice": "measures",
        "help_wanted": ["feasibility"], "themes": ["financing"], "business_areas": ["production"],
        "contact_name": "A. de Vries", "email": "a.devries@example.nl", "preferred_contact": "email",
        "consent_share": True,
    })],
    tags=["partner"],
)
@api_view(["POST"])
@authentication_classes([PartnerKeyAuthentication])
@parser_classes([JSONParser, parsers.FormParser, parsers.MultiPartParser])  # the defaults, JSON made safe
@permission_classes([HasPartnerKey])
@throttle_classes([])
def partner_intakes(request: Request) -> Response:
    if not isinstance(request.data, dict):
        return Response({"errors": {"non_field_errors": [_("Stuur een JSON-object.")]}}, status=400)
    answers, errors = validate_payload(request.data)
    request_contact = request.data.get("request_contact", False)
    if not isinstance(request_contact, bool):
        errors["request_contact"] = [_("Gebruik true of false.")]
    if errors:
        return Response({"errors": errors}, status=400)
    try:
        intake = services.partner_intake_submit(partner=request.auth, answers=answers, request_contact=request_contact)
    except ValidationError as error:
        return Response({"errors": {"request_contact": error.messages}}, status=400)
    return Response(intake_response(intake), status=201)
