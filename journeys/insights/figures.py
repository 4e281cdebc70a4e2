"""A figure is one table of numbers; the page, its chart and its CSV export are all drawn from it."""

from __future__ import annotations

from dataclasses import dataclass, field

from journeys.insights.suppression import Cell


@dataclass(frozen=True)
class Row:
    label: str
    cells: list[Cell]
    code: str = ""  # stable code for CSV (vocabulary code, slug, "2025-03"), empty for totals


@dataclass(frozen=True)
class Chart:
    """How to draw the figure: ``bars`` of one column, or ``stacked`` shares of several columns per row."""

    kind: str  # "bars" or "stacked"
    columns: tuple[int, ...] = (0,)
    unit: str = "count"  # count or percent
    total_column: int | None = None  # stacked: the row's total, so hidden small parts stay visible as a gap


@dataclass
class Figure:
    name: str
    title: str
    label_header: str
    columns: list[str]
    rows: list[Row]
    summary: str = ""
    notes: list[str] = field(default_factory=list)
    chart: Chart | None = None
    group: str = ""  # a sub-heading when one figure has several tables (e.g. per province)

    @property
    def is_empty(self) -> bool:
        return not self.rows

    @property
    def headers(self) -> list[tuple[str, bool]]:
        """(column header, holds numbers) for the table."""
        first = self.rows[0].cells if self.rows else []
        return [(column, i < len(first) and first[i].kind != "text") for i, column in enumerate(self.columns)]
