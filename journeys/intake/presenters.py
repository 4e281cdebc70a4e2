"""Turn stored intake data (answers, reasons, matches, routing) into what the pages show."""

import json
from urllib.parse import urlsplit

from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from journeys.intake import questions as q
from journeys.intake.classification import reason_text
from journeys.intake.routing import ADVICE_TEXTS
from schemes import vocabulary as v
from schemes.matching import GROUP_LATER, GROUP_NEAR, GROUP_NOW, GROUP_READING, GROUPS, NOT_MET, UNKNOWN
from schemes.matching_texts import availability_tag, availability_text, criterion_text, fit_text, group_of, todo_text
from schemes.models import Hub, Municipality, Scheme

# The route's result groups (schemes.matching.GROUPS), each with a heading in plain words and one line on
# what it holds (docs/intake-rules.md, "Groups").
GROUP_TEXTS = {
    GROUP_NOW: (gettext_lazy("Dit kunt u nu aanvragen of gebruiken"),
                gettext_lazy("U voldoet aan alles wat wij van u weten, en het is nu open.")),
    GROUP_NEAR: (gettext_lazy("Bijna: dit ontbreekt nog"),
                 gettext_lazy("Hier mist u nog één of twee dingen die u zelf kunt regelen. Wij zeggen precies wat.")),
    GROUP_LATER: (gettext_lazy("Nog niet open of gesloten"),
                  gettext_lazy("Dit past bij u, maar u kunt het nu niet aanvragen. "
                               "Wij zeggen wanneer het weer kan, als dat bekend is.")),
    GROUP_READING: (gettext_lazy("Om verder te lezen"), gettext_lazy("Publicaties en hulpmiddelen over uw vraag.")),
}


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


def official_link_label(url: str) -> str:
    """The text of the one button to a scheme's official page: where it goes, in plain words."""
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    if host == "rvo.nl" or host.endswith(".rvo.nl"):
        return _("Naar de regeling bij RVO")
    return _("Naar de website van %(name)s") % {"name": host}


def _in_language(item: dict, field: str) -> tuple[str, bool]:
    """(text, only in Dutch): the English text on English pages where the catalogue has one."""
    dutch = item.get(field) or ""
    if not (get_language() or "nl").startswith("en"):
        return dutch, False
    english = item.get(f"{field}_en") or ""
    return (english, False) if english else (dutch, bool(dutch))


def present_match(item: dict, current: Scheme | None = None) -> dict:
    """One result card. ``current`` is the scheme as it is now: its page, official link and English texts
    (a route shown again later keeps its matches, but links and translations may have been added since)."""
    criteria = item.get("criteria", [])
    css, tag = availability_tag(item.get("availability", {}))
    live = {"name_en": current.name_en, "summary_en": current.summary_en, "url": current.url} if current else {}
    texts = {**item, **{key: value for key, value in live.items() if value}}
    name, name_dutch_only = _in_language(texts, "name")
    summary, summary_dutch_only = _in_language(texts, "summary")
    url = texts.get("url") or ""
    return {
        **item,
        "group": item.get("group") or group_of(item),
        "name_text": name, "name_dutch_only": name_dutch_only,
        "summary_text": summary, "summary_dutch_only": summary_dutch_only,
        "detail_url": reverse("schemes:scheme-detail", args=[item["slug"]]) if current else "",
        "official_url": url, "official_label": official_link_label(url) if url else "",
        "kind_label": v.label(v.SchemeKind, item.get("kind", "")),
        "fit_texts": [fit_text(c) for c in item.get("fit", [])],
        "met_texts": [criterion_text(c) for c in criteria if c["status"] not in (NOT_MET, UNKNOWN)],
        "missing_texts": [criterion_text(c) for c in criteria if c["status"] == NOT_MET],
        "todo_texts": [todo_text(c) for c in criteria if c["status"] == NOT_MET],
        "unknown_texts": [criterion_text(c) for c in criteria if c["status"] == UNKNOWN],
        "availability_text": availability_text(item.get("availability", {})),
        "availability_css": css,
        "availability_label": tag,
    }


def route_groups(matches: list[dict]) -> list[dict]:
    """The matches as the route page shows them: the four groups in order, each with its heading.

    One query reads the schemes as they are now (a scheme since removed or unpublished keeps its card,
    without a link to a page that is gone).
    """
    current = {s.pk: s for s in Scheme.objects.filter(
        pk__in=[m.get("scheme_id") for m in matches], status=v.PublicationStatus.PUBLISHED,
    ).only("pk", "slug", "name_en", "summary_en", "url")}
    cards = [present_match(m, current.get(m.get("scheme_id"))) for m in matches]
    groups = []
    for name in GROUPS:
        members = [card for card in cards if card["group"] == name]
        heading, intro = GROUP_TEXTS[name]
        groups.append({"name": name, "heading": heading, "intro": intro, "matches": members})
    return groups


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
        "groups": route_groups(intake.matches),
        "excluded_elsewhere": routing.get("excluded_elsewhere", 0),
        "not_shown": routing.get("not_shown", 0),
        "route_terms": route_terms(intake.matches, texts=(stage_meaning(intake.stage),)),
    }
