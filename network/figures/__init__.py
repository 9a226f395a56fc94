"""Figures: alignment snapshots on a stable layout, small multiples, time lines, a GIF (``entente figures``).

The package re-exports; computation lives in :mod:`network.figures.data`,
drawing in :mod:`network.figures.plots`, the files in
:mod:`network.figures.render` (which names the modules it runs: plan, draw,
encode, canvas, workers, cache); the comparison of two datasets
(``entente compare --figure``) is drawn by :mod:`network.figures.compare`.
matplotlib is imported only by the modules that draw.
"""

from network.figures.options import RenderOptions
from network.figures.render import Rendered, render_all

__all__ = ["render_all", "Rendered", "RenderOptions"]
