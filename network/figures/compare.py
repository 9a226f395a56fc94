"""Draw the comparison of two datasets (``entente compare A B --figure PATH``).

A row per dyad, a cell per compared window; the left half of a cell is A's
net weight, the right half B's: green for cooperation, vermillion and hatched
for hostility, grey for a net of zero, white for no tie, darker for a larger
net weight; a black outline marks a cell where A and B disagree in sign. All
of it is read from a :class:`network.measures.compare.ComparisonView`; nothing is
computed here. The bytes are made by :func:`network.figures.draw.figure_bytes`,
as every figure's are, so the same data gives the same file.

Examples
--------
>>> from network import load
>>> from network.measures.compare import compare, comparison_view
>>> a, b = load("tests/data/compare/a.yaml"), load("tests/data/compare/b.yaml")
>>> view = comparison_view(compare(a, b, mapping={"alb": "albania"}))
>>> comparison_bytes(view, "png")[:8]
b'\\x89PNG\\r\\n\\x1a\\n'
"""

from __future__ import annotations

from typing import Any, cast

from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle

from network.measures.compare import ComparisonView, FigureCell
from network.output import style

__all__ = ["draw_comparison", "comparison_bytes", "HALF_GAP", "DIVIDER"]

#: Blank space around each cell, as a fraction of a window's width (left and right) and a row's height.
HALF_GAP = 0.06
#: White space between a cell's A half and its B half, as a fraction of a window's width.
DIVIDER = 0.06
_ABSENT: dict[str, Any] = {"facecolor": "#FFFFFF", "edgecolor": "#9A9A9A"}
_HATCH = "///"
_LIGHTEST = 0.3  # the share of its colour the faintest non-zero cell keeps (the rest is white)


def _kind(sign: int) -> str:
    return {1: "positive", -1: "negative"}.get(sign, "zero")


def _blend(color: str, share: float) -> tuple[float, float, float]:
    """``color`` mixed with white: ``share`` 1 is the colour itself."""
    from matplotlib.colors import to_rgb

    r, g, b = to_rgb(color)
    return (1 - share + share * r, 1 - share + share * g, 1 - share + share * b)


def _half(ax: Any, x: float, y: float, width: float, height: float, sign: int | None, shade: float) -> None:
    if sign is None:
        ax.add_patch(Rectangle((x, y), width, height, linewidth=0.6, **_ABSENT))
        return
    kind = _kind(sign)
    color = style.EDGE[kind]["color"]
    face = color if kind == "zero" else _blend(color, _LIGHTEST + (1 - _LIGHTEST) * shade)
    ax.add_patch(
        Rectangle(
            (x, y),
            width,
            height,
            facecolor=face,
            edgecolor="none",
            hatch=_HATCH if kind == "negative" else None,
            hatchcolor=style.TEXT["caption"],
        )
    )


def _number(ax: Any, x: float, y: float, text: str, sign: int | None, shade: float) -> None:
    if not text:
        return
    hatched = sign == -1  # the number sits on a white box, over the hatching
    light = not hatched and (sign == 0 or shade > 0.6)
    ax.text(
        x,
        y,
        text,
        ha="center",
        va="center",
        fontsize=style.FONT["annotation"],
        color="#FFFFFF" if light else style.TEXT["main"],
        fontweight="bold",
        bbox={"boxstyle": "round,pad=0.15", "facecolor": "#FFFFFF", "edgecolor": "none"} if hatched else None,
    )


def _cell(ax: Any, j: int, i: int, cell: FigureCell | None, numbers: bool, outline: float) -> None:
    x0, y0 = j + HALF_GAP, i + HALF_GAP
    width, height = (1 - 2 * HALF_GAP) / 2, 1 - 2 * HALF_GAP
    inner = width - DIVIDER / 2  # each half, with a white line between A's and B's
    if cell is None:
        _half(ax, x0, y0, inner, height, None, 0.0)
        _half(ax, x0 + width + DIVIDER / 2, y0, inner, height, None, 0.0)
        return
    _half(ax, x0, y0, inner, height, cell.sign_a, cell.shade_a)
    _half(ax, x0 + width + DIVIDER / 2, y0, inner, height, cell.sign_b, cell.shade_b)
    if numbers and i == 0:  # which half is which, above the first row
        for x, name in ((x0 + width / 2, "A"), (x0 + 1.5 * width, "B")):
            ax.text(
                x,
                y0 - 0.04,
                name,
                ha="center",
                va="bottom",
                fontsize=style.FONT["annotation"],
                color=style.TEXT["muted"],
            )
    if numbers:
        _number(ax, x0 + width / 2, i + 0.5, cell.text_a, cell.sign_a, cell.shade_a)
        _number(ax, x0 + 1.5 * width, i + 0.5, cell.text_b, cell.sign_b, cell.shade_b)
    if cell.status == "disagree":
        ax.add_patch(
            Rectangle(
                (x0 - HALF_GAP / 2, y0 - HALF_GAP / 2),
                2 * width + HALF_GAP,
                height + HALF_GAP,
                fill=False,
                edgecolor=style.OKABE_ITO["black"],
                linewidth=outline,
                zorder=3,
            )
        )


