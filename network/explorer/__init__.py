"""The offline explorer: one self-contained HTML page with a year slider over the signed networks."""

from network.explorer.data import payload
from network.explorer.page import render_page, write_explorer

__all__ = ["payload", "render_page", "write_explorer"]
