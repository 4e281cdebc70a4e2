"""The shared vocabulary of the portal: journey stages, themes, sectors, barriers and the like.

Codes are stored in the database and the API; labels are Dutch and translated through i18n.
Sources (see ../shared/domain.md): stages [002]; themes [000][001][002]; business areas [002];
sectors [003][004]; drivers [001][002]; barriers, the "rode draden" [001] and [004].
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    STARTER = "starter", _("Starter")
    PELOTON = "peloton", _("Peloton")
    FRONTRUNNER = "frontrunner", _("Koploper")


class SelfAssessment(models.TextChoices):
    """Question 3 of the intake: where the company says it stands [002]."""

    ORIENTING = "orienting", _("Ik oriënteer me: ik wil informatie en voorbeelden")
    INVESTIGATING = "investigating", _("Ik zie kansen en wil maatregelen onderzoeken of invoeren")
    CIRCULAR = "circular", _("Wij werken al circulair en zoeken specialistische kennis of willen onze keten veranderen")


class Theme(models.TextChoices):
    KNOWLEDGE = "knowledge", _("Kennis")
    NETWORKS = "networks", _("Netwerk en partners")
    FINANCING = "financing", _("Financiering")
    REGULATION = "regulation", _("Wet- en regelgeving")
    CHAIN = "chain", _("Ketensamenwerking")
    PROCUREMENT = "procurement", _("Inkoop en marktvraag")
    CHAIN_DATA = "chain_data", _("Ketendata en impact meten")
    IMVO = "imvo", _("IMVO en due diligence")


class BusinessArea(models.TextChoices):
    PURCHASING = "purchasing", _("Inkoop")
    PRODUCT_DESIGN = "product_design", _("Productontwerp")
    PRODUCTION = "production", _("Productieproces")
    LIFE_EXTENSION = "life_extension", _("Langer gebruik van producten")
    REUSE = "reuse", _("Hergebruik van producten en onderdelen")
    RECYCLING = "recycling", _("Recycling")
    CHAIN_COOPERATION = "chain_cooperation", _("Ketensamenwerking")
    REVENUE_MODEL = "revenue_model", _("Nieuw verdienmodel, zoals product als dienst")


class Sector(models.TextChoices):
    BIOMASS_FOOD = "biomass_food", _("Biomassa en voedsel")
    PLASTICS = "plastics", _("Kunststoffen")
    MANUFACTURING = "manufacturing", _("Maakindustrie")
    CONSTRUCTION = "construction", _("Bouw, grond-, weg- en waterbouw")
    CONSUMER_GOODS = "consumer_goods", _("Consumptiegoederen")
    RETAIL_WHOLESALE = "retail_wholesale", _("Groot- en detailhandel")
    LOGISTICS = "logistics", _("Logistiek")
    AGRICULTURE = "agriculture", _("Landbouw")
    HEALTHCARE = "healthcare", _("Zorg")
    WASTE_WATER = "waste_water", _("Afval en water")
    HOSPITALITY = "hospitality", _("Horeca")
    TEXTILES = "textiles", _("Textiel")
    FURNITURE = "furniture", _("Meubels")
    ELECTRONICS = "electronics", _("Elektronica")
    OTHER = "other", _("Anders")


class Driver(models.TextChoices):
    SUPPLY_SECURITY = "supply_security", _("Leveringszekerheid en prijzen van grondstoffen")
    MARKET_PRESSURE = "market_pressure", _("Vraag van klanten, financiers of de samenleving")
    UPCOMING_RULES = "upcoming_rules", _("Nieuwe regels die eraan komen")
    BUSINESS_CASE = "business_case", _("Een nieuwe businesscase")
    COST_SAVING = "cost_saving", _("Kosten besparen")
    ENVIRONMENT = "environment", _("Minder schade aan het milieu")


class Barrier(models.TextChoices):
    FIND_PARTNERS = "find_partners", _("Ik vind geen partners")
    CONFLICTING_INTERESTS = "conflicting_interests", _("Partners hebben andere commerciële belangen")
    COMPETITION_LAW = "competition_law", _("Zorgen over het mededingingsrecht")
    NO_ADDED_VALUE = "no_added_value", _("Partners zien er geen meerwaarde in")
    NO_CAPACITY = "no_capacity", _("Te weinig tijd of mensen")
    NO_CHAIN_DATA = "no_chain_data", _("Geen zicht op gegevens in de keten")
    NEED_SUPERVISOR = "need_supervisor", _("Wij hebben een procesbegeleider nodig")
    BENEFIT_SHARING = "benefit_sharing", _("Onduidelijk hoe we kosten en baten verdelen")
    FINANCING = "financing", _("De financiering lukt niet")
    LINEAR_CHEAPER = "linear_cheaper", _("De lineaire oplossing is goedkoper")
    REGULATION = "regulation", _("Regels of de afvalstatus")
    KNOWLEDGE = "knowledge", _("Te weinig kennis")


# Which "rode draad" of Rode Draden 2023 [001] (or barrier category of [004]) each barrier belongs to;
# used by the yearly barrier report.
BARRIER_RODE_DRAAD = {
    Barrier.FIND_PARTNERS: "institutional",
    Barrier.CONFLICTING_INTERESTS: "RD3",
    Barrier.COMPETITION_LAW: "RD3",
    Barrier.NO_ADDED_VALUE: "RD3",
    Barrier.NO_CAPACITY: "RD3",
    Barrier.NO_CHAIN_DATA: "RD4",
    Barrier.NEED_SUPERVISOR: "RD5",
    Barrier.BENEFIT_SHARING: "RD6",
    Barrier.FINANCING: "economic",
    Barrier.LINEAR_CHEAPER: "economic",
    Barrier.REGULATION: "regulation",
    Barrier.KNOWLEDGE: "knowledge",
}


class CompanySize(models.TextChoices):
    MICRO = "micro", _("Micro (minder dan 10 medewerkers)")
    SMALL = "small", _("Klein (10 tot 50 medewerkers)")
    MEDIUM = "medium", _("Middelgroot (50 tot 250 medewerkers)")
    LARGE = "large", _("Groot (250 medewerkers of meer)")


SME_SIZES = frozenset({CompanySize.MICRO, CompanySize.SMALL, CompanySize.MEDIUM})


class ChainRole(models.TextChoices):
    """Links of a product or material chain (inference: the documents name no fixed list)."""

    SUPPLIER = "supplier", _("Leverancier van grondstof of materiaal")
    DESIGNER = "designer", _("Ontwerper")
    PRODUCER = "producer", _("Producent")
    TRADER = "trader", _("Handel of distributie")
    USER = "user", _("Gebruiker of afnemer")
    COLLECTOR = "collector", _("Inzameling")
    RECYCLER = "recycler", _("Verwerker of recycler")
    SERVICE = "service", _("Dienstverlener")


class Material(models.TextChoices):
    BIOMASS = "biomass", _("Biomassa")
    WOOD = "wood", _("Hout")
    TEXTILES = "textiles", _("Textiel")
    PLASTICS = "plastics", _("Kunststof")
    METALS = "metals", _("Metalen")
    MINERALS = "minerals", _("Mineralen")
    NUTRIENTS = "nutrients", _("Nutriënten")
    OTHER = "other", _("Anders")


class ChainScale(models.TextChoices):
    LOCAL = "local", _("Lokaal")
    REGIONAL = "regional", _("Regionaal")
    NATIONAL = "national", _("Landelijk")
    INTERNATIONAL = "international", _("Internationaal")


class ComplexityFactor(models.TextChoices):
    TECHNICAL = "technical", _("Technisch ingewikkeld")
    CROSS_SECTOR = "cross_sector", _("Over sectoren heen")
    IP = "ip", _("Vertrouwelijkheid of intellectueel eigendom")
    WASTE_LAW = "waste_law", _("Afvalwetgeving (afvalstatus)")


class JourneyStep(models.IntegerChoices):
    """The six support steps of the action agenda [002]."""

    INFORM = 1, _("Informeren")
    INSPIRE = 2, _("Inspireren")
    IDENTIFY = 3, _("Kansen vinden")
    IMPLEMENT = 4, _("Maatregelen invoeren")
    EMBED = 5, _("Verankeren in het bedrijf")
    CHAIN = 6, _("Ketensamenwerking")


class SchemeKind(models.TextChoices):
    SUBSIDY = "subsidy", _("Subsidie")
    VOUCHER = "voucher", _("Voucher")
    ADVICE = "advice", _("Advies")
    WORKSHOP = "workshop", _("Workshop of training")
    NETWORK = "network", _("Netwerk")
    PROCESS_SUPPORT = "process_support", _("Procesbegeleiding of ketenregie")
    FINANCING = "financing", _("Financiering")
    KNOWLEDGE_TOOL = "knowledge_tool", _("Kennis of hulpmiddel")


class Requirement(models.TextChoices):
    """Documents and conditions a scheme can require; matched against the intake's chain answers."""

    CHAIN_DIRECTOR = "chain_director", _("Een ketenregisseur of procesbegeleider")
    COMMITMENT_LETTER = "commitment_letter", _("Een getekende intentieverklaring (letter of commitment)")
    AMBITION_DOCUMENT = "ambition_document", _("Een getekend ambitiedocument")
    JOINT_PLAN = "joint_plan", _("Een gezamenlijk plan")
    EXISTING_COOPERATION = "existing_cooperation", _("Een samenwerking in de keten die al gestart is")
    NPCE_CONTRIBUTION = "npce_contribution", _("Een bijdrage aan de doelen van het NPCE")
    PROCESSING_IN_REGION = "processing_in_region", _("Verwerking in de provincie van de regeling")
    DE_MINIMIS = "de_minimis", _("Een de-minimisverklaring")


