"""One look for every chart, and one way to save it with the table behind it.

Every figure function in the package returns ``(fig, data)``: the matplotlib
Figure and the tidy table it was drawn from. A notebook passes both to
:func:`save_figure`, which writes ``figures/<name>.png`` with the data as
``figures/<name>.csv`` beside it, so a reader can check or redraw it and no
notebook recomputes what a figure shows. PNGs carry no timestamp or software
version, so rerunning a notebook on the same corpus rewrites byte-identical
files.

The colours (:data:`COLORS`, :data:`TYPE_COLORS`, :data:`KIND_COLORS`,
:data:`SERIES_COLORS`, :data:`HEATMAP_CMAP`) and the text helpers
(:func:`wrap`, :func:`shorten`) are the only ones the figure modules use, so
one chart looks like the next and a name is cut the same way everywhere.
"""

from __future__ import annotations

import textwrap

import matplotlib as mpl
import pandas as pd
from matplotlib.figure import Figure

from helpers.display import use_safe_display
from helpers.paths import figures_dir

__all__ = [
    "BAR_COLOR",
    "COLORS",
    "CYRILLIC_FONT",
    "HEATMAP_CMAP",
    "KIND_COLORS",
    "SERIES_COLORS",
    "TYPE_COLORS",
    "document_titles",
    "save_figure",
    "series_color",
    "shorten",
    "use_project_style",
    "wrap",
]

#: Ships with matplotlib and covers Cyrillic, so Russian labels render anywhere.
CYRILLIC_FONT = "DejaVu Sans"
#: Colours by role, shared by every figure module.
COLORS = {
    "bar": "#4C72B0",  # single-series bars, ticks, histograms
    "highlight": "#C44E52",  # a reference line or value to point at (a median)
    "event": "#B03A2E",  # known events on a time axis
    "muted": "#555555",  # notes, edges, connectors
    "faint": "#999999",  # reference lines and guides
    "empty": "#595959",  # the message of a figure with nothing to draw
}
#: One colour for single-series bar charts in every notebook.
BAR_COLOR = COLORS["bar"]
#: Several series side by side (entities over time, forms, categories): a colour-blind-safe cycle.
SERIES_COLORS = (
    "#4C72B0",
    "#DD8452",
    "#55A868",
    "#C44E52",
    "#8172B3",
    "#937860",
    "#DA8BC3",
    "#8C8C8C",
    "#CCB974",
    "#64B5CD",
)
#: One colour per entity type, wherever people, organisations and places are drawn.
TYPE_COLORS = {"PER": SERIES_COLORS[0], "ORG": SERIES_COLORS[1], "LOC": SERIES_COLORS[2]}
#: One colour per kind of demand item (notebook 04).
KIND_COLORS = {"demand": SERIES_COLORS[0], "slogan": SERIES_COLORS[1], "call": SERIES_COLORS[2]}
#: Counts in a grid (heatmaps, densities).
HEATMAP_CMAP = "Blues"


def series_color(i: int) -> str:
    """The ``i``-th colour of :data:`SERIES_COLORS` (cycling)."""
    return SERIES_COLORS[i % len(SERIES_COLORS)]


def wrap(text: str, width: int, lines: int | None = 2) -> str:
    """``text`` on at most ``lines`` lines of ``width`` characters, ``…`` where it is cut.

    Whitespace (line breaks included) is collapsed first; ``lines=None``
    wraps without a limit. A word longer than ``width`` is broken.
    """
    words = " ".join(str(text).split())
    return textwrap.fill(words, width, max_lines=lines, placeholder=" …") if words else ""


def shorten(text: str, width: int) -> str:
    """``text`` on one line of at most ``width`` characters, cut with ``…`` (mid-word if need)."""
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def document_titles(corpus: pd.DataFrame, doc_ids, width: int = 44) -> dict[str, str]:
    """Panel titles for documents: the title on up to two lines of ``width`` characters, the date.

    A document without a title (missing or blank) is named by its ``doc_id``.
    The date ends the last line, or gets a line of its own when it does not fit.
    """
    chosen = corpus[corpus["doc_id"].isin(list(doc_ids))]
    titles = {}
    for doc_id, title, date in zip(chosen["doc_id"], chosen["title"], chosen["date"], strict=True):
        name = title.strip() if isinstance(title, str) and title.strip() else str(doc_id)
        lines = wrap(name, width).split("\n")
        if pd.notna(date):
            stamp = f"({date:%Y-%m-%d})"
            if len(lines[-1]) + 1 + len(stamp) <= width:
                lines[-1] = f"{lines[-1]} {stamp}"
            elif len(lines) == 1:
                lines.append(stamp)
            else:
                room = width - len(stamp) - 1
                lines[-1] = f"{shorten(lines[-1], room)} {stamp}"
        titles[doc_id] = "\n".join(lines)
    return titles


def use_project_style() -> None:
    """Set a readable, deterministic matplotlib style with a Cyrillic font.

    Text in charts and tables is shown as written: ``$`` in a title or label
    is not read as math (an article titled «Зарплата $300» would otherwise
    break the chart), and pandas tables are not typeset by MathJax.
    """
    use_safe_display()
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
            "axes.prop_cycle": mpl.cycler(color=list(SERIES_COLORS)),
            "svg.hashsalt": "kz-labour",
            "text.parse_math": False,
        }
    )


def save_figure(fig: Figure, name: str, data: pd.DataFrame | None = None) -> None:
    """Save ``fig`` as ``figures/<name>.png`` and ``data`` as ``figures/<name>.csv``.

    ``name`` is a bare file stem such as ``"00_document_lengths"``; the
    notebook number prefix keeps figures from different notebooks apart. It
    returns nothing, so a notebook cell that ends with it shows the figure
    and no file path. The folder is ``figures/`` (or ``HELPERS_FIGURES_DIR``;
    ``make`` points it at a fresh folder for each run and swaps it in at the
    end, so ``figures/`` holds exactly what the last run wrote).
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
