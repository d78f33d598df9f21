"""One look for every chart, and one way to save it with the table behind it.

Every figure a notebook shows is saved as ``figures/<name>.png`` with the data
it was drawn from as ``figures/<name>.csv`` beside it, so a reader can check
or redraw it. PNGs carry no timestamp or software version, so rerunning a
notebook on the same corpus rewrites byte-identical files.
"""

from __future__ import annotations

import matplotlib as mpl
import pandas as pd
from matplotlib.figure import Figure

from helpers.paths import figures_dir

__all__ = ["BAR_COLOR", "CYRILLIC_FONT", "TYPE_COLORS", "save_figure", "use_project_style"]

#: Ships with matplotlib and covers Cyrillic, so Russian labels render anywhere.
CYRILLIC_FONT = "DejaVu Sans"
#: One colour for single-series bar charts in every notebook.
BAR_COLOR = "#4C72B0"
#: One colour per entity type, wherever people, organisations and places are drawn.
TYPE_COLORS = {"PER": "#4C72B0", "ORG": "#DD8452", "LOC": "#55A868"}


def use_project_style() -> None:
    """Set a readable, deterministic matplotlib style with a Cyrillic font."""
    mpl.rcParams.update(
        {
            "font.family": CYRILLIC_FONT,
            "figure.figsize": (9, 4.5),
            "figure.dpi": 100,
            "savefig.dpi": 120,
            "savefig.bbox": "tight",
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.grid": True,
            "grid.alpha": 0.3,
            "axes.titlesize": 12,
            "axes.titleweight": "bold",
            "svg.hashsalt": "kz-labour",
        }
    )


def save_figure(fig: Figure, name: str, data: pd.DataFrame | None = None) -> None:
    """Save ``fig`` as ``figures/<name>.png`` and ``data`` as ``figures/<name>.csv``.

    ``name`` is a bare file stem such as ``"00_document_lengths"``; the
    notebook number prefix keeps figures from different notebooks apart. It
    returns nothing, so a notebook cell that ends with it shows the figure
    and no file path.
    """
    if "/" in name or name.endswith((".png", ".csv")):
        raise ValueError(f"name must be a bare stem like '00_lengths', got {name!r}")
    folder = figures_dir()
    fig.savefig(folder / f"{name}.png", metadata={"Software": None})
    if data is not None:
        data.to_csv(
            folder / f"{name}.csv",
            index=isinstance(data.index, pd.MultiIndex) or data.index.name is not None,
        )
