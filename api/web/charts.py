"""Server-side SVG charts for the explorer: per-year bars, a ranking, a country matrix.

Plain SVG strings, drawn where the data is, so the page needs no chart library
and no third-party JavaScript; every label is escaped.
"""

from __future__ import annotations

import html
from typing import Any

BAR_COLOURS = ("#1d3557", "#e63946")


def _esc(text: object) -> str:
    return html.escape(str(text))


def per_year_svg(years: list[dict[str, Any]]) -> str:
    """Agreements and new partnerships per year, as paired bars."""
    if not years:
        return '<p class="caption">No dated agreements in this selection.</p>'
    width, height, left, bottom, top = 640, 240, 36, 34, 24
    slot = (width - left - 10) / len(years)
    bar = max(2.0, min(18.0, slot / 2.6))
    peak = max(max(y["agreements"], y["new_partnerships"]) for y in years) or 1
    scale = (height - bottom - top) / peak
    parts = [
        f'<svg class="chart" id="chart-years" viewBox="0 0 {width} {height}" role="img" '
        'aria-label="agreements and new partnerships per year">',
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - 6}" y2="{height - bottom}" '
        'stroke="#8d99ae"/>',
        f'<text x="{left}" y="14" class="legend-text">'
        f'<tspan fill="{BAR_COLOURS[0]}">■</tspan> agreements '
        f'<tspan fill="{BAR_COLOURS[1]}">■</tspan> new partnerships (max {peak})</text>',
    ]
    every = max(1, len(years) // 12)  # at most about a dozen year labels
    for i, row in enumerate(years):
        x = left + i * slot + slot / 2
        for j, key in enumerate(("agreements", "new_partnerships")):
            h = row[key] * scale
            parts.append(
                f'<rect class="bar {key}" x="{x - bar + j * bar:.1f}" '
                f'y="{height - bottom - h:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                f'fill="{BAR_COLOURS[j]}"><title>{_esc(row["year"])}: {row[key]} '
                f"{key.replace('_', ' ')}</title></rect>"
            )
        if i % every == 0:
            parts.append(
                f'<text x="{x:.1f}" y="{height - bottom + 14}" text-anchor="middle" '
                f'class="axis">{_esc(row["year"])}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def ranking_svg(nodes: list[dict[str, Any]], metric: str, top: int = 10) -> str:
    """The ``top`` institutions by the size metric, as horizontal bars."""
    leaders = sorted(nodes, key=lambda n: (-n["score"], n["label"]))[:top]
    if not leaders:
        return ""
    width, row_h, label_w = 640, 22, 330
    height = row_h * len(leaders) + 8
    best = leaders[0]["score"] or 1.0
    parts = [
        f'<svg class="chart" id="chart-top" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="institutions with the highest {_esc(metric)}">'
    ]
    for i, node in enumerate(leaders):
        y = 4 + i * row_h
        w = (width - label_w - 60) * node["score"] / best
        label = node["label"] if len(node["label"]) <= 48 else node["label"][:47] + "…"
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end" class="axis">'
            f"{_esc(label)}<title>{_esc(node['label'])}</title></text>"
            f'<rect class="bar" x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row_h - 6}" '
            f'fill="{BAR_COLOURS[0]}"/>'
            f'<text x="{label_w + w + 4:.1f}" y="{y + 15}" class="axis">'
            f"{node['score']:.3g}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def country_matrix_svg(matrix: dict[str, Any]) -> str:
    """Partnerships between countries: a heat map, darker for more."""
    countries, counts = matrix["countries"], matrix["counts"]
    if len(countries) < 2:
        return '<p class="caption">Fewer than two countries in this selection.</p>'
    cell, left, top = 30, 40, 30
    size_w, size_h = left + cell * len(countries) + 6, top + cell * len(countries) + 6
    peak = max(max(row) for row in counts) or 1
    parts = [
        f'<svg class="chart" id="chart-countries" viewBox="0 0 {size_w} {size_h}" role="img" '
        'aria-label="partnerships between countries">'
    ]
    for i, code in enumerate(countries):
        parts.append(
            f'<text x="{left + i * cell + cell / 2}" y="{top - 8}" text-anchor="middle" '
            f'class="axis">{_esc(code)}</text>'
            f'<text x="{left - 6}" y="{top + i * cell + cell / 2 + 4}" text-anchor="end" '
            f'class="axis">{_esc(code)}</text>'
        )
        for j, count in enumerate(counts[i]):
            shade = 0.08 + 0.92 * count / peak if count else 0.0
            parts.append(
                f'<rect class="cell" x="{left + j * cell}" y="{top + i * cell}" '
                f'width="{cell - 2}" height="{cell - 2}" fill="#1d3557" '
                f'fill-opacity="{shade:.2f}" stroke="#d5dae1">'
                f"<title>{_esc(code)} and {_esc(countries[j])}: {count} partnership(s)"
                "</title></rect>"
            )
            if count:
                colour = "#fff" if shade > 0.5 else "#1d2330"
                cx, cy = left + j * cell + cell / 2 - 1, top + i * cell + cell / 2 + 3
                parts.append(
                    f'<text x="{cx}" y="{cy}" text-anchor="middle" class="count" '
                    f'fill="{colour}">{count}</text>'
                )
    parts.append("</svg>")
    return "".join(parts)
