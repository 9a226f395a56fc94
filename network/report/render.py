"""The lesson as files: an index with the time line and one page per period, in HTML and in Markdown.

Each period's picture is an SVG drawn for it (:mod:`network.report.svg`):
inline in the HTML page, and beside the Markdown page as
``snapshot-<period>.svg``, so the pages need nothing else and the folder can
be copied anywhere. Every text from the data is escaped.

Examples
--------
>>> import tempfile, pathlib
>>> from network import load
>>> paths = write_report(load("tests/data/mini.yaml"), pathlib.Path(tempfile.mkdtemp()))
>>> sorted(p.name for p in paths)[:4]
['crisis.html', 'crisis.md', 'index.html', 'index.md']
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from html import escape
from importlib import resources
from pathlib import Path

from network.dataset.model import Dataset
from network.measures.balance import PartitionCache
from network.measures.camps import CAMP_EXPLAINED, camp_key, legend_text
from network.measures.centrality import RANK_BY
from network.output.atomic import write_text
from network.output.layout import LayoutCache
from network.output.measure_names import measure_title, measure_words
from network.report.lesson import Change, Lesson, Page, TieNote, lesson
from network.report.svg import Drawing

__all__ = ["write_report", "html_pages", "markdown_pages", "DEFAULT_OUT"]

DEFAULT_OUT = "figures/report"
#: The centrality columns of a page's "Who was most central" table: the ranking first, others beside it.
CENTRAL_COLUMNS = (RANK_BY, "ties", "degree_pos", "degree_neg", "pn")
_RANK_NOTE = (
    f"Ranked by {measure_title(RANK_BY).lower()}, the ranking every output of this package uses; "
    "equal totals "
    'go to the actor with more ties. The other columns are other ways to read "central":'
)


def _central_cell(row: dict, key: str) -> str:
    """A centrality value as a page shows it: counts and weights as they are, indices to 2 decimals."""
    value = row[key]
    if value is None:
        return "\u2013"
    if key in ("pn", "betweenness", "eigenvector", "pagerank"):
        return f"{value:.2f}"
    return f"{value:g}"


_KINDS = {
    "flipped": "Flipped (cooperation turned to hostility, or back)",
    "formed": "Formed (no tie before)",
    "broken": "Broken (no tie any more)",
    "strengthened": "Strengthened",
    "weakened": "Weakened",
}
_LEVELS = {
    "state": "state level: persons' and parties' ties counted with their state",
    "person": "person level: every actor as the source names it",
}


def _w(x: float | None) -> str:
    return "none" if x is None else f"{x:+g}"


def _share(x: float | None) -> str:
    return "no triangles" if x is None else f"{x:.0%}"


def _period_dates(page: Page) -> str:
    w = page.window
    return f"{w.lower:%d %B %Y} to {w.upper:%d %B %Y}".replace(" 0", " ").lstrip("0")


def _tie_line(n: TieNote) -> tuple[str, str, str]:
    """Head, evidence and citation of a tie, as plain text."""
    arrow = "cooperative" if n.sign > 0 else "hostile"
    head = f"{n.source} → {n.target}: {n.type} ({arrow}), {n.when}"
    if n.confidence != "stated":
        head += f", {n.confidence}"
    return head, n.evidence, n.citation or "no citation"


def _change_title(c: Change) -> str:
    return f"{c.names[0]} – {c.names[1]}: net weight {_w(c.weight_before)} → {_w(c.weight_now)}"


# --------------------------------------------------------------------------- HTML


def _css() -> str:
    """The pages' style sheet: report.css with ``@positive@`` and ``@negative@`` filled in, a tie's
    border in its edge's colour (:data:`network.output.style.EDGE`)."""
    from network.output.style import EDGE

    text = resources.files(__package__).joinpath("report.css").read_text(encoding="utf-8")
    return text.replace("@positive@", EDGE["positive"]["color"]).replace(
        "@negative@", EDGE["negative"]["color"]
    )


def _html_doc(title: str, body: str) -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="entente report">\n<title>{escape(title)}</title>\n'
        f"<style>\n{_css().strip()}\n</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def _html_ties(notes: Sequence[TieNote]) -> str:
    items = []
    for n in notes:
        head, evidence, cite = _tie_line(n)
        ev = f"<br>{escape(evidence)}" if evidence else ""
        items.append(
            f'<li class="{"pos" if n.sign > 0 else "neg"}"><b>{escape(head)}</b>{ev}'
            f"<br><cite>{escape(cite)}</cite></li>"
        )
    return '<ul class="ties">\n' + "\n".join(items) + "\n</ul>"