def _legend(view: ComparisonView) -> list[Patch]:
    def patch(kind: str, label: str, hatch: str | None = None) -> Patch:
        return Patch(
            facecolor=style.EDGE[kind]["color"],
            edgecolor="none",
            hatch=hatch,
            hatchcolor=style.TEXT["caption"],
            label=label,
        )

    return [
        patch("positive", "net positive (cooperation)"),
        patch("negative", "net negative (hostility), hatched", _HATCH),
        patch("zero", "net zero (cooperation = hostility)"),
        Patch(label="no tie in that dataset", linewidth=0.6, **_ABSENT),
        Patch(
            facecolor="none",
            edgecolor=style.OKABE_ITO["black"],
            linewidth=2.5,
            label="outlined: A and B disagree in sign",
        ),
    ]


def draw_comparison(fig: Figure, view: ComparisonView) -> Figure:
    """Draw ``view`` on ``fig``: title, subtitle, the grid of dyads by windows, legend, sources.

    Examples
    --------
    >>> from network import load
    >>> from network.measures.compare import compare, comparison_view
    >>> ds = load("tests/data/mini.yaml")
    >>> fig = draw_comparison(Figure(), comparison_view(compare(ds, ds), top=3))
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
    ['Albania \u2013 Soviet Union', 'Albania \u2013 China', 'China \u2013 Soviet Union']
    """
    ax = fig.add_axes(style.COMPARE_AXES)
    n_rows, n_windows = len(view.rows), len(view.windows)
    outline = 2.5 if view.show_numbers else 1.5  # narrower cells, a thinner outline
    for i, row in enumerate(view.rows):
        for j, cell in enumerate(row.cells):
            _cell(ax, j, i, cell, view.show_numbers, outline)
    ax.set_xlim(0, max(n_windows, 1))
    ax.set_ylim(max(n_rows, 1), 0)
    ax.set_yticks(
        [i + 0.5 for i in range(n_rows)], [r.label for r in view.rows], fontsize=style.FONT["label"]
    )
    step = view.label_step
    shown = [j for j in range(n_windows) if j % step == 0]
    ax.set_xticks(
        [j + 0.5 for j in shown],
        [view.windows[j] for j in shown],
        rotation=0 if all(len(view.windows[j]) <= 4 for j in shown) else 30,
        ha="center" if all(len(view.windows[j]) <= 4 for j in shown) else "right",
    )
    ax.tick_params(length=0)
    for side in ("left", "bottom", "top", "right"):
        ax.spines[side].set_visible(False)
    if not view.rows:
        ax.set_yticks([])
        ax.text(
            0.5,
            0.5,
            "no dyad-year to compare: no window both datasets reach with a tie between actors both know",
            transform=ax.transAxes,
            ha="center",
            va="center",
            fontsize=style.FONT["legend"],
            color=style.TEXT["muted"],
            wrap=True,
        )
    left = style.COMPARE_AXES[0] * 0.1
    fig.text(left, 0.955, view.title, ha="left", va="top", fontsize=style.FONT["title"], fontweight="bold")
    fig.text(
        left,
        0.895,
        view.subtitle,
        ha="left",
        va="top",
        fontsize=style.FONT["subtitle"],
        color=style.TEXT["muted"],
        wrap=True,
    )
    legend = ax.legend(
        handles=_legend(view),
        loc="upper left",
        bbox_to_anchor=(1.02, 1.0),
        frameon=False,
        fontsize=style.FONT["legend"],
        title="each cell: A left, B right",
        title_fontsize=style.FONT["legend"],
        alignment="left",
    )
    legend.set_gid("legend")
    ax.annotate(
        view.legend_shade,
        (1.02, 0.0),
        xycoords="axes fraction",
        ha="left",
        va="bottom",
        fontsize=style.FONT["caption"],
        color=style.TEXT["caption"],
        wrap=True,
    )
    fig.text(
        left,
        0.03,
        view.caption,
        ha="left",
        va="bottom",
        fontsize=style.FONT["caption"],
        color=style.TEXT["caption"],
        linespacing=1.3,
        wrap=True,
    )
    return fig


def comparison_bytes(view: ComparisonView, fmt: str = "png") -> bytes:
    """The comparison figure as the bytes of a ``png`` or ``svg`` file, the same on every run."""
    import matplotlib

    from network.figures.draw import figure_bytes

    with matplotlib.rc_context(cast(Any, style.RC)):
        fig = Figure(figsize=style.FIGSIZE["timeline"], dpi=style.DPI)
        draw_comparison(fig, view)
        return figure_bytes(fig, (fmt,))[fmt]
