"""CSV export of one figure: the same rows, columns and suppression markers as the table on the page."""

from __future__ import annotations

import csv
import io

from journeys.insights.figures import Figure


def figure_csv(figure: Figure) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(["code", str(figure.label_header), *(str(column) for column in figure.columns)])
    for row in figure.rows:
        writer.writerow([row.code, _safe(row.label), *(_safe(cell.csv_value) for cell in row.cells)])
    return buffer.getvalue()


def _safe(value: str) -> str:
    """Keep spreadsheet programs from running a label as a formula (CSV injection)."""
    value = str(value)
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value
