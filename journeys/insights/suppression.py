"""Small-group suppression: no group of fewer than five companies is shown on its own.

The rule (see docs/insights.md):
- primary: a count of 1 to 4 is shown as "< 5" (0 is shown, it describes nobody);
- secondary, for figures whose rows add up to a total that is also shown (a partition such as outcomes or
  stages): when exactly one cell of the partition is primary-suppressed, the smallest other cell is hidden too
  ("verborgen"), so the small one cannot be found by subtracting the others from the total;
- averages, medians and shares are hidden when they rest on fewer than five answers.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

MIN_GROUP = 5

SMALL_LABEL = _("< 5")
HIDDEN_LABEL = _("verborgen")


@dataclass(frozen=True)
class Cell:
    """One figure in a table. ``value`` is None when it is unknown or hidden."""

    value: int | float | None
    kind: str = "count"  # count, percent, days, rating, text
    suppressed: str = ""  # "", "small" or "hidden"
    text: str = ""

    @property
    def shown(self) -> bool:
        return not self.suppressed and self.value is not None

    def __str__(self) -> str:
        if self.suppressed == "small":
            return str(SMALL_LABEL)
        if self.suppressed == "hidden":
            return str(HIDDEN_LABEL)
        if self.kind == "text":
            return self.text
        if self.value is None:
            return "\u2013"
        if self.kind == "percent":
            return f"{_round(self.value, 0)}%"
        if self.kind in ("days", "rating"):
            return str(_round(self.value, 1)).replace(".", ",")
        return str(int(self.value))

    @property
    def csv_value(self) -> str:
        """Numbers without units or Dutch formatting, so spreadsheets read them as numbers."""
        if self.suppressed == "small":
            return "<5"
        if self.suppressed == "hidden":
            return "verborgen"
        if self.kind == "text":
            return self.text
        if self.value is None:
            return ""
        if self.kind == "percent":
            return str(_round(self.value, 0))
        if self.kind in ("days", "rating"):
            return str(_round(self.value, 1))
        return str(int(self.value))


def _round(value: float, places: int) -> Decimal:
    quantum = Decimal(1).scaleb(-places)
    return Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)


def count_cell(value: int) -> Cell:
    if 0 < value < MIN_GROUP:
        return Cell(None, suppressed="small")
    return Cell(value)


def partition_cells(values: list[int]) -> list[Cell]:
    """Counts that add up to a shown total, with primary and secondary suppression."""
    cells = [count_cell(value) for value in values]
    small = [i for i, cell in enumerate(cells) if cell.suppressed]
    if len(small) == 1:
        others = [i for i, cell in enumerate(cells) if not cell.suppressed]
        if others:
            # Prefer the smallest non-zero cell: hiding a 0 would still let "total - shown" be the small one.
            nonzero = [i for i in others if values[i] > 0]
            pick = min(nonzero or others, key=lambda i: values[i])
            cells[pick] = Cell(None, suppressed="hidden")
    return cells


def measure_cell(value: float | None, *, basis: int, kind: str) -> Cell:
    """An average, median or share: only shown when at least five answers are behind it."""
    if basis < MIN_GROUP:
        return Cell(None, kind=kind, suppressed="small" if basis else "")
    return Cell(value, kind=kind)


def share_cell(part: int, whole: int) -> Cell:
    if whole < MIN_GROUP:
        return Cell(None, kind="percent", suppressed="small" if whole else "")
    return Cell(100 * part / whole, kind="percent")


def partition_shares(counts: list[int], cells: list[Cell]) -> list[Cell]:
    """Percentages of a partition; a hidden count keeps its percentage hidden too."""
    total = sum(counts)
    return [
        Cell(None, kind="percent", suppressed=cell.suppressed) if cell.suppressed
        else share_cell(count, total)
        for count, cell in zip(counts, cells, strict=True)
    ]
