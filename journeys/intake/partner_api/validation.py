"""Partner payloads validated by the same forms as the web intake, so rules and messages are the same."""

from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _

from journeys.intake import questions as q
from journeys.intake.forms import contact_form, form_class_for

CONTROL_KEYS = {"request_contact"}


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
    # Contact details are no intake step: required only with request_contact; checked whenever given.
    contact = contact_form(data, required=payload.get("request_contact") is True)
    if contact.is_valid():
        answers.update(contact.cleaned_answers())
    else:
        for key, messages in contact.errors.items():
            errors.setdefault(key, []).extend(messages)
    return answers, errors
