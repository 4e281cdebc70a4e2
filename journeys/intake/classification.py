"""Journey stage (starter / peloton / front-runner) from the intake answers, with the reasons why.

The rule set is domain.md §8.2, written down in docs/intake-rules.md. Every signal adds points to
one stage; the stage with most points wins. A tie goes to the entrepreneur's own answer to "where
are you now?" (§8.1 question 3), because that is the one signal they gave on purpose. The reasons
returned are the signals behind the chosen stage, strongest first, as codes with parameters, so they
can be stored and shown later in any language.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from journeys.intake.questions import YES, HelpWanted, Practice
from schemes import vocabulary as v
from schemes.matching_texts import remembered_sentences

SELF_ASSESSMENT_STAGE = {
    v.SelfAssessment.ORIENTING: v.Stage.STARTER,
    v.SelfAssessment.INVESTIGATING: v.Stage.PELOTON,
    v.SelfAssessment.CIRCULAR: v.Stage.FRONTRUNNER,
}
STAGE_ORDER = [v.Stage.STARTER, v.Stage.PELOTON, v.Stage.FRONTRUNNER]


@dataclass(frozen=True)
class Reason:
    code: str
    params: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {"code": self.code, "params": self.params}


@dataclass(frozen=True)
class Classification:
    stage: str
    reasons: list[Reason]
    scores: dict[str, int]

    def reasons_as_dicts(self) -> list[dict]:
        return [reason.as_dict() for reason in self.reasons]


@dataclass(frozen=True)
class _Signal:
    stage: str
    points: int
    reason: Reason


def _signals(answers: dict) -> list[_Signal]:
    signals = []
    add = signals.append
    assessment = answers.get("self_assessment")
    if assessment in SELF_ASSESSMENT_STAGE:
        add(_Signal(SELF_ASSESSMENT_STAGE[assessment], 2, Reason(f"self_{assessment}")))

    practice = answers.get("practice")
    if practice == Practice.SELLS_CIRCULAR:
        add(_Signal(v.Stage.FRONTRUNNER, 2, Reason("sells_circular")))
    elif practice == Practice.MEASURES:
        add(_Signal(v.Stage.PELOTON, 1, Reason("first_measures")))
    elif practice == Practice.NOTHING_YET:
        add(_Signal(v.Stage.STARTER, 1, Reason("no_measures_yet")))

    themes = set(answers.get("themes") or [])
    help_wanted = set(answers.get("help_wanted") or [])
    if themes == {v.Theme.KNOWLEDGE} or HelpWanted.INFORMATION in help_wanted:
        add(_Signal(v.Stage.STARTER, 1, Reason("wants_information")))
    peloton_help = sorted(help_wanted & {HelpWanted.VOUCHER, HelpWanted.FEASIBILITY, HelpWanted.IMPLEMENTATION})
    if peloton_help:
        add(_Signal(v.Stage.PELOTON, 1, Reason("asks_measures_help", {"help": peloton_help})))
    areas = [a for a in answers.get("business_areas") or [] if a in v.BusinessArea.values]
    if areas and answers.get("materials"):
        add(_Signal(v.Stage.PELOTON, 1, Reason("named_area_and_material")))

    if v.Theme.CHAIN in themes or v.BusinessArea.CHAIN_COOPERATION in areas:
        add(_Signal(v.Stage.FRONTRUNNER, 1, Reason("wants_chain_change")))
    partners = answers.get("chain_partners") or 0
    has_director = answers.get("chain_director") == YES
    has_commitment = answers.get("commitment_signed") == YES
    if partners or has_director or has_commitment:
        add(_Signal(v.Stage.FRONTRUNNER, 1, Reason(
            "chain_assets", {"partners": partners, "director": has_director, "commitment": has_commitment})))
    specialist = HelpWanted.SPECIALIST in help_wanted or bool(themes & {v.Theme.REGULATION, v.Theme.FINANCING})
    if specialist and assessment != v.SelfAssessment.ORIENTING:
        add(_Signal(v.Stage.FRONTRUNNER, 1, Reason("asks_specialist_help")))
    return signals


def classify(*, answers: dict) -> Classification:
    """The stage for these answers (the ``Intake.answers`` dict), with the reasons behind it."""
    signals = _signals(answers)
    scores = dict.fromkeys(STAGE_ORDER, 0)
    for signal in signals:
        scores[signal.stage] += signal.points
    own = SELF_ASSESSMENT_STAGE.get(answers.get("self_assessment"))
    best = max(scores.values())
    tied = [stage for stage in STAGE_ORDER if scores[stage] == best]
    # Tie: the entrepreneur's own answer, else the lowest stage (better to offer too basic help first).
    stage = own if own in tied else tied[0]
    reasons = [s.reason for s in sorted(signals, key=lambda s: -s.points) if s.stage == stage]
    scores = {str(key): points for key, points in scores.items()}
    return Classification(stage=str(stage), reasons=reasons, scores=scores)


REASON_TEXTS = {
    "self_orienting": _("U zegt dat u zich oriënteert en informatie en voorbeelden zoekt."),
    "self_investigating": _("U zegt dat u kansen ziet en maatregelen wilt onderzoeken of invoeren."),
    "self_circular": _("U zegt dat u al circulair werkt."),
    "sells_circular": _("U verkoopt al circulaire producten of diensten."),
    "first_measures": _("U heeft de eerste maatregelen al genomen."),
    "no_measures_yet": _("U heeft nog geen circulaire maatregelen genomen."),
    "wants_information": _("U zoekt vooral informatie en voorbeelden."),
    "named_area_and_material": _("U weet bij welk deel van uw bedrijf en welk materiaal u wilt beginnen."),
    "wants_chain_change": _("U wilt samen met andere bedrijven uw keten veranderen."),
    "asks_specialist_help": _("U zoekt specialistische hulp, bijvoorbeeld over regels of financiering."),
}
HELP_LABELS = dict(HelpWanted.CHOICES)


@remembered_sentences
def reason_text(reason: dict) -> str:
    """One sentence, in the active language, for a stored reason ``{"code": ..., "params": ...}``."""
    code, params = reason.get("code", ""), reason.get("params") or {}
    if code == "asks_measures_help":
        wanted = ", ".join(str(HELP_LABELS.get(h, h)).lower() for h in params.get("help", []))
        return _("U vraagt om: %(help)s.") % {"help": wanted}
    if code == "chain_assets":
        return _chain_assets_text(params)
    return str(REASON_TEXTS.get(code, code))


def _chain_assets_text(params: dict) -> str:
    parts = []
    partners = params.get("partners") or 0
    if partners:
        parts.append(ngettext("%(count)s ketenpartner", "%(count)s ketenpartners", partners) % {"count": partners})
    if params.get("director"):
        parts.append(str(_("een ketenregisseur")))
    if params.get("commitment"):
        parts.append(str(_("een getekende intentieverklaring")))
    joined = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " " + str(_("en")) + " " + parts[-1]
    return _("U heeft %(things)s.") % {"things": joined}
