"""Which provinces border which: the catalogue's geography has no adjacency, so it is written down here.

Land borders of the twelve provinces (CBS codes), plus Noord-Holland and Fryslân, which the Afsluitdijk
joins by road. This is general geography, not a fact from the domain documents; the choice is noted in
docs/consortia.md. A code not in the table (a test province) has no neighbours.
"""

from journeys.models.consortia import RegionScope

_BORDERS = {
    "PV20": {"PV21", "PV22"},  # Groningen: Fryslân, Drenthe
    "PV21": {"PV20", "PV22", "PV23", "PV24", "PV27"},  # Fryslân
    "PV22": {"PV20", "PV21", "PV23"},  # Drenthe
    "PV23": {"PV21", "PV22", "PV24", "PV25"},  # Overijssel
    "PV24": {"PV21", "PV23", "PV25", "PV26", "PV27"},  # Flevoland
    "PV25": {"PV23", "PV24", "PV26", "PV28", "PV30", "PV31"},  # Gelderland
    "PV26": {"PV24", "PV25", "PV27", "PV28"},  # Utrecht
    "PV27": {"PV21", "PV24", "PV26", "PV28"},  # Noord-Holland
    "PV28": {"PV25", "PV26", "PV27", "PV29", "PV30"},  # Zuid-Holland
    "PV29": {"PV28", "PV30"},  # Zeeland
    "PV30": {"PV25", "PV28", "PV29", "PV31"},  # Noord-Brabant
    "PV31": {"PV25", "PV30"},  # Limburg
}


def neighbours(code: str) -> frozenset[str]:
    return frozenset(_BORDERS.get(code, ()))


def accepts(*, scope: str, own: str | None, other: str | None) -> bool:
    """Whether a company in ``own`` that wants to work in ``scope`` accepts a partner in ``other``."""
    if scope == RegionScope.NATIONAL:
        return True
    if not own or not other:
        return False
    if own == other:
        return True
    return scope == RegionScope.NEIGHBOURING and other in _BORDERS.get(own, ())


def reachable(*, scope: str, own: str | None) -> frozenset[str] | None:
    """The provinces a profile accepts partners from; None means every province."""
    if scope == RegionScope.NATIONAL:
        return None
    if not own:
        return frozenset()
    return frozenset({own}) | (neighbours(own) if scope == RegionScope.NEIGHBOURING else frozenset())


# Guard: the table is symmetric (a border is a border both ways).
assert all(a in _BORDERS[b] for a, bs in _BORDERS.items() for b in bs)
