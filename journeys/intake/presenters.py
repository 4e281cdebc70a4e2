"""Turn stored intake data (answers, reasons, matches, routing) into what the pages show."""

import json

from django.urls import reverse
from django.utils.translation import gettext as _

from journeys.intake import questions as q
from journeys.intake.classification import reason_text
from journeys.intake.routing import ADVICE_TEXTS
from schemes import vocabulary as v
from schemes.matching import NOT_MET, UNKNOWN
from schemes.matching_texts import availability_tag, availability_text, criterion_text, fit_text
from schemes.models import Hub, Municipality


def stage_headline(stage: str, answers: dict) -> str:
    """The stage as a sentence about the company first, then the word we use for it (domain §1.1, §8.2)."""
    practice = answers.get("practice")
    if stage == v.Stage.STARTER:
        return _("U staat aan het begin — wij noemen dat een starter.")
    if stage == v.Stage.PELOTON:
        if practice == q.Practice.MEASURES:
            return _("U bent al bezig met maatregelen — wij noemen dat het peloton.")
        return _("U ziet kansen en wilt maatregelen onderzoeken of invoeren — wij noemen dat het peloton.")
    if stage == v.Stage.FRONTRUNNER:
        if practice == q.Practice.SELLS_CIRCULAR:
            return _("U verkoopt al circulaire producten of diensten — wij noemen dat een koploper.")
        return _("U werkt al circulair — wij noemen dat een koploper.")
    return ""


def stage_meaning(stage: str) -> str:
    """What the stage means for the entrepreneur: the help that fits it (domain §1.1, §1.2, §8.4 rule 11)."""
    meanings = {
        v.Stage.STARTER: _("Voor u zijn informatie en voorbeelden het nuttigst: wat betekent circulair werken voor "
                           "uw bedrijf, en hoe doen anderen het? Daarna kan een voucher helpen om kansen in uw "
                           "bedrijf te vinden."),
        v.Stage.PELOTON: _("Het peloton is de grote groep bedrijven die maatregelen onderzoekt of invoert. Voor u "
                           "passen vooral een voucher, hulp bij een haalbaarheidsonderzoek en hulp bij het "
                           "invoeren van maatregelen."),
        v.Stage.FRONTRUNNER: _("Koplopers hebben vooral specialistische kennis nodig, bijvoorbeeld over regels of "
                               "financiering. Vaak willen zij hun hele keten circulair maken. Een ketenregisseur "
                               "kan die samenwerking begeleiden."),
    }
    return meanings.get(stage, "")


# When a route page shows one of these (as a code in the stored matches or as a word in a Dutch text),
# it explains the term at the bottom of the page.
ROUTE_TERM_SIGNS = {
    "voucher": ("voucher",),
    "feasibility": ("haalbaarheid", "feasibility"),
    "de_minimis": ("de_minimis", "de-minimis"),
    "commitment_letter": ("commitment_letter", "letter of commitment", "intentieverklaring"),
    "chain_director": ("chain_director", "ketenregisseur", "chain director"),
    "imvo": ("imvo",),
    "competition_law": ("competition_law", "mededinging"),
    "waste_status": ("afvalstatus", "waste_law"),
    "nutrients": ("nutri",),
}


def route_terms(matches: list[dict], *, texts: tuple[str, ...] = ()) -> list:
    """The jargon terms (questions.TERMS) the route page uses: in its stored matches or in ``texts``."""
    text = " ".join([json.dumps(matches, ensure_ascii=False, default=str), *map(str, texts)]).lower()
    return [q.TERMS[key] for key, signs in ROUTE_TERM_SIGNS.items() if any(sign in text for sign in signs)]


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


def _has_contact_answers(answers: dict) -> bool:
    return any(answers.get(key) not in (None, "", [], False) for key in q.CONTACT_KEYS)


def answer_rows(answers: dict, *, include_contact: bool = True) -> list[dict]:
    """Every question of the steps that apply, by section, with a link back to change it.

    Contact answers (given with the contact request; older drafts have them from the intake) come last,
    without a change link, unless ``include_contact`` is off (the check page asks no personal data).
    """
    sections: list[dict] = []
    steps = q.applicable_steps(answers)
    if include_contact and _has_contact_answers(answers):
        steps.append(q.CONTACT_STEP)
    for step in steps:
        change_url = "" if step is q.CONTACT_STEP else (
            reverse("journeys:intake-step", args=[step.slug]) + "?terug=controleren")
        rows = [{"label": question.label, "value": display_answer(question, answers.get(question.key)),
                 "change_url": change_url, "key": question.key}
                for question in step.questions]
        if step.slug == "bedrijf" and answers.get(q.MUNICIPALITY_KEY):
            municipality = Municipality.objects.filter(code=answers[q.MUNICIPALITY_KEY]).first()
            if municipality:
                rows.insert(3, {"label": _("Gemeente"), "value": municipality.name, "change_url": change_url,
                                "key": q.MUNICIPALITY_KEY})
        if sections and sections[-1]["title"] == step.section:
            sections[-1]["rows"].extend(rows)
        else:
            sections.append({"title": step.section, "step": step, "rows": rows})
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
        "stage_headline": stage_headline(intake.stage, intake.answers or {}),
        "stage_meaning": stage_meaning(intake.stage),
        "reasons": [reason_text(r) for r in intake.stage_reasons],
        "hub": hub,
        "routing_reason": routing.get("reason", ""),
        "advice": [ADVICE_TEXTS[code] for code in routing.get("advice", []) if code in ADVICE_TEXTS],
        "matches": [present_match(m) for m in intake.matches],
        "excluded_elsewhere": routing.get("excluded_elsewhere", 0),
        "route_terms": route_terms(intake.matches, texts=(stage_meaning(intake.stage),)),
    }
