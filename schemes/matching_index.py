"""Index structures that let ``schemes.matching.match_schemes`` touch only what an intake can change.

The score of a scheme (docs/intake-rules.md, "Ranking") is a sum of independent parts. Everything that
depends only on the stage, the eligibility penalties and today's availability is folded into one *base*
list per combination (cached; intakes share a handful of combinations). What depends on the intake's
own codes is added through posting lists (scheme positions per theme, business area, barrier, sector),
so an intake costs work in proportion to the schemes that share its codes, not to the catalogue size.
Which schemes are candidates at all (national ones plus the regional ones for the intake's place,
minus SME-only ones for a large company) is a list per place, also cached.

Everything here is derived from a compiled ``Catalogue`` and never changes after it is built, apart from
the bounded caches, which only ever hold values that can be recomputed.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

MAX_CACHED = 256  # per cache; enough for every stage x penalty and place combination seen in a day


def _postings(masks: Sequence[int], width: int) -> list[tuple[int, ...]]:
    """For every bit, the (ascending) positions whose mask has it."""
    found: list[list[int]] = [[] for _ in range(width)]
    for position, mask in enumerate(masks):
        while mask:
            low = mask & -mask
            found[low.bit_length() - 1].append(position)
            mask ^= low
    return [tuple(positions) for positions in found]


@dataclass
class SchemeIndex:
    size: int
    themes: list[tuple[int, ...]]
    areas: list[tuple[int, ...]]
    barriers: list[tuple[int, ...]]
    sectors: list[tuple[int, ...]]
    national: tuple[int, ...]
    regional: tuple[int, ...]
    regional_by_province: dict[str, tuple[int, ...]]
    regional_by_municipality: dict[str, tuple[int, ...]]
    sme_strict: frozenset[int]  # SME-only without an allowance for large companies: out for a large company
    sector_restricted: frozenset[int]  # only for some sectors: hidden unless the intake shares one
    help: dict[str, tuple[int, ...]]  # per kind of help asked for, the positions that give it
    help_steps: dict[str, tuple[int, ...]]  # the same, by support step only
    _bases: dict = field(default_factory=dict)
    _places: dict = field(default_factory=dict)

    def base(self, key: tuple, build: Callable[[], tuple]) -> tuple:
        """The cached base scores (and groups) for ``key``; ``build`` computes them when missing."""
        found = self._bases.get(key)
        if found is None:
            if len(self._bases) >= MAX_CACHED:
                self._bases.clear()
            found = self._bases[key] = build()
        return found

    def place(self, *, province_code: str, municipality_code: str,
              large: bool) -> tuple[tuple[int, ...], frozenset, frozenset]:
        """(candidate positions ascending, regional positions that name the place, the candidates as a set)."""
        known = bool(province_code or municipality_code)
        if municipality_code not in self.regional_by_municipality:
            municipality_code = ""  # no scheme names it: share the province's entry
        key = (known, province_code, municipality_code, large)
        found = self._places.get(key)
        if found is None:
            if len(self._places) >= MAX_CACHED:
                self._places.clear()
            if known:
                named = frozenset(self.regional_by_province.get(province_code, ())).union(
                    self.regional_by_municipality.get(municipality_code, ()))
                candidates = sorted(named.union(self.national))
            else:
                # Place unknown: regional schemes stay in, without the regional bonus.
                named, candidates = frozenset(), range(self.size)
            if large:
                candidates = [p for p in candidates if p not in self.sme_strict]
            found = self._places[key] = (tuple(candidates), named, frozenset(candidates))
        return found


def build_index(schemes: Sequence, *, widths: dict[str, int], sme_strict: Callable[[object], bool],
                help_positions: dict[str, tuple[int, ...]],
                help_step_positions: dict[str, tuple[int, ...]]) -> SchemeIndex:
    """``schemes`` are CompiledSchemes in position order; ``widths`` the number of codes per dimension."""
    by_province: dict[str, list[int]] = {}
    by_municipality: dict[str, list[int]] = {}
    national, regional = [], []
    for s in schemes:
        if s.national:
            national.append(s.position)
            continue
        regional.append(s.position)
        for code in s.province_codes:
            by_province.setdefault(code, []).append(s.position)
        for code in s.municipality_codes:
            by_municipality.setdefault(code, []).append(s.position)
    return SchemeIndex(
        size=len(schemes),
        themes=_postings([s.themes for s in schemes], widths["themes"]),
        areas=_postings([s.areas for s in schemes], widths["areas"]),
        barriers=_postings([s.barriers for s in schemes], widths["barriers"]),
        sectors=_postings([s.sectors for s in schemes], widths["sectors"]),
        national=tuple(national),
        regional=tuple(regional),
        regional_by_province={code: tuple(p) for code, p in by_province.items()},
        regional_by_municipality={code: tuple(p) for code, p in by_municipality.items()},
        sme_strict=frozenset(s.position for s in schemes if sme_strict(s)),
        sector_restricted=frozenset(s.position for s in schemes if s.sectors),
        help=help_positions,
        help_steps=help_step_positions,
    )