def _html_nav(les: Lesson, i: int) -> str:
    parts = []
    if i > 0:
        p = les.pages[i - 1]
        parts.append(f'<a rel="prev" href="{p.slug}.html">← {escape(p.window.label)}</a>')
    parts.append('<a href="index.html">Time line</a>')
    if i + 1 < len(les.pages):
        p = les.pages[i + 1]
        parts.append(f'<a rel="next" href="{p.slug}.html">{escape(p.window.label)} →</a>')
    return "<nav>" + " · ".join(parts) + "</nav>"


def _cap(text: str) -> str:
    """``text`` with its first letter upper-case (the camps' words start lower-case, for the legends)."""
    return text[:1].upper() + text[1:]


def _camps_used(les: Lesson) -> set[str]:
    """The :data:`network.output.style.BLOC` keys of the camps on the lesson's pages, and ``none``."""
    return {camp_key(c, les.poles) for p in les.pages for c in p.balance.camp_of.values()} | {"none"}


def _md_colours(les: Lesson) -> str:
    """The camps' colours in words, for the Markdown pages (which show the picture without a legend)."""
    from network.output import style

    used = _camps_used(les)
    names = [les.names.get(p, p) for p in les.poles]
    return "; ".join(f"{b['name']}: {legend_text(k, names)}" for k, b in style.BLOC.items() if k in used)


def _html_legend(les: Lesson, drawing: Drawing) -> str:
    L = drawing.look
    signs = "".join(
        f'<li><span class="swatch line" data-sign="{k}">'
        f'<svg viewBox="0 0 40 10" aria-hidden="true"><line x1="1" y1="5" x2="39" y2="5" '
        f'stroke="{L["sign"][k]["colour"]}" stroke-width="3" stroke-dasharray="'
        f'{" ".join(str(x * 3) for x in L["sign"][k]["dash"])}"/></svg></span>'
        f"{escape(L['sign'][k]['label'])}</li>"
        for k in ("1", "-1", "0")
    )
    used = _camps_used(les)
    faded = f' opacity="{L["inactive"]["alpha"]:g}"'  # as the picture draws an actor without a tie
    blocs = "".join(
        f'<li><span class="swatch"><svg viewBox="0 0 12 12" aria-hidden="true"><circle cx="6" '
        f'cy="6" r="{3 if k == "none" else 5}" fill="{b["colour"]}" stroke="{L["node"]["edge"]}"'
        f"{faded if k == 'none' else ''}/></svg></span>{escape(b['label'])}</li>"
        for k, b in L["bloc"].items()
        if k in used
    )
    return f'<ul class="legend">{signs}{blocs}</ul>'


