"""Turn stored intake data (answers, reasons, matches, routing) into what the pages show."""

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
        "stage_sentence": stage_sentence(intake.stage),
        "reasons": [reason_text(r) for r in intake.stage_reasons],
        "hub": hub,
        "routing_reason": routing.get("reason", ""),
        "advice": [ADVICE_TEXTS[code] for code in routing.get("advice", []) if code in ADVICE_TEXTS],
        "matches": [present_match(m) for m in intake.matches],
        "groups": route_groups(intake.matches),
        "excluded_elsewhere": routing.get("excluded_elsewhere", 0),
        "not_shown": routing.get("not_shown", 0),
    }
