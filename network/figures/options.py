"""What a render run is asked for: one options object for planning, drawing and writing figures.

Examples
--------
>>> options = RenderOptions.of(None, levels=["state"], jobs=1)
>>> options.levels, options.jobs, options.pdf, options.formats
(['state'], 1, False, ('png', 'svg'))
>>> RenderOptions.of(options, pdf=True).formats
('png', 'svg', 'pdf')
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from network.figures.data import INVOLVEMENT
from network.measures.choices import HALF_LIFE, LEVELS

if TYPE_CHECKING:
    from network.figures.cache import FigureCache
    from network.measures.balance import PartitionCache
    from network.output.layout import LayoutCache

__all__ = ["RenderOptions", "FORMATS"]

#: Formats written for every figure (PDF too with ``pdf=True``).
FORMATS = ("png", "svg")


@dataclass(frozen=True)
class RenderOptions:
    """How to render the figures of a dataset (:func:`network.figures.render.render_all`).

    Parameters
    ----------
    levels : sequence of {"person", "state"}
        The levels to draw snapshots at.
    pdf : bool
        Also write a PDF of every figure.
    jobs : int, optional
        Worker processes; default one per CPU core (at most 8) when there are
        enough figures to pay for starting them, else 1 (drawn in this process).
    mode, half_life : optional
        Snapshot mode, see :func:`network.timeline.snapshots.snapshots`.
    poles, focal : optional
        The poles (pinned from left to right, the camps reckoned towards them) and the focal
        actor of the alignment time line; by default the dataset's ``framing:``. Without a
        framing the alignment time line is left out, no actor is pinned and none is in a camp.
    size_by : str
        Node area by this measure (:data:`network.figures.data.SIZE_MEASURES`).
    progress : callable, optional
        Called with a line of text as each figure is drawn.
    cache : FigureCache, optional
        Figures found in it are read, not drawn; those drawn are put in it.
    canvas : bool
        Draw with the text-caching canvas of :mod:`network.figures.canvas` where this
        matplotlib is one it was tested with (else, or with ``False``, matplotlib's own
        canvases: the same figures, slower).
    partitions, layouts : optional
        A build's caches (:class:`network.measures.balance.PartitionCache`,
        :class:`network.output.layout.LayoutCache`), shared by the views; by default new
        partitions for the run, layouts afresh.
    """

    levels: Sequence[str] = LEVELS
    pdf: bool = False
    jobs: int | None = None
    mode: str = "window"
    half_life: float = HALF_LIFE
    poles: Sequence[str] | None = None
    focal: str | None = None
    size_by: str = INVOLVEMENT
    progress: Callable[[str], None] | None = None
    cache: FigureCache | None = None
    canvas: bool = True
    partitions: PartitionCache | None = None
    layouts: LayoutCache | None = None

    @classmethod
    def of(cls, options: RenderOptions | None = None, **changes: Any) -> RenderOptions:
        """``options`` (by default the defaults) with ``changes`` (field names, else TypeError)."""
        return dataclasses.replace(options or cls(), **changes)

    @property
    def formats(self) -> tuple[str, ...]:
        """The formats of every figure."""
        return FORMATS + (("pdf",) if self.pdf else ())