def _html_page(les: Lesson, i: int, drawing: Drawing) -> str:
    page = les.pages[i]
    w = page.window
    b = page.balance
    out = [
        _html_nav(les, i),
        f"<header><h1>{escape(w.label)}</h1>",
        f'<p class="dates">{escape(_period_dates(page))} · {len(page.ties)} ties coded · '
        f"{page.cooperative} cooperative and {page.hostile} hostile pairs · {escape(_LEVELS[les.level])}</p>"
        "</header>",
        f"<figure>{drawing.svg(page)}<figcaption>{_html_legend(les, drawing)}Line width: the net weight of "
        f"the ties between two actors; circle area: how much an actor was involved (cooperative plus hostile "
        f"weight); colour: the actor's camp. {escape(CAMP_EXPLAINED)} Every actor keeps its place on every "
        f"page."
        f"</figcaption></figure>",
    ]
    prev = escape(page.previous.label) if page.previous else None
    out.append(
        f"<section><h2>What changed since {prev}</h2>"
        if prev
        else "<section><h2>The ties of the first period</h2>"
    )
    if not page.changes:
        out.append("<p>No tie changed.</p>")
    for kind, title in _KINDS.items():
        changes = [c for c in page.changes if c.kind == kind]
        if not changes:
            continue
        out.append(f"<h3>{escape(title if prev else 'Ties')} ({len(changes)})</h3>")
        for c in changes:
            out.append(f'<div class="change"><h4>{escape(_change_title(c))}</h4>')
            if c.now:
                out.append(("<p>Now:</p>" if c.before else "") + _html_ties(c.now))
            if c.before:
                out.append("<p>Before:</p>" + _html_ties(c.before))
            out.append("</div>")
    out.append("</section>")
    out.append("<section><h2>Who was most central</h2>")
    if page.central:
        head = "".join(f"<th>{escape(measure_title(k))}</th>" for k in CENTRAL_COLUMNS)
        rows = "".join(
            f"<tr><td>{r['rank']}</td><td>{escape(r['name'])}</td>"
            + "".join(f"<td>{_central_cell(r, k)}</td>" for k in CENTRAL_COLUMNS)
            + "</tr>"
            for r in page.central
        )
        words = "".join(
            f"<dt>{escape(measure_title(k))}</dt><dd>{escape(measure_words(k))}</dd>" for k in CENTRAL_COLUMNS
        )
        out.append(
            f"<table><thead><tr><th>Rank</th><th>Actor</th>{head}</tr></thead><tbody>{rows}</tbody></table>"
            f'<p class="note">{escape(_RANK_NOTE)}</p><dl class="note">{words}</dl>'
        )
    else:
        out.append("<p>No actor has a tie in this period.</p>")
    out.append("</section><section><h2>Balance and camps</h2>")
    out.append(
        f"<p>Balanced triangles: {_share(b.triangle_balance)}"
        + (f" of {b.triangles}" if b.triangles else "")
        + f". Frustration: {b.frustration} of {b.edges} signed edges would have to change for the "
        f"network to split into two sides, friends inside, enemies between (a measure of balance: "
        f"friends of friends and enemies of enemies share a side).</p><p>{escape(CAMP_EXPLAINED)}</p>"
    )
    if b.camps:
        out.append(
            "<ul>"
            + "".join(
                f"<li><b>{escape(_cap(k))}</b>: {escape(', '.join(v))}</li>" for k, v in b.camps.items()
            )
            + "</ul>"
        )
    if b.unbalanced:
        tri = "; ".join(", ".join(les.names.get(x, x) for x in t) for t in b.unbalanced)
        out.append(f"<p>Unbalanced triangles: {escape(tri)}.</p>")
    out.append(
        "</section><section><h2>For discussion</h2><ol>"
        + "".join(f"<li>{escape(q)}</li>" for q in page.questions)
        + "</ol></section>"
    )
    out.append(
        f"<section><details><summary>All {len(page.ties)} ties dated to this period</summary>"
        f"{_html_ties(page.ties)}</details></section>"
    )
    out.append(_html_nav(les, i))
    out.append("<footer>" + "".join(f"<p>{escape(r)}</p>" for r in les.references) + "</footer>")
    return _html_doc(f"{w.label}: {les.title}", "\n".join(out))


def _timeline(les: Lesson) -> list[dict[str, object]]:
    out = []
    for p in les.pages:
        counts = {k: sum(1 for c in p.changes if c.kind == k) for k in ("flipped", "formed", "broken")}
        flips = [f"{c.names[0]} – {c.names[1]}" for c in p.changes if c.kind == "flipped"]
        out.append({"page": p, **counts, "flips": flips})
    return out


def _html_index(les: Lesson) -> str:
    rows = []
    for t in _timeline(les):
        p = t["page"]
        assert isinstance(p, Page)
        flips = escape("; ".join(t["flips"])) if t["flips"] else "–"  # type: ignore[arg-type]
        rows.append(
            f'<tr><td><a href="{p.slug}.html">{escape(p.window.label)}</a></td>'
            f"<td>{escape(_period_dates(p))}</td><td>{len(p.ties)}</td>"
            f"<td>{p.cooperative} / {p.hostile}</td><td>{t['formed']} / {t['broken']} / {t['flipped']}</td>"
            f"<td>{flips}</td><td>{_share(p.balance.triangle_balance)}</td></tr>"
        )
    body = [
        f"<header><h1>{escape(les.title)}</h1>",
        f'<p class="dates">A lesson in {len(les.pages)} {"periods" if les.by == "period" else "years"}, '
        f"at {escape(_LEVELS[les.level])}.</p></header>",
        "<section><h2>Time line</h2><table><thead><tr><th>Period</th><th>Dates</th><th>Ties</th>"
        "<th>Cooperative / hostile pairs</th><th>Formed / broken / flipped</th><th>Turned</th>"
        "<th>Balanced triangles</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table></section>",
        "<section><h2>How to read the pages</h2><p>Each page shows the network of one period: a line for "
        "each pair of actors with ties dated to it, solid for cooperation, dashed for hostility. It lists "
        "what changed since the period before, each change with the ties behind it and the footnote each "
        "tie comes from; who was most central; how balanced the network was and each actor's camp towards "
        "the poles; and questions for "
        "discussion drawn from the data.</p></section>",
        "<footer>" + "".join(f"<p>{escape(r)}</p>" for r in les.references) + "</footer>",
    ]
    return _html_doc(les.title, "\n".join(body))