class Allocation(models.TextChoices):
    FIRST_COME = "first_come", _("Wie het eerst komt, het eerst maalt")
    SELECTION = "selection", _("Selectie")
    NOT_APPLICABLE = "not_applicable", _("Niet van toepassing")
    UNKNOWN = "unknown", _("Onbekend")


class BudgetStatus(models.TextChoices):
    UPCOMING = "upcoming", _("Nog niet open")
    OPEN = "open", _("Open")
    ALMOST_FULL = "almost_full", _("Bijna vol")
    EXHAUSTED = "exhausted", _("Budget op")
    UNKNOWN = "unknown", _("Onbekend")


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("Concept")
    PUBLISHED = "published", _("Gepubliceerd")
    ARCHIVED = "archived", _("Gearchiveerd")


class Offer(models.TextChoices):
    """Whether a scheme is something you apply for, a plan that does not exist yet, or help you just use."""

    APPLY = "apply", _("Iets om aan te vragen")
    PLAN = "plan", _("Een plan (nog niet aan te vragen)")
    NO_APPLICATION = "no_application", _("Niets om aan te vragen (informatie, norm, netwerk)")


class GeographicScope(models.TextChoices):
    NATIONAL = "national", _("Heel Nederland")
    REGIONAL = "regional", _("Alleen in bepaalde provincies of gemeenten")


def label(choices: type[models.Choices], code: str) -> str:
    """The (translated) label of a code, or the code itself when it is no longer in the vocabulary."""
    try:
        return choices(code).label
    except ValueError:
        return code


def labels(choices: type[models.Choices], codes: list) -> list[str]:
    return [label(choices, code) for code in codes]
