"""A period's snapshot as a static SVG, drawn as the figures and the explorer draw it.

The lesson pages carry their own pictures rather than pointing at the
figures' PNG files, so a page works wherever it is copied and shows exactly
the period it describes: positions from :func:`network.output.layout.layout_for`,
colours, dashes, widths and marker sizes from :mod:`network.output.style` (through
:mod:`network.explorer.look`); a line that would pass over a node it does not
connect bends round it (:func:`network.explorer.look.routes`). Every text is escaped.

Examples
--------
>>> from network import load
>>> from network.report.lesson import lesson
>>> les = lesson(load("tests/data/mini.yaml"))
>>> svg = Drawing(load("tests/data/mini.yaml"), les).svg(les.pages[1])
>>> svg.startswith("<svg") and svg.count("<path") == 3 and "stroke-dasharray" in svg
True
"""

from __future__ import annotations

from html import escape
from typing import Any

from network.dataset.model import Dataset
from network.measures.camps import camp_key
from network.measures.centrality import centrality
from network.output.layout import LayoutCache, label_text
from network.report.lesson import Lesson, Page

__all__ = ["Drawing"]


def _f(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".")


class Drawing:
    """Draws the pages of one lesson on one scale (widths and sizes comparable across periods)."""

    def __init__(self, dataset: Dataset, lesson: Lesson, layouts: LayoutCache | None = None) -> None:
        from network.explorer.look import Scales, bends, look, positions

        nodes = sorted({n for p in lesson.pages for n in p.snapshot.graph})
        self.names = lesson.names
        self.poles = lesson.poles
        self.look: dict[str, Any] = look(lesson.poles, lesson.names)
        self.pos = positions(dataset, level=lesson.level, poles=lesson.poles, nodes=nodes, layouts=layouts)
        self.labels = {
            n: label_text(self.names.get(n, n), dataset.actors[n].aliases if n in dataset.actors else ())
            for n in nodes
        }
        snaps = [p.snapshot for p in lesson.pages]
        self.rows = {(r["period"], r["actor"]): r for r in centrality(snaps)}
        #: marker areas and line widths on one scale for every page, as the figures draw a set of snapshots
        self.scales = Scales.of(snaps, self.rows.values())
        # a line bends round the nodes it does not connect, each at its largest marker on any page
        self.bends = bends(self.pos, snaps, self.rows.values(), self.scales)
        from network.figures.data import label_priority, record_ties

        self.rank = {
            n: i for i, n in enumerate(label_priority(record_ties(dataset, lesson.level), lesson.poles, ""))
        }

    def _labels(self, page: Page) -> dict[str, tuple[float, float]]:
        """Where each label of ``page`` goes: actor -> (centre x, top y) in the drawing.

        As in the figures (:func:`network.output.layout.place_labels`): actors with ties
        first, each group by rank (the poles, then ties over the record); a label
        with no free place is left out.
        """
        from network.output.layout import label_box, place_labels, text_width
        from network.output.style import marker_radius

        L, v = self.look, self.look["view"]
        g = page.snapshot.graph
        markers, sizes = {}, {}
        for n in g:
            area = self.scales.area(self.rows.get((page.window.id, n)))
            x, y = self.pos[n]
            markers[n] = (x, -y, marker_radius(area))  # y grows upwards in place_labels
            text = self.labels[n]
            sizes[n] = (text_width(text) * 1.05 * L["font"], (text.count("\n") + 1) * L["font"] * L["line"])
        order = sorted(g, key=lambda n: (not g.nodes[n].get("active"), self.rank.get(n, len(self.rank)), n))
        gap = 0.3 * L["font"]
        sides = place_labels(markers, sizes, order, (0.0, v["width"], -v["height"], 0.0), gap, L["pad"])
        out = {}
        for n, side in sides.items():
            x0, _, x1, y1 = label_box(markers[n][0], markers[n][1], markers[n][2] + L["pad"], *sizes[n], side)
            out[n] = ((x0 + x1) / 2, -y1)
        return out

    def svg(self, page: Page) -> str:
        """The snapshot of ``page`` as an ``<svg>`` element (with a title and a text description)."""
        from network.output.style import marker_radius

        L, v = self.look, self.look["view"]
        g = page.snapshot.graph
        out = [
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_f(v["width"])} {_f(v["height"])}" '
            f'role="img" aria-labelledby="t-{page.slug}" class="snapshot">',
            f'<title id="t-{page.slug}">{escape(page.window.label)}: {page.cooperative} cooperative and '
            f"{page.hostile} hostile pairs</title>",
        ]
        edges = sorted(
            g.edges(data=True), key=lambda e: (abs(e[2]["weight"]), min(e[0], e[1]), max(e[0], e[1]))
        )
        for u, w, d in edges:
            style = L["sign"][str(d["sign"])]
            width = self.scales.width(d["weight"])
            dash = " ".join(_f(x * width) for x in style["dash"])
            (x1, y1), (x2, y2) = self.pos[u], self.pos[w]
            bend = self.bends.get((min(u, w), max(u, w)))  # a curve is the same drawn either way round
            via = "L" if bend is None else f"Q{_f(bend[0])} {_f(bend[1])} "
            out.append(
                f'<path d="M{_f(x1)} {_f(y1)} {via}{_f(x2)} {_f(y2)}" fill="none" stroke="{style["colour"]}" '
                f'stroke-opacity="{style["alpha"]}" stroke-width="{_f(width)}"'
                + (f' stroke-dasharray="{dash}"' if dash else "")
                + "/>"
            )
        out.append(
            f'<g font-size="{_f(L["font"])}" font-family="DejaVu Sans, sans-serif" text-anchor="middle">'
        )
        spots = self._labels(page)
        for n in sorted(g, key=lambda n: bool(g.nodes[n].get("active"))):
            row = self.rows.get((page.window.id, n))
            x, y = self.pos[n]
            r = marker_radius(self.scales.area(row))
            if row is None:
                fill, opacity, ink = (
                    L["bloc"]["none"]["colour"],
                    L["inactive"]["alpha"],
                    L["inactive"]["label"],
                )
            else:
                fill = L["bloc"][camp_key(page.balance.camp_of[n], self.poles)]["colour"]
                opacity, ink = 1.0, L["node"]["label"]
            stroke = L["node"]["pole_width"] if n in self.poles else L["node"]["width"]
            out.append(
                f'<g opacity="{_f(opacity)}"><circle cx="{_f(x)}" cy="{_f(y)}" r="{_f(r)}" fill="{fill}" '
                f'stroke="{L["node"]["edge"]}" stroke-width="{_f(stroke)}"/>'
            )
            if n not in spots:  # no room for its label on this page
                out.append("</g>")
                continue
            centre, top = spots[n]
            lines, step = self.labels[n].split("\n"), _f(L["font"] * L["line"])
            spans = "".join(
                f'<tspan x="{_f(centre)}" dy="{0 if i == 0 else step}">{escape(t)}</tspan>'
                for i, t in enumerate(lines)
            )
            out.append(
                f'<text x="{_f(centre)}" y="{_f(top + L["font"] * 0.8)}" fill="{ink}" stroke="#fff" '
                f'stroke-width="3" paint-order="stroke">{spans}</text></g>'
            )
        out.append("</g></svg>")
        return "\n".join(out)
