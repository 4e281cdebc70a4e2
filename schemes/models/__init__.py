from schemes.models.catalogue import ApplicationRound, Scheme
from schemes.models.geography import Municipality, PostcodeArea, Province
from schemes.models.hubs import Hub, Organisation

__all__ = ["ApplicationRound", "Hub", "Municipality", "Organisation", "PostcodeArea", "Province", "Scheme"]
