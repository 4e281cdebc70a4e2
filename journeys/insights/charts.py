"""Server-rendered SVG bar charts drawn from a Figure.

Each series has its own fill pattern as well as its own shade, and every bar carries its number as text,
so nothing depends on colour. The chart is an image (``role="img"``); the figure's table next to it is the
accessible alternative and holds the same numbers.
"""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from journeys.insights.figures import Figure

WIDTH = 480
LABEL_H = 20
BAR_H = 18
GAP = 12
TEXT_W = 80  # room for the number after the longest bar
# (fill, pattern id or "") per series: solid, hatched, dotted.
SERIES = [("#0b5d3b", ""), ("#5c8f79", "hatch"), ("#b7d3c6", "dots")]

_DEFS = (
    '<defs>'
    '<pattern id="{p}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
    '<rect width="6" height="6" fill="#5c8f79"/><line x1="0" y1="0" x2="0" y2="6" stroke="#fff" stroke-width="2"/>'
    '</pattern>'
    '<pattern id="{p}-dots" width="6" height="6" patternUnits="userSpaceOnUse">'
    '<rect width="6" height="6" fill="#b7d3c6"/><circle cx="3" cy="3" r="1.3" fill="#1a1a1a"/>'
    '</pattern>'
    '</defs>'
)


def _fill(series: int, prefix: str) -> str:
    colour, pattern = SERIES[series % len(SERIES)]
    return f"url(#{prefix}-{pattern})" if pattern else colour


def chart_svg(figure: Figure) -> SafeString:
    if figure.chart is None or figure.is_empty:
        return mark_safe("")
    if figure.chart.kind == "stacked":
        return _stacked(figure)
    return _bars(figure)


def _open(figure: Figure, height: int) -> list[str]:
    prefix = f"chart-{figure.name}"
    return [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" '
        f'aria-labelledby="{prefix}-title" focusable="false" preserveAspectRatio="xMinYMin meet">',
        f'<title id="{prefix}-title">{escape(figure.title)}. {escape(_("De cijfers staan ook in de tabel."))}</title>',
        _DEFS.format(p=prefix),
    ]


def _legend(figure: Figure, y: int, *, gap: bool = False) -> list[str]:
    prefix = f"chart-{figure.name}"
    parts, x = [], 0
    for series, column in enumerate(figure.chart.columns):
        label = str(figure.columns[column])
        parts.append(f'<rect x="{x}" y="{y}" width="14" height="14" fill="{_fill(series, prefix)}" stroke="#1a1a1a"/>')
        parts.append(f'<text x="{x + 20}" y="{y + 12}" class="chart-text">{escape(label)}</text>')
        x += 34 + 8 * len(label)
    if gap:
        label = _("niet getoond")
        parts.append(f'<rect x="{x}" y="{y}" width="14" height="14" fill="#fff" stroke="#1a1a1a"/>')
        parts.append(f'<text x="{x + 20}" y="{y + 12}" class="chart-text">{escape(label)}</text>')
    return parts


def _bars(figure: Figure) -> SafeString:
    columns = figure.chart.columns
    percent = figure.chart.unit == "percent"
    values = [row.cells[c].value or 0 for row in figure.rows for c in columns if row.cells[c].shown]
    top = 100 if percent else max(values, default=0) or 1
    row_h = LABEL_H + BAR_H * len(columns) + GAP
    legend_h = 26 if len(columns) > 1 else 0
    height = legend_h + row_h * len(figure.rows)
    prefix = f"chart-{figure.name}"
    parts = _open(figure, height)
    if legend_h:
        parts += _legend(figure, 0)
    scale = WIDTH - TEXT_W
    for i, row in enumerate(figure.rows):
        y = legend_h + i * row_h
        parts.append(f'<text x="0" y="{y + 15}" class="chart-label">{escape(row.label)}</text>')
        for series, column in enumerate(columns):
            cell = row.cells[column]
            by = y + LABEL_H + series * BAR_H
            width = round(scale * (cell.value or 0) / top, 1) if cell.shown else 0
            if width:
                parts.append(
                    f'<rect x="0" y="{by}" width="{width}" height="{BAR_H - 2}" fill="{_fill(series, prefix)}" '
                    'stroke="#1a1a1a" stroke-width="0.5"/>'
                )
            parts.append(f'<text x="{width + 6}" y="{by + 14}" class="chart-text">{escape(str(cell))}</text>')
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def _stacked(figure: Figure) -> SafeString:
    """One 100% bar per row. Parts hidden for privacy stay an empty, outlined gap: never a false 100%."""
    chart = figure.chart
    row_h = LABEL_H + BAR_H + GAP
    height = 26 + row_h * len(figure.rows)
    prefix = f"chart-{figure.name}"
    parts = [*_open(figure, height), *_legend(figure, 0, gap=chart.total_column is not None)]
    for i, row in enumerate(figure.rows):
        y = 26 + i * row_h
        cells = [row.cells[c] for c in chart.columns]
        shown_sum = sum(cell.value or 0 for cell in cells if cell.shown)
        total_cell = row.cells[chart.total_column] if chart.total_column is not None else None
        total = total_cell.value if total_cell is not None and total_cell.shown else shown_sum
        parts.append(f'<text x="0" y="{y + 15}" class="chart-label">{escape(row.label)}</text>')
        if not total:
            parts.append(f'<text x="0" y="{y + LABEL_H + 14}" class="chart-text">{escape(_("geen cijfers"))}</text>')
            continue
        parts.append(
            f'<rect x="0" y="{y + LABEL_H}" width="{WIDTH}" height="{BAR_H}" fill="#fff" stroke="#1a1a1a" '
            'stroke-width="0.5"/>'
        )
        x = 0.0
        for series, cell in enumerate(cells):
            if not cell.shown or not cell.value:
                continue
            width = WIDTH * cell.value / total
            parts.append(
                f'<rect x="{round(x, 1)}" y="{y + LABEL_H}" width="{round(width, 1)}" height="{BAR_H}" '
                f'fill="{_fill(series, prefix)}" stroke="#1a1a1a" stroke-width="0.5"/>'
            )
            if width > 44 and series == 0:
                parts.append(
                    f'<text x="{round(x + 4, 1)}" y="{y + LABEL_H + 14}" class="chart-text chart-text--on-dark">'
                    f'{round(100 * cell.value / total)}%</text>'
                )
            x += width
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
