"""Partner payloads validated by the same forms as the web intake, so rules and messages are the same.

Before the forms see a value, its JSON type is checked against the question's declared type (the OpenAPI
schema): a form reads whatever a browser could send, and a browser sends a ticked checkbox as any text, so
``"no"`` would read as consent. Here consent and opt-in must be JSON booleans, lists JSON arrays of strings,
numbers JSON integers, and everything else JSON strings; anything else is a 400 for that field.
"""

from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _

from journeys.intake import questions as q
from journeys.intake.forms import contact_form, form_class_for

CONTROL_KEYS = {"request_contact"}
BOOLEAN_KINDS = (q.Kind.CONSENT, q.Kind.OPT_IN)


def _is_text(value) -> bool:
    """A JSON string that can be stored: a lone surrogate ("\\ud800" in the JSON) is valid JSON, not text."""
    if not isinstance(value, str):
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _type_error(question: q.Question | None, value) -> str | None:
    """The message when ``value`` is not of the question's declared JSON type; None when it is."""
    if (isinstance(value, str) and not _is_text(value)) or (
            isinstance(value, list) and any(isinstance(item, str) and not _is_text(item) for item in value)):
        return _("Gebruik tekst (een JSON-string).")
    if question is None:  # the municipality code
        return None if isinstance(value, str) else _("Gebruik tekst (een JSON-string).")
    if question.kind in BOOLEAN_KINDS:
        return None if isinstance(value, bool) else _("Gebruik true of false.")
    if question.is_multi:
        ok = isinstance(value, list) and all(isinstance(item, str) for item in value)
        return None if ok else _("Gebruik een lijst met codes (een JSON-array van strings).")
    if question.kind == q.Kind.NUMBER:
        ok = isinstance(value, int) and not isinstance(value, bool)
        return None if ok else _("Gebruik een heel getal (een JSON-getal).")
    return None if isinstance(value, str) else _("Gebruik tekst (een JSON-string).")


def _data_for_forms(payload: dict) -> tuple[MultiValueDict, dict]:
    data, errors = MultiValueDict(), {}
    for key, value in payload.items():
        if key in CONTROL_KEYS:
            continue
        if key not in q.QUESTIONS and key != q.MUNICIPALITY_KEY:
            errors[key] = [_("Dit veld kennen wij niet.")]
            continue
        if value is None:
            continue
        question = q.QUESTIONS.get(key)
        message = _type_error(question, value)
        if message is not None:
            errors[key] = [message]
        elif question is not None and question.kind in BOOLEAN_KINDS:
            if value:  # a ticked checkbox; false is the box left empty, as a browser sends it
                data.setlist(key, ["on"])
        elif isinstance(value, list):
            data.setlist(key, value)
        else:
            data.setlist(key, [str(value)])
    return data, errors


def validate_payload(payload: dict) -> tuple[dict, dict]:
    """Answers and per-field errors for a partner payload, step by step like the web intake."""
    data, errors = _data_for_forms(payload)
    refused = set(errors)
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
                if key not in refused:  # a value of the wrong type was never passed on: one message is enough
                    errors.setdefault(key, []).extend(messages)
    # Contact details are no intake step: required only with request_contact; checked whenever given.
    contact = contact_form(data, required=payload.get("request_contact") is True)
    if contact.is_valid():
        answers.update(contact.cleaned_answers())
    else:
        for key, messages in contact.errors.items():
            if key not in refused:
                errors.setdefault(key, []).extend(messages)
    return answers, errors
