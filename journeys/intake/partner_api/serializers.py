"""Request and response shapes of the partner API, for validation of types and the OpenAPI schema."""

from rest_framework import serializers

from journeys.intake import questions as q
from journeys.intake.classification import reason_text
from schemes import vocabulary as v
from schemes.matching import GROUPS
from schemes.matching_texts import availability_text, criterion_text, fit_text, group_of


def _serializer_field(question: q.Question) -> serializers.Field:
    common = {"required": question.required, "help_text": str(question.label)}
    if question.key in q.CONTACT_KEYS:  # asked only for a contact request
        common["required"] = False
        if question.required:
            common["help_text"] += " (required with request_contact: true)"
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
        required=False, default=False,
        help_text="Also put the request in the hub's queue (then contact_name, email, preferred_contact and "
                  "consent_share are required)."),
})


class ExplainedSerializer(serializers.Serializer):
    code = serializers.CharField()
    status = serializers.CharField(required=False)
    params = serializers.DictField()
    text = serializers.CharField()


class PartnerMatchSerializer(serializers.Serializer):
    scheme_id = serializers.IntegerField()
    slug = serializers.CharField()
    name = serializers.CharField()
    group = serializers.ChoiceField(
        choices=list(GROUPS),
        help_text="Result group, in the order the route page shows them: `now` (meets every known criterion and "
                  "open or always available), `near_miss` (one or two criteria not met that the entrepreneur can "
                  "change; see the not-met criteria), `later` (not open yet, closed, out of budget, unknown or a "
                  "plan), `reading` (publications and knowledge tools). `matches` is sorted by group, then by use.")
    score = serializers.IntegerField()
    eligible = serializers.BooleanField()
    fit = ExplainedSerializer(many=True)
    criteria = ExplainedSerializer(many=True)
    availability = serializers.DictField()


class PartnerIntakeResponse(serializers.Serializer):
    id = serializers.UUIDField()
    stage = serializers.DictField()
    hub = serializers.DictField(allow_null=True)
    routing = serializers.DictField()
    matches = PartnerMatchSerializer(many=True)
    support_request = serializers.DictField(allow_null=True)


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
            {**m, "group": group_of(m), "fit": _explained(m["fit"], fit_text),
             "criteria": _explained(m["criteria"], criterion_text),
             "availability": {**m["availability"], "text": availability_text(m["availability"])}}
            for m in intake.matches
        ],
        "support_request": {"reference": support_request.reference} if support_request else None,
    }