def html_pages(les: Lesson, drawing: Drawing) -> dict[str, str]:
    """File name -> HTML text: ``index.html`` and ``<period>.html`` for each page."""
    out = {"index.html": _html_index(les)}
    for i, p in enumerate(les.pages):
        out[f"{p.slug}.html"] = _html_page(les, i, drawing)
    return out


# --------------------------------------------------------------------------- Markdown


def _md(text: str) -> str:
    """Text safe in Markdown: characters that format, link or open HTML are escaped."""
    out = []
    for ch in text:
        if ch in "\\`*_[]<>|#":
            out.append("&lt;" if ch == "<" else "&gt;" if ch == ">" else "\\" + ch)
        else:
            out.append(ch)
    return "".join(out).replace("\n", " ")


def _md_ties(notes: Sequence[TieNote], indent: str = "") -> list[str]:
    out = []
    for n in notes:
        head, evidence, cite = _tie_line(n)
        out.append(
            f"{indent}- **{_md(head)}**" + (f" {_md(evidence)}" if evidence else "") + f" *{_md(cite)}*"
        )
    return out


def _md_page(les: Lesson, i: int) -> str:
    page = les.pages[i]
    w, b = page.window, page.balance
    nav = []
    if i > 0:
        nav.append(f"[← {_md(les.pages[i - 1].window.label)}]({les.pages[i - 1].slug}.md)")
    nav.append("[Time line](index.md)")
    if i + 1 < len(les.pages):
        nav.append(f"[{_md(les.pages[i + 1].window.label)} →]({les.pages[i + 1].slug}.md)")
    out = [
        " · ".join(nav),
        "",
        f"# {_md(w.label)}",
        "",
        f"{_md(_period_dates(page))} · {len(page.ties)} ties coded · {page.cooperative} cooperative and "
        f"{page.hostile} hostile pairs · {_md(_LEVELS[les.level])}",
        "",
        f"![The network in {_md(w.label)}](snapshot-{page.slug}.svg)",
        "",
        "Solid lines: cooperation; dashed: hostility; width: net weight; circle area: involvement; colour: "
        f"the actor's camp ({_md(_md_colours(les))}). {_md(CAMP_EXPLAINED)}",
        "",
    ]
    prev = les.pages[i - 1].window.label if i else None
    out += [f"## What changed since {_md(prev)}" if prev else "## The ties of the first period", ""]
    if not page.changes:
        out += ["No tie changed.", ""]
    for kind, title in _KINDS.items():
        changes = [c for c in page.changes if c.kind == kind]
        if not changes:
            continue
        out += [f"### {_md(title if prev else 'Ties')} ({len(changes)})", ""]
        for c in changes:
            out.append(f"- **{_md(_change_title(c))}**")
            if c.now:
                if c.before:
                    out.append("  - Now:")
                out += _md_ties(c.now, "    " if c.before else "  ")
            if c.before:
                out.append("  - Before:")
                out += _md_ties(c.before, "    ")
        out.append("")
    out += ["## Who was most central", ""]
    if page.central:
        out += [
            "| Rank | Actor | " + " | ".join(measure_title(k) for k in CENTRAL_COLUMNS) + " |",
            "|---:|---|" + "---:|" * len(CENTRAL_COLUMNS),
        ]
        for r in page.central:
            cells = " | ".join(_central_cell(r, k) for k in CENTRAL_COLUMNS)
            out.append(f"| {r['rank']} | {_md(r['name'])} | {cells} |")
        out += ["", _RANK_NOTE, ""]
        out += [f"- **{measure_title(k)}**: {measure_words(k)}" for k in CENTRAL_COLUMNS]
    else:
        out.append("No actor has a tie in this period.")
    out += [
        "",
        "## Balance and camps",
        "",
        f"Balanced triangles: {_share(b.triangle_balance)}"
        + (f" of {b.triangles}" if b.triangles else "")
        + f". Frustration: {b.frustration} of {b.edges} signed edges would have to change for the network to "
        f"split into two sides (a measure of balance: friends of friends and enemies of enemies share a "
        f"side).",
        "",
        _md(CAMP_EXPLAINED),
        "",
    ]
    out += [f"- **{_md(_cap(k))}**: {_md(', '.join(v))}" for k, v in b.camps.items()]
    if b.unbalanced:
        tri = "; ".join(", ".join(les.names.get(x, x) for x in t) for t in b.unbalanced)
        out += ["", f"Unbalanced triangles: {_md(tri)}."]
    out += ["", "## For discussion", ""] + [f"{k}. {_md(q)}" for k, q in enumerate(page.questions, 1)]
    out += ["", f"## All {len(page.ties)} ties dated to this period", ""] + _md_ties(page.ties)
    out += ["", " · ".join(nav), ""] + [f"*{_md(r)}*" for r in les.references]
    return "\n".join(out) + "\n"


