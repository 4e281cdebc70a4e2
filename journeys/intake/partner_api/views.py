"""Partner API: advisors and accountants submit an intake on an entrepreneur's behalf with an API key.

The payload uses the questionnaire's keys and is validated by the same forms as the web intake, so
the rules and the Dutch (or, with Accept-Language: en, English) messages are the same.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import parsers
from rest_framework.decorators import (
    api_view,
    authentication_classes,
    parser_classes,
    permission_classes,
    throttle_classes,
)
from rest_framework.request import Request
from rest_framework.response import Response

from journeys.intake import services
from journeys.intake.partner_api.auth import HasPartnerKey, PartnerKeyAuthentication
from journeys.intake.partner_api.parser import JSONParser
from journeys.intake.partner_api.serializers import PartnerIntakeRequest, PartnerIntakeResponse, intake_response
from journeys.intake.partner_api.validation import validate_payload


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
