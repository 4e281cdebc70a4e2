from schemes.models.catalogue import ApplicationRound, Scheme
from schemes.models.geography import Municipality, PostcodeArea, Province
from schemes.models.hubs import Hub, Organisation
from schemes.models.partners import PartnerKind, PartnerOrganisation

__all__ = [
    "ApplicationRound", "Hub", "Municipality", "Organisation", "PartnerKind", "PartnerOrganisation", "PostcodeArea",
    "Province", "Scheme",
]