def _md_index(les: Lesson) -> str:
    out = [
        f"# {_md(les.title)}",
        "",
        f"A lesson in {len(les.pages)} {'periods' if les.by == 'period' else 'years'}, at "
        f"{_md(_LEVELS[les.level])}.",
        "",
        "## Time line",
        "",
        "| Period | Dates | Ties | Cooperative / hostile pairs | Formed / broken / flipped | Turned |"
        " Balanced triangles |",
        "|---|---|---:|---|---|---|---:|",
    ]
    for t in _timeline(les):
        p = t["page"]
        assert isinstance(p, Page)
        flips = _md("; ".join(t["flips"])) if t["flips"] else "–"  # type: ignore[arg-type]
        out.append(
            f"| [{_md(p.window.label)}]({p.slug}.md) | {_md(_period_dates(p))} | {len(p.ties)} | "
            f"{p.cooperative} / {p.hostile} | {t['formed']} / {t['broken']} / {t['flipped']} | {flips} | "
            f"{_share(p.balance.triangle_balance)} |"
        )
    out += ["", *[f"*{_md(r)}*" for r in les.references]]
    return "\n".join(out) + "\n"


def markdown_pages(les: Lesson) -> dict[str, str]:
    """File name -> Markdown text: ``index.md`` and ``<period>.md`` for each page."""
    out = {"index.md": _md_index(les)}
    for i, p in enumerate(les.pages):
        out[f"{p.slug}.md"] = _md_page(les, i)
    return out


def write_report(
    dataset: Dataset,
    out_dir: str | os.PathLike[str] = DEFAULT_OUT,
    level: str = "state",
    by: str | None = None,
    poles: Sequence[str] | None = None,
    *,
    partitions: PartitionCache | None = None,
    layouts: LayoutCache | None = None,
) -> list[Path]:
    """Write the lesson to ``out_dir``: ``index.html``, ``index.md``, and per period HTML, Markdown and SVG.

    Parameters
    ----------
    dataset : Dataset
        The loaded dataset.
    out_dir : path
        The folder (made if missing; default ``figures/report``).
    level, by, poles
        As in :func:`network.report.lesson.lesson`.
    partitions, layouts : optional
        A build's caches (:class:`network.measures.balance.PartitionCache`,
        :class:`network.output.layout.LayoutCache`); default: new ones for this call.

    Returns
    -------
    list of Path
        Every file written (atomically), index first.
    """
    les = lesson(dataset, level=level, by=by, poles=poles, partitions=partitions)
    drawing = Drawing(dataset, les, layouts=layouts)
    files = {**html_pages(les, drawing), **markdown_pages(les)}
    files.update({f"snapshot-{p.slug}.svg": drawing.svg(p) + "\n" for p in les.pages})
    folder = Path(out_dir)
    paths = []
    for name in sorted(files, key=lambda n: (not n.startswith("index."), n)):
        write_text(folder / name, files[name])
        paths.append(folder / name)
    return paths
