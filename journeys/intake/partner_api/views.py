"""Partner API: advisors and accountants submit an intake on an entrepreneur's behalf with an API key.

The payload uses the questionnaire's keys and is validated by the same forms as the web intake, so
the rules and the Dutch (or, with Accept-Language: en, English) messages are the same.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
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
from journeys.intake.partner_api import idempotency_keys
from journeys.intake.partner_api.auth import HasPartnerKey, PartnerKeyAuthentication
from journeys.intake.partner_api.parser import JSONParser
from journeys.intake.partner_api.serializers import PartnerIntakeRequest, PartnerIntakeResponse, intake_response
from journeys.intake.partner_api.validation import validate_payload
from schemes import areas

IDEMPOTENCY_HEADER = idempotency_keys.HEADER


@extend_schema(
    operation_id="partner_intake_create",
    summary="Submit an intake on an entrepreneur's behalf",
    description="Returns the stage with reasons, the matching schemes with reasons and gaps, and the hub. "
                "Authenticate with `Authorization: Api-Key <key>` (see the create_partner_key command).",
    request=PartnerIntakeRequest,
    parameters=[OpenApiParameter(
        IDEMPOTENCY_HEADER, OpenApiTypes.STR, OpenApiParameter.HEADER, required=False,
        description="Optional, 1-255 visible ASCII characters, unique per submission (e.g. a UUID). A retry with "
                    "the same key and the same body gets the first answer again (201, header "
                    "`Idempotent-Replayed: true`) and creates nothing; the same key with another body is refused "
                    "with 422. Keys are kept per API key for as long as the intake they created.",
    )],
    responses={201: PartnerIntakeResponse, 400: OpenApiTypes.OBJECT, 422: OpenApiTypes.OBJECT},
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
    idempotency = None
    if IDEMPOTENCY_HEADER in request.headers:
        key = request.headers[IDEMPOTENCY_HEADER]
        if not idempotency_keys.is_valid_key(key):
            return Response({"errors": {IDEMPOTENCY_HEADER: [
                _("Gebruik als Idempotency-Key 1 tot 255 zichtbare ASCII-tekens.")]}}, status=400)
        idempotency = (key, idempotency_keys.body_hash(request.data))
        earlier = idempotency_keys.earlier_answer(partner=request.auth, key=key, body_hash=idempotency[1])
        if earlier is not None:
            return earlier
    # The postcode check and the routing read the PC4's municipalities once between them.
    with areas.remembered_lookups():
        answers, errors = validate_payload(request.data)
        request_contact = request.data.get("request_contact", False)
        if not isinstance(request_contact, bool):
            errors["request_contact"] = [_("Gebruik true of false.")]
        if errors:
            return Response({"errors": errors}, status=400)
        try:
            intake = services.partner_intake_submit(
                partner=request.auth, answers=answers, request_contact=request_contact, idempotency=idempotency)
        except ValidationError as error:
            return Response({"errors": {"request_contact": error.messages}}, status=400)
        except services.IdempotencyKeyTaken:  # a concurrent retry with the same key committed first
            # never None here: the other submission committed the key
            return idempotency_keys.earlier_answer(partner=request.auth, key=idempotency[0], body_hash=idempotency[1])
    return Response(intake_response(intake), status=201)
