"""Turn stored intake data (answers, reasons, matches, routing) into what the pages show."""

from django.urls import reverse
from django.utils.translation import gettext as _

from journeys.intake import questions as q
from journeys.intake.classification import reason_text
from journeys.intake.routing import ADVICE_TEXTS
from schemes import vocabulary as v
from schemes.matching import NOT_MET, UNKNOWN
from schemes.matching_texts import availability_tag, availability_text, criterion_text, fit_text
from schemes.models import Hub, Municipality


def stage_sentence(stage: str) -> str:
    sentences = {
        v.Stage.STARTER: _("U staat aan het begin: u zoekt informatie en voorbeelden."),
        v.Stage.PELOTON: _("U zit in het peloton: u wilt maatregelen onderzoeken of invoeren."),
        v.Stage.FRONTRUNNER: _("U bent een koploper: u werkt al circulair en wilt verder, vaak met uw keten."),
    }
    return sentences.get(stage, "")


def display_answer(question: q.Question, value) -> str:
    if value in (None, "", []):
        return _("Niet ingevuld")
    if question.kind in (q.Kind.CONSENT, q.Kind.OPT_IN):
        return _("Ja") if value else _("Nee")
    labels = dict(question.choices)
    if question.is_multi:
        return ", ".join(str(labels.get(code, code)) for code in value)
    if question.choices:
        return str(labels.get(value, value))
    return str(value)


def answer_rows(answers: dict) -> list[dict]:
    """Every answered question of the steps that apply, with a link back to change it."""
    sections = []
    for step in q.applicable_steps(answers):
        change_url = reverse("journeys:intake-step", args=[step.slug]) + "?terug=controleren"
        rows = [{"label": question.label, "value": display_answer(question, answers.get(question.key)),
                 "change_url": change_url, "key": question.key}
                for question in step.questions]
        if step.slug == "bedrijf" and answers.get(q.MUNICIPALITY_KEY):
            municipality = Municipality.objects.filter(code=answers[q.MUNICIPALITY_KEY]).first()
            if municipality:
                rows.insert(3, {"label": _("Gemeente"), "value": municipality.name, "change_url": change_url,
                                "key": q.MUNICIPALITY_KEY})
        sections.append({"step": step, "rows": rows})
    return sections


def present_match(item: dict) -> dict:
    criteria = item.get("criteria", [])
    css, tag = availability_tag(item.get("availability", {}))
    return {
        **item,
        "kind_label": v.label(v.SchemeKind, item.get("kind", "")),
        "fit_texts": [fit_text(c) for c in item.get("fit", [])],
        "met_texts": [criterion_text(c) for c in criteria if c["status"] not in (NOT_MET, UNKNOWN)],
        "missing_texts": [criterion_text(c) for c in criteria if c["status"] == NOT_MET],
        "unknown_texts": [criterion_text(c) for c in criteria if c["status"] == UNKNOWN],
        "availability_text": availability_text(item.get("availability", {})),
        "availability_css": css,
        "availability_label": tag,
    }


def result_context(intake) -> dict:
    routing = intake.routing or {}
    hub = Hub.objects.filter(pk=routing.get("hub_id")).first() if routing.get("hub_id") else intake.hub
    return {
        "intake": intake,
        "stage_label": v.label(v.Stage, intake.stage),
        "stage_sentence": stage_sentence(intake.stage),
        "reasons": [reason_text(r) for r in intake.stage_reasons],
        "hub": hub,
        "routing_reason": routing.get("reason", ""),
        "advice": [ADVICE_TEXTS[code] for code in routing.get("advice", []) if code in ADVICE_TEXTS],
        "matches": [present_match(m) for m in intake.matches],
        "excluded_elsewhere": routing.get("excluded_elsewhere", 0),
    }
