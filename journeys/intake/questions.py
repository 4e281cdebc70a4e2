"""The intake questionnaire as data: steps, questions, answer options and when a step is skipped.

Nothing here branches on answers except the small ``applies`` predicates, so the whole flow can be
read (and reviewed by the domain experts) in one place. Question keys are the keys of
``Intake.answers`` and of the partner API payload. Sources: domain.md §8.1 (questions), §8.2 (the
classification signals the ``practice`` and ``help_wanted`` questions collect).

One topic per page, and the page heading is the question. The route needs no personal data: the
contact questions are not an intake step but the contact request's form (``CONTACT_STEP``), asked
only when the entrepreneur asks their hub for contact.
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
class Term:
    """A word above B1 level, explained in a "Wat betekent dit?" disclosure where it is used.

    Every explanation is written from ../shared/domain.md (tags in the comments); where the documents
    give no details (amounts, conditions) the text says that they differ per scheme.
    """

    word: Promise
    explanation: Promise


TERMS: dict[str, Term] = {
    # domain §1.2, §2.4 [002]: a low-threshold national voucher scheme for "identify opportunities"; no amounts known.
    "voucher": Term(_("voucher"), _(
        "Een voucher is een tegoedbon voor hulp bij de eerste stap: kansen voor circulair werken in uw bedrijf "
        "ontdekken. U vraagt hem eenvoudig aan. Het bedrag en de voorwaarden verschillen per regeling.")),
    # domain §1.2 [002]: support for feasibility studies is the step "implement measures".
    "feasibility": Term(_("haalbaarheidsonderzoek"), _(
        "In een haalbaarheidsonderzoek zoekt u uit of een plan kan werken voordat u het invoert: "
        "technisch, in uw bedrijf en met geld.")),
    # domain §5 [002][004]: nutrients (phosphate), e.g. from wastewater.
    "nutrients": Term(_("nutriënten"), _(
        "Nutriënten zijn voedingsstoffen voor planten en dieren, zoals fosfaat. Ze kunnen bijvoorbeeld "
        "uit afvalwater worden teruggewonnen.")),
    # domain §3.3 RD3 [001], §3.4 [004]: worries about competition law; chain cooperation can look like a cartel.
    "competition_law": Term(_("mededingingsrecht"), _(
        "Het mededingingsrecht verbiedt bedrijven om afspraken te maken die concurrentie beperken, zoals "
        "prijsafspraken (een kartel). Samenwerken in de keten kan soms op zo'n afspraak lijken. Daarom "
        "twijfelen sommige bedrijven of het mag.")),
    # domain §3.4 [004] (Wet milieubeheer art. 1.1), §2.8 [003] (end-of-waste status as a complexity driver).
    "waste_status": Term(_("afvalstatus"), _(
        "De afvalstatus zegt of een materiaal volgens de wet afval is (Wet milieubeheer, artikel 1.1). Voor "
        "afval gelden eigen regels. Dat kan hergebruik van een reststroom lastiger maken.")),
    # domain §2.6 [001]: international CSR in the chain; less voluntary after 2023 (EU directives, Dutch law).
    "imvo": Term(_("IMVO"), _(
        "IMVO is internationaal maatschappelijk verantwoord ondernemen: u let op de risico's voor mens en "
        "milieu in uw hele keten, ook in het buitenland. Due diligence betekent: die risico's zoeken en "
        "aanpakken. Door Europese regels en Nederlandse wetten wordt dit minder vrijwillig.")),
    # domain §2.2 (public RVO material): CKP requires a de-minimis declaration. The EU rule itself is general law.
    "de_minimis": Term(_("de-minimisverklaring"), _(
        "Met een de-minimisverklaring zegt u hoeveel kleine overheidssteun (de-minimissteun) uw bedrijf de "
        "laatste jaren al kreeg. Europese regels stellen een grens aan die steun. Het loket kan u helpen "
        "bij het invullen.")),
    # domain §2.2, §7 [003]: RVO (like Flevoland) has the parties sign a letter of commitment.
    "commitment_letter": Term(_("letter of commitment"), _(
        "Een letter of commitment is een getekende intentieverklaring: de partners beloven op papier dat "
        "zij meedoen aan de samenwerking in de keten.")),
    # domain §2.8 [003]: the chain director's roles and independence.
    "chain_director": Term(_("ketenregisseur"), _(
        "Een ketenregisseur of procesbegeleider is een onafhankelijk persoon die de samenwerking tussen de "
        "bedrijven in de keten begeleidt.")),
}


@dataclass(frozen=True)
class Question:
    key: str
    kind: str
    label: Promise
    hint: Promise | str = ""
    required: bool = True
    choices: list = field(default_factory=list)
    # Long option lists shown in small groups: (group heading, option codes); every option in one group.
    groups: tuple[tuple[Promise, tuple[str, ...]], ...] = ()
    terms: tuple[str, ...] = ()  # keys of TERMS explained under the question
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


class Section:
    """Parts of the questionnaire: headings on the check page, and the names of the extra parts."""

    COMPANY = _("Uw bedrijf")
    POSITION = _("Waar u staat")
    QUESTION = _("Uw vraag")
    CHAIN = _("Samenwerken in de keten")
    REGULATION = _("Uw vraag over regels")
    CONTACT = _("Uw contactgegevens")


@dataclass(frozen=True)
class Step:
    slug: str
    title: Promise  # the page heading: the question itself, or for a small group the question they share
    questions: tuple[Question, ...]
    section: Promise
    intro: Promise | str = ""
    applies: Predicate = _always

    @property
    def keys(self) -> list[str]:
        return [q.key for q in self.questions]

    @property
    def is_extra(self) -> bool:
        """Asked only for some answers; counted in its own part, so the main step count never changes."""
        return self.applies is not _always


BARRIER_GROUPS = (
    (_("Samenwerken met partners"), (
        v.Barrier.FIND_PARTNERS, v.Barrier.CONFLICTING_INTERESTS, v.Barrier.NO_ADDED_VALUE,
        v.Barrier.COMPETITION_LAW, v.Barrier.BENEFIT_SHARING, v.Barrier.NEED_SUPERVISOR,
    )),
    (_("Geld"), (v.Barrier.FINANCING, v.Barrier.LINEAR_CHEAPER)),
    (_("Kennis, tijd en gegevens"), (v.Barrier.KNOWLEDGE, v.Barrier.NO_CAPACITY, v.Barrier.NO_CHAIN_DATA)),
    (_("Regels"), (v.Barrier.REGULATION,)),
)

_CHAIN_INTRO = _("Een keten is de rij bedrijven van grondstof tot gebruiker en terug. Weet u iets niet? "
                 "Laat het leeg of kies 'Ik weet het niet'.")

STEPS: tuple[Step, ...] = (
    Step(
        slug="bedrijf",
        title=_("Over welk bedrijf gaat het?"),
        section=Section.COMPANY,
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
        section=Section.COMPANY,
        questions=(
            Question("sectors", Kind.CHECKBOXES, _("In welke sector werkt u?"),
                     hint=_("Kies er één of meer."), choices=v.Sector.choices,
                     error_required=_("Kies minstens één sector. Past geen enkele? Kies dan 'Anders'.")),
        ),
    ),
    Step(
        slug="waar-staat-u",
        title=_("Welke zin past het best bij uw bedrijf?"),
        section=Section.POSITION,
        questions=(
            Question("self_assessment", Kind.RADIO, _("Welke zin past het best bij uw bedrijf?"),
                     choices=v.SelfAssessment.choices, error_required=_("Kies de zin die het best bij u past")),
        ),
    ),
    Step(
        slug="wat-doet-u-al",
        title=_("Wat doet uw bedrijf al?"),
        section=Section.POSITION,
        questions=(
            Question("practice", Kind.RADIO, _("Wat doet uw bedrijf al?"), choices=Practice.CHOICES,
                     error_required=_("Kies wat uw bedrijf al doet, of 'Ik weet het niet'")),
        ),
    ),
    Step(
        slug="hulp",
        title=_("Wat voor hulp zoekt u?"),
        section=Section.POSITION,
        questions=(
            Question("help_wanted", Kind.CHECKBOXES, _("Wat voor hulp zoekt u?"), hint=_("Kies er één of meer."),
                     choices=HelpWanted.CHOICES, terms=("voucher", "feasibility"),
                     error_required=_("Kies welke hulp u zoekt, of 'Ik weet het niet'")),
        ),
    ),
    Step(
        slug="onderwerp",
        title=_("Waar gaat uw vraag over?"),
        section=Section.QUESTION,
        questions=(
            Question("themes", Kind.CHECKBOXES, _("Waar gaat uw vraag over?"), hint=_("Kies er één of meer."),
                     choices=v.Theme.choices, terms=("imvo",), error_required=_("Kies minstens één onderwerp")),
        ),
    ),
    Step(
        slug="bedrijfsonderdeel",
        title=_("Bij welk deel van uw bedrijf zoekt u hulp?"),
        section=Section.QUESTION,
        questions=(
            Question("business_areas", Kind.CHECKBOXES, _("Bij welk deel van uw bedrijf zoekt u hulp?"),
                     hint=_("Kies er één of meer."), choices=_with_unknown(v.BusinessArea.choices),
                     error_required=_("Kies minstens één deel van uw bedrijf, of 'Ik weet het niet'")),
        ),
    ),
    Step(
        slug="materialen",
        title=_("Met welke materialen werkt u?"),
        section=Section.QUESTION,
        intro=_("Deze vragen zijn niet verplicht. Weet u het niet? Ga dan gewoon verder."),
        questions=(
            Question("materials", Kind.CHECKBOXES, _("Met welke materialen werkt u? (niet verplicht)"),
                     choices=v.Material.choices, terms=("nutrients",), required=False),
            Question("material_volume", Kind.RADIO, _("Hoe groot is de hoeveelheid? (niet verplicht)"),
                     choices=Volume.CHOICES, required=False),
        ),
    ),
    Step(
        slug="drijfveren",
        title=_("Waarom wilt u nu circulair werken?"),
        section=Section.QUESTION,
        questions=(
            Question("drivers", Kind.CHECKBOXES, _("Waarom wilt u nu circulair werken? (niet verplicht)"),
                     hint=_("Kies wat voor u geldt. U mag ook niets kiezen."),
                     choices=v.Driver.choices, required=False),
        ),
    ),
    Step(
        slug="belemmeringen",
        title=_("Wat staat u in de weg?"),
        section=Section.QUESTION,
        questions=(
            Question("barriers", Kind.CHECKBOXES, _("Wat staat u in de weg? (niet verplicht)"),
                     hint=_("Kies wat voor u geldt. U mag ook niets kiezen."),
                     choices=v.Barrier.choices, groups=BARRIER_GROUPS,
                     terms=("competition_law", "waste_status"), required=False),
        ),
    ),
    # The extra part about chain cooperation: one topic per page (it was 11 questions on one page).
    Step(
        slug="keten",
        title=_("Met hoeveel bedrijven werkt u samen in de keten?"),
        section=Section.CHAIN,
        intro=_CHAIN_INTRO,
        applies=wants_chain,
        questions=(
            Question("chain_partners", Kind.NUMBER, _("Met hoeveel andere bedrijven werkt u samen in de keten?"),
                     hint=_("Vul 0 in als u nog geen partners heeft."), required=False),
            Question("chain_smes", Kind.NUMBER, _("Hoeveel daarvan zijn mkb-bedrijven, uw eigen bedrijf meegeteld?"),
                     hint=_("Mkb: minder dan 250 medewerkers."), required=False),
            Question("chain_large", Kind.NUMBER, _("Hoeveel grote bedrijven doen mee?"),
                     hint=_("Groot: 250 medewerkers of meer."), required=False),
        ),
    ),
    Step(
        slug="keten-rollen",
        title=_("Welke rollen in de keten hebben de partners samen?"),
        section=Section.CHAIN,
        applies=wants_chain,
        questions=(
            Question("chain_roles", Kind.CHECKBOXES, _("Welke rollen in de keten hebben de partners samen?"),
                     hint=_("Uw eigen bedrijf telt mee. Kies alles wat past."),
                     choices=v.ChainRole.choices, required=False),
        ),
    ),
    Step(
        slug="keten-afspraken",
        title=_("Hoe ver is de samenwerking?"),
        section=Section.CHAIN,
        applies=wants_chain,
        questions=(
            Question("chain_started", Kind.RADIO, _("Is de samenwerking al gestart?"), choices=YES_NO_UNKNOWN,
                     required=False),
            Question("chain_director", Kind.RADIO,
                     _("Heeft u een ketenregisseur of procesbegeleider gevonden?"),
                     hint=_("Een onafhankelijk persoon die de samenwerking begeleidt."),
                     choices=YES_NO_UNKNOWN, required=False),
            Question("commitment_signed", Kind.RADIO,
                     _("Hebben de partners een intentieverklaring of ambitiedocument getekend?"),
                     hint=_("Zo'n verklaring heet ook wel een letter of commitment."),
                     choices=YES_NO_UNKNOWN, terms=("commitment_letter",), required=False),
            Question("joint_plan", Kind.RADIO, _("Heeft u samen een plan gemaakt?"), choices=YES_NO_UNKNOWN,
                     required=False),
        ),
    ),
    Step(
        slug="keten-omvang",
        title=_("Hoe groot is de keten, en waar wordt verwerkt?"),
        section=Section.CHAIN,
        applies=wants_chain,
        questions=(
            Question("chain_scale", Kind.RADIO, _("Hoe groot is de keten?"), choices=Scale.CHOICES,
                     required=False),
            Question("processing_in_province", Kind.RADIO,
                     _("Vindt de verwerking plaats in uw eigen provincie?"), choices=YES_NO_UNKNOWN,
                     required=False),
        ),
    ),
    Step(
        slug="keten-complexiteit",
        title=_("Wat maakt de samenwerking ingewikkeld?"),
        section=Section.CHAIN,
        applies=wants_chain,
        questions=(
            Question("complexity", Kind.CHECKBOXES, _("Wat maakt de samenwerking ingewikkeld? (niet verplicht)"),
                     hint=_("Kies wat voor u geldt. U mag ook niets kiezen."),
                     choices=v.ComplexityFactor.choices, terms=("waste_status",), required=False),
        ),
    ),
    Step(
        slug="regelgeving",
        title=_("Welke regel zit u in de weg?"),
        section=Section.REGULATION,
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
)

# Not an intake step: the form of the contact request, asked only when the entrepreneur asks for contact
# (domain §8.1 q11). Seeing the route needs none of it, and consent is never a condition for the route.
CONTACT_STEP = Step(
    slug="contact",
    title=_("Uw contactgegevens"),
    section=Section.CONTACT,
    questions=(
        Question("contact_name", Kind.TEXT, _("Uw naam"), autocomplete="name",
                 error_required=_("Vul uw naam in")),
        Question("email", Kind.EMAIL, _("E-mailadres"), autocomplete="email", max_length=254,
                 hint=_("Hierop krijgt u de bevestiging met uw nummer."),
                 error_required=_("Vul uw e-mailadres in, zoals naam@bedrijf.nl")),
        Question("phone", Kind.PHONE, _("Telefoonnummer (niet verplicht)"), autocomplete="tel",
                 required=False, max_length=30),
        Question("preferred_contact", Kind.RADIO, _("Hoe wilt u het liefst contact?"), choices=Contact.CHOICES,
                 error_required=_("Kies hoe u het liefst contact wilt")),
        Question("consent_share", Kind.CONSENT,
                 _("Ik vind het goed dat het loket mijn antwoorden, mijn route en deze contactgegevens gebruikt "
                   "om mij te helpen"),
                 hint=_("Het loket deelt uw gegevens alleen met partners als u dat goed vindt."),
                 error_required=_("Zet een vinkje als het loket uw gegevens mag gebruiken. Anders kan het loket "
                                  "geen contact met u opnemen.")),
        Question("followup_opt_in", Kind.OPT_IN,
                 _("U mag mij later een korte e-mail sturen met de vraag of de hulp heeft geholpen"),
                 required=False),
        # Issue 19: a separate, optional consent to pass the question on to a partner (journeys/referrals/).
        Question("referral_consent", Kind.OPT_IN,
                 _("Mijn vraag mag worden doorgestuurd naar een partner die kan helpen"),
                 hint=_("Bijvoorbeeld een Versnellingspartner of de omgevingsdienst. De partner krijgt dan uw naam, "
                        "uw contactgegevens en uw vraag. Zonder vinkje krijgt u zelf de gegevens van de partner."),
                 required=False),
    ),
)
CONTACT_KEYS = frozenset(CONTACT_STEP.keys)

STEPS_BY_SLUG = {step.slug: step for step in STEPS}
# Every question the portal asks, the contact form's included (the partner API takes them all).
QUESTIONS = {q.key: q for step in (*STEPS, CONTACT_STEP) for q in step.questions}
# The municipality is asked only when the postcode alone does not settle it (see forms.CompanyForm).
MUNICIPALITY_KEY = "municipality_code"
MAIN_STEPS = tuple(step for step in STEPS if not step.is_extra)


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


@dataclass(frozen=True)
class Progress:
    """Where a step sits: "Stap 3 van 10", or in an extra part "Samenwerken in de keten: vraag 2 van 5".

    The main steps are asked of everyone, so their total never changes. The extra parts (chain,
    regulation) come after them and are counted on their own: whether they apply is settled by the
    main steps, so no count changes while the entrepreneur moves forward.
    """

    number: int
    total: int
    part: Promise | str = ""  # the extra part's name, empty for a main step


def progress(answers: Answers, step: Step) -> Progress:
    if not step.is_extra:
        return Progress(MAIN_STEPS.index(step) + 1, len(MAIN_STEPS))
    part = [s for s in STEPS if s.section == step.section]
    return Progress(part.index(step) + 1, len(part), step.section)


def is_step_complete(step: Step, answers: Answers) -> bool:
    """Whether every required question of the step has an answer (optional ones may be empty)."""
    return all(q.key in answers for q in step.questions)


def first_incomplete_step(answers: Answers) -> Step | None:
    return next((step for step in applicable_steps(answers) if not is_step_complete(step, answers)), None)


def relevant_answers(answers: Answers) -> Answers:
    """The answers of steps that still apply: a skipped step's old answers must not count.

    Contact answers always stay: a draft from before the contact form moved out of the intake has
    them, and so has every partner API intake.
    """
    keys = {q.key for step in applicable_steps(answers) for q in step.questions} | {MUNICIPALITY_KEY} | CONTACT_KEYS
    return {key: value for key, value in answers.items() if key in keys}
