"""The intake questionnaire as data: steps, questions, answer options and when a step is skipped.

Nothing here branches on answers except the small ``applies`` predicates, so the whole flow can be
read (and reviewed by the domain experts) in one place. Question keys are the keys of
``Intake.answers`` and of the partner API payload. Sources: domain.md §8.1 (questions), §8.2 (the
classification signals the ``practice`` and ``help_wanted`` questions collect).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from schemes import vocabulary as v

UNKNOWN = "unknown"  # the "Ik weet het niet" option, wherever an honest answer can be unknown
YES, NO = "yes", "no"

YES_NO_UNKNOWN = [(YES, _("Ja")), (NO, _("Nee")), (UNKNOWN, _("Ik weet het niet"))]


class Kind:
    TEXT = "text"
    TEXTAREA = "textarea"
    EMAIL = "email"
    PHONE = "phone"
    NUMBER = "number"
    RADIO = "radio"
    CHECKBOXES = "checkboxes"
    CONSENT = "consent"  # one checkbox that must be ticked
    OPT_IN = "opt_in"  # one checkbox that may stay empty
    KVK = "kvk"
    POSTCODE = "postcode"


class Practice:
    """What the company already does (a §8.2 signal: "no measures yet" / "already sells circular")."""

    NOTHING_YET = "nothing_yet"
    MEASURES = "measures"
    SELLS_CIRCULAR = "sells_circular"
    CHOICES = [
        (NOTHING_YET, _("Wij hebben nog geen circulaire maatregelen genomen")),
        (MEASURES, _("Wij hebben de eerste maatregelen genomen")),
        (SELLS_CIRCULAR, _("Wij verkopen al circulaire producten of diensten")),
        (UNKNOWN, _("Ik weet het niet")),
    ]


class HelpWanted:
    """The kind of help asked for; maps to the support steps of the action agenda (domain §1.2)."""

    INFORMATION = "information"
    VOUCHER = "voucher"
    FEASIBILITY = "feasibility"
    IMPLEMENTATION = "implementation"
    SPECIALIST = "specialist"
    CHOICES = [
        (INFORMATION, _("Informatie en voorbeelden: wat betekent circulair voor mij?")),
        (VOUCHER, _("Een voucher om kansen te ontdekken")),
        (FEASIBILITY, _("Hulp bij een haalbaarheidsonderzoek")),
        (IMPLEMENTATION, _("Hulp bij het invoeren van maatregelen")),
        (SPECIALIST, _("Specialistische kennis, bijvoorbeeld juridisch of over financiering")),
        (UNKNOWN, _("Ik weet het niet")),
    ]


class Scale:
    CHOICES = [*v.ChainScale.choices, (UNKNOWN, _("Ik weet het niet"))]


class Volume:
    NICHE = "niche"
    MASS = "mass"
    CHOICES = [(NICHE, _("Klein of niche")), (MASS, _("Groot of massa")), (UNKNOWN, _("Ik weet het niet"))]


class Contact:
    EMAIL = "email"
    PHONE = "phone"
    CHOICES = [(EMAIL, _("E-mail")), (PHONE, _("Telefoon"))]


def _with_unknown(choices) -> list:
    return [*choices, (UNKNOWN, _("Ik weet het niet"))]


@dataclass(frozen=True)
class Question:
    key: str
    kind: str
    label: Promise
    hint: Promise | str = ""
    required: bool = True
    choices: list = field(default_factory=list)
    max_length: int = 200
    max_value: int = 999
    autocomplete: str = ""
    error_required: Promise | str = ""  # the message when a required answer is missing

    @property
    def is_multi(self) -> bool:
        return self.kind == Kind.CHECKBOXES


Answers = dict
Predicate = Callable[[Answers], bool]


def _always(answers: Answers) -> bool:
    return True


def wants_chain(answers: Answers) -> bool:
    """Chain details only matter for chain cooperation or companies that already work circularly."""
    return (
        v.Theme.CHAIN in answers.get("themes", [])
        or v.BusinessArea.CHAIN_COOPERATION in answers.get("business_areas", [])
        or answers.get("self_assessment") == v.SelfAssessment.CIRCULAR
    )


def asks_about_regulation(answers: Answers) -> bool:
    return v.Theme.REGULATION in answers.get("themes", [])


@dataclass(frozen=True)
class Step:
    slug: str
    title: Promise
    questions: tuple[Question, ...]
    intro: Promise | str = ""
    applies: Predicate = _always

    @property
    def keys(self) -> list[str]:
        return [q.key for q in self.questions]


STEPS: tuple[Step, ...] = (
    Step(
        slug="bedrijf",
        title=_("Over uw bedrijf"),
        questions=(
            Question("company_name", Kind.TEXT, _("Naam van uw bedrijf"), autocomplete="organization",
                     error_required=_("Vul de naam van uw bedrijf in")),
            Question("kvk_number", Kind.KVK, _("KvK-nummer (niet verplicht)"),
                     hint=_("8 cijfers, bijvoorbeeld 12345678"), required=False, max_length=20),
            Question("postcode", Kind.POSTCODE, _("Postcode van uw bedrijf"),
                     hint=_("Bijvoorbeeld 1234 AB. Zo vinden wij het loket in uw regio."),
                     autocomplete="postal-code", max_length=7,
                     error_required=_("Vul de postcode van uw bedrijf in, zoals 1234 AB")),
            Question("company_size", Kind.RADIO, _("Hoeveel mensen werken er in uw bedrijf?"),
                     choices=v.CompanySize.choices, error_required=_("Kies hoe groot uw bedrijf is")),
        ),
    ),
    Step(
        slug="sector",
        title=_("In welke sector werkt u?"),
        questions=(
            Question("sectors", Kind.CHECKBOXES, _("In welke sector of productketen werkt u?"),
                     hint=_("Kies er één of meer."), choices=v.Sector.choices,
                     error_required=_("Kies minstens één sector. Past geen enkele? Kies dan 'Anders'.")),
        ),
    ),
    Step(
        slug="waar-staat-u",
        title=_("Waar staat u nu?"),
        questions=(
            Question("self_assessment", Kind.RADIO, _("Welke zin past het best bij u?"),
                     choices=v.SelfAssessment.choices, error_required=_("Kies de zin die het best bij u past")),
            Question("practice", Kind.RADIO, _("Wat doet uw bedrijf al?"), choices=Practice.CHOICES,
                     error_required=_("Kies wat uw bedrijf al doet, of 'Ik weet het niet'")),
            Question("help_wanted", Kind.CHECKBOXES, _("Wat voor hulp zoekt u?"), hint=_("Kies er één of meer."),
                     choices=HelpWanted.CHOICES,
                     error_required=_("Kies welke hulp u zoekt, of 'Ik weet het niet'")),
        ),
    ),
    Step(
        slug="onderwerp",
        title=_("Waar gaat uw vraag over?"),
        questions=(
            Question("themes", Kind.CHECKBOXES, _("Waar gaat uw vraag over?"), hint=_("Kies er één of meer."),
                     choices=v.Theme.choices, error_required=_("Kies minstens één onderwerp")),
        ),
    ),
    Step(
        slug="bedrijfsonderdeel",
        title=_("Waar in uw bedrijf?"),
        questions=(
            Question("business_areas", Kind.CHECKBOXES, _("Bij welk deel van uw bedrijf zoekt u hulp?"),
                     hint=_("Kies er één of meer."), choices=_with_unknown(v.BusinessArea.choices),
                     error_required=_("Kies minstens één deel van uw bedrijf, of 'Ik weet het niet'")),
            Question("materials", Kind.CHECKBOXES, _("Met welke materialen werkt u? (niet verplicht)"),
                     choices=v.Material.choices, required=False),
            Question("material_volume", Kind.RADIO, _("Hoe groot is de hoeveelheid? (niet verplicht)"),
                     choices=Volume.CHOICES, required=False),
        ),
    ),
    Step(
        slug="drijfveren",
        title=_("Waarom nu, en wat houdt u tegen?"),
        questions=(
            Question("drivers", Kind.CHECKBOXES, _("Waarom wilt u nu circulair werken? (niet verplicht)"),
                     choices=v.Driver.choices, required=False),
            Question("barriers", Kind.CHECKBOXES, _("Wat staat u in de weg? (niet verplicht)"),
                     choices=v.Barrier.choices, required=False),
        ),
    ),
    Step(
        slug="keten",
        title=_("Samenwerken in de keten"),
        intro=_("Een keten is de rij bedrijven van grondstof tot gebruiker en terug. Weet u iets niet? "
                "Laat een getal leeg of kies 'Ik weet het niet'."),
        applies=wants_chain,
        questions=(
            Question("chain_partners", Kind.NUMBER, _("Met hoeveel andere bedrijven werkt u samen in de keten?"),
                     hint=_("Vul 0 in als u nog geen partners heeft."), required=False),
            Question("chain_smes", Kind.NUMBER, _("Hoeveel daarvan zijn mkb-bedrijven, uw eigen bedrijf meegeteld?"),
                     hint=_("Mkb: minder dan 250 medewerkers."), required=False),
            Question("chain_large", Kind.NUMBER, _("Hoeveel grote bedrijven doen mee?"),
                     hint=_("Groot: 250 medewerkers of meer."), required=False),
            Question("chain_roles", Kind.CHECKBOXES, _("Welke rollen in de keten hebben de partners samen?"),
                     choices=v.ChainRole.choices, required=False),
            Question("chain_started", Kind.RADIO, _("Is de samenwerking al gestart?"), choices=YES_NO_UNKNOWN,
                     required=False),
            Question("chain_director", Kind.RADIO,
                     _("Heeft u een ketenregisseur of procesbegeleider gevonden?"),
                     hint=_("Een onafhankelijk persoon die de samenwerking begeleidt."),
                     choices=YES_NO_UNKNOWN, required=False),
            Question("commitment_signed", Kind.RADIO,
                     _("Hebben de partners een intentieverklaring of ambitiedocument getekend?"),
                     choices=YES_NO_UNKNOWN, required=False),
            Question("joint_plan", Kind.RADIO, _("Heeft u samen een plan gemaakt?"), choices=YES_NO_UNKNOWN,
                     required=False),
            Question("processing_in_province", Kind.RADIO,
                     _("Vindt de verwerking plaats in uw eigen provincie?"), choices=YES_NO_UNKNOWN,
                     required=False),
            Question("chain_scale", Kind.RADIO, _("Hoe groot is de keten?"), choices=Scale.CHOICES,
                     required=False),
            Question("complexity", Kind.CHECKBOXES, _("Wat maakt de samenwerking ingewikkeld? (niet verplicht)"),
                     choices=v.ComplexityFactor.choices, required=False),
        ),
    ),
    Step(
        slug="regelgeving",
        title=_("Uw vraag over regels"),
        intro=_("Deze vragen helpen het loket uw vraag voor te leggen aan juridische partners. "
                "Schrijf kort en in uw eigen woorden."),
        applies=asks_about_regulation,
        questions=(
            Question("mra_activity", Kind.TEXTAREA, _("Wat doet uw bedrijf precies?"), max_length=2000,
                     error_required=_("Beschrijf kort wat uw bedrijf doet")),
            Question("mra_problem", Kind.TEXTAREA, _("Welke regel of welk beleid zit u in de weg?"),
                     max_length=2000, error_required=_("Beschrijf welke regel u in de weg zit")),
            Question("mra_consequences", Kind.TEXTAREA, _("Wat zijn de gevolgen voor u? (niet verplicht)"),
                     max_length=2000, required=False),
            Question("mra_tried", Kind.TEXTAREA, _("Wat heeft u al geprobeerd? (niet verplicht)"),
                     max_length=2000, required=False),
            Question("mra_solutions", Kind.TEXTAREA, _("Welke oplossingen ziet u? (niet verplicht)"),
                     max_length=2000, required=False),
        ),
    ),
    Step(
        slug="contact",
        title=_("Uw contactgegevens"),
        intro=_("Het loket gebruikt deze gegevens alleen als u straks zelf om contact vraagt."),
        questions=(
            Question("contact_name", Kind.TEXT, _("Uw naam"), autocomplete="name",
                     error_required=_("Vul uw naam in")),
            Question("email", Kind.EMAIL, _("E-mailadres"), autocomplete="email", max_length=254,
                     error_required=_("Vul uw e-mailadres in, zoals naam@bedrijf.nl")),
            Question("phone", Kind.PHONE, _("Telefoonnummer (niet verplicht)"), autocomplete="tel",
                     required=False, max_length=30),
            Question("preferred_contact", Kind.RADIO, _("Hoe wilt u het liefst contact?"), choices=Contact.CHOICES,
                     error_required=_("Kies hoe u het liefst contact wilt")),
            Question("consent_share", Kind.CONSENT,
                     _("Ik vind het goed dat het regionale loket mijn antwoorden ziet als ik om contact vraag"),
                     hint=_("Het loket deelt uw gegevens alleen met partners als u dat goed vindt."),
                     error_required=_("Geef toestemming, anders kan het loket u niet helpen")),
            Question("followup_opt_in", Kind.OPT_IN,
                     _("U mag mij later een korte e-mail sturen met de vraag of de hulp heeft geholpen"),
                     required=False),
        ),
    ),
)

STEPS_BY_SLUG = {step.slug: step for step in STEPS}
QUESTIONS = {q.key: q for step in STEPS for q in step.questions}
# The municipality is asked only when the postcode alone does not settle it (see forms.CompanyForm).
MUNICIPALITY_KEY = "municipality_code"


def applicable_steps(answers: Answers) -> list[Step]:
    return [step for step in STEPS if step.applies(answers)]


def next_step(answers: Answers, current: Step) -> Step | None:
    steps = applicable_steps(answers)
    after = STEPS[STEPS.index(current) + 1:]
    return next((step for step in after if step in steps), None)


def previous_step(answers: Answers, current: Step) -> Step | None:
    steps = applicable_steps(answers)
    before = STEPS[: STEPS.index(current)]
    return next((step for step in reversed(before) if step in steps), None)


def is_step_complete(step: Step, answers: Answers) -> bool:
    """Whether every required question of the step has an answer (optional ones may be empty)."""
    return all(q.key in answers for q in step.questions)


def first_incomplete_step(answers: Answers) -> Step | None:
    return next((step for step in applicable_steps(answers) if not is_step_complete(step, answers)), None)


def relevant_answers(answers: Answers) -> Answers:
    """The answers of steps that still apply: a skipped step's old answers must not count."""
    keys = {q.key for step in applicable_steps(answers) for q in step.questions} | {MUNICIPALITY_KEY}
    return {key: value for key, value in answers.items() if key in keys}
