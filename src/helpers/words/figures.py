"""Charts of notebook 02 (word frequencies), each returned with the table it draws.

Every function returns ``(figure, data)`` for :func:`helpers.figures.save_figure`.
Labels come from :func:`helpers.words.lemma_labels` when given (``СДК``,
``Жанаозен``); the saved data keeps the lower-case lemma as well.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.transforms import blended_transform_factory

from helpers.figures import BAR_COLOR

__all__ = [
    "WORDCLOUD_FONT",
    "collocations_figure",
    "document_titles",
    "keyness_figure",
    "top_lemmas_figure",
    "wordcloud_figure",
]

#: DejaVu Sans ships with matplotlib and has Cyrillic (wordcloud's default font is not needed).
WORDCLOUD_FONT = Path(mpl.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
#: viridis without its pale yellow end, which is hard to read on white.
_DARK_VIRIDIS = mpl.colors.ListedColormap(mpl.colormaps["viridis"](np.linspace(0, 0.78, 256)))


def _label(lemma: str, labels: dict[str, str] | None) -> str:
    return labels.get(lemma, lemma) if labels else lemma


def _wrap(text: str, width: int, lines: int = 2) -> list[str]:
    """``text`` on at most ``lines`` lines of ``width`` characters, ``…`` if cut."""
    return textwrap.wrap(text, width, max_lines=lines, placeholder=" …") or [""]


def document_titles(corpus: pd.DataFrame, doc_ids, width: int = 44) -> dict[str, str]:
    """Panel titles for documents: the title on up to two lines of ``width`` characters, the date.

    A document without a title (missing or blank) is named by its ``doc_id``.
    The date ends the last line, or gets a line of its own when it does not fit.
    """
    chosen = corpus[corpus["doc_id"].isin(list(doc_ids))]
    titles = {}
    for doc_id, title, date in zip(chosen["doc_id"], chosen["title"], chosen["date"], strict=True):
        name = title.strip() if isinstance(title, str) and title.strip() else str(doc_id)
        lines = _wrap(name, width)
        if pd.notna(date):
            stamp = f"({date:%Y-%m-%d})"
            if len(lines[-1]) + 1 + len(stamp) <= width:
                lines[-1] = f"{lines[-1]} {stamp}"
            elif len(lines) == 1:
                lines.append(stamp)
            else:
                room = width - len(stamp) - 1
                lines[-1] = f"{textwrap.shorten(lines[-1], room, placeholder=' …')} {stamp}"
        titles[doc_id] = "\n".join(lines)
    return titles


def _bars(
    ax: plt.Axes,
    labels,
    values,
    notes,
    *,
    notes_outside: bool = False,
) -> None:
    """Horizontal bars, first item on top, each with a small note.

    The note sits at the bar's end, or with ``notes_outside`` in a column
    right of the axes (where no reference line or bar can run into it).
    """
    values = np.asarray(values, dtype=float)
    y = np.arange(len(values))[::-1]
    ax.barh(y, values, color=BAR_COLOR)
    ax.set_yticks(y, list(labels))
    ax.grid(axis="y", visible=False)
    if notes_outside:
        where = blended_transform_factory(ax.transAxes, ax.transData)
        for yi, note in zip(y, notes, strict=True):
            ax.text(1.01, yi, note, va="center", fontsize=8, color="#444", transform=where)
    else:
        for yi, value, note in zip(y, values, notes, strict=True):
            ax.text(value, yi, f" {note}", va="center", fontsize=8, color="#444")


def top_lemmas_figure(
    freq: pd.DataFrame, n: int = 25, *, labels: dict[str, str] | None = None
) -> tuple[Figure, pd.DataFrame]:
    """Horizontal bars of the ``n`` most frequent lemmas (rate per 10,000 words, count at the end).

    ``freq`` is :func:`helpers.words.frequencies` without ``by``.
    """
    data = freq.head(n).copy()
    data.insert(1, "label", [_label(x, labels) for x in data["lemma"]])
    fig, ax = plt.subplots(figsize=(9, max(2.5, 0.28 * len(data) + 1.2)))
    _bars(ax, data["label"], data["per_10k"], [f"{count:,}" for count in data["count"]])
    ax.set_xlabel("occurrences per 10,000 words (number at bar end: count)")
    ax.set_title(f"The {len(data)} most frequent content lemmas")
    ax.margins(x=0.12)
    fig.tight_layout()
    return fig, data


def wordcloud_figure(
    freq: pd.DataFrame,
    *,
    labels: dict[str, str] | None = None,
    max_words: int = 120,
    seed: int = 0,
) -> tuple[Figure, pd.DataFrame]:
    """A word cloud of lemma counts (font size ∝ count), laid out with a fixed seed.

    Built with ``WordCloud.generate_from_frequencies`` on the lemma counts of
    :func:`helpers.words.frequencies`, so wordcloud's own English-minded
    tokenizer, stoplist and bigrams never run; the font is DejaVu Sans.
    """
    from wordcloud import WordCloud

    data = freq.head(max_words).copy()
    data.insert(1, "label", [_label(x, labels) for x in data["lemma"]])
    cloud = WordCloud(
        font_path=str(WORDCLOUD_FONT),
        width=1600,
        height=800,
        background_color="white",
        colormap=_DARK_VIRIDIS,
        max_words=max_words,
        prefer_horizontal=0.95,
        random_state=seed,
        relative_scaling=0.5,
    )
    counts = dict(zip(data["label"], data["count"].astype(float), strict=True))
    if counts:
        cloud.generate_from_frequencies(counts)
    fig, ax = plt.subplots(figsize=(12, 6))
    if counts:
        ax.imshow(cloud.to_array(), interpolation="bilinear")
    ax.set_axis_off()
    ax.set_title(f"The {len(counts)} most frequent content lemmas (size ∝ count)")
    fig.tight_layout()
    return fig, data


def keyness_figure(
    table: pd.DataFrame,
    by: str = "doc_id",
    *,
    titles: dict | None = None,
    labels: dict[str, str] | None = None,
    n: int = 10,
    columns: int = 2,
) -> tuple[Figure, pd.DataFrame]:
    """One panel per group: its most distinctive lemmas by G², log ratio at the bar end.

    ``table`` is :func:`helpers.words.distinctive`; ``titles`` maps a group to
    a panel title (e.g. a document's title).
    """
    groups = list(dict.fromkeys(table[by]))
    data = table[table["rank"] <= n].copy()
    data.insert(
        data.columns.get_loc("lemma") + 1, "label", [_label(x, labels) for x in data["lemma"]]
    )
    if not groups:
        fig, ax = plt.subplots(figsize=(9, 2))
        ax.text(0.5, 0.5, "no lemma passes the minimum frequency", ha="center", va="center")
        ax.set_axis_off()
        return fig, data
    columns = max(1, min(columns, len(groups)))
    rows = -(-len(groups) // columns)
    fig, axes = plt.subplots(
        rows, columns, figsize=(5.2 * columns, (0.3 * n + 1.3) * rows), squeeze=False
    )
    for ax, group in zip(axes.flat, groups, strict=False):
        part = data[data[by] == group]
        notes = [
            "only here" if rest == 0 else f"×{2**ratio:.1f}" if ratio < 3 else f"×{2**ratio:.0f}"
            for ratio, rest in zip(part["log_ratio"], part["rest_per_10k"], strict=True)
        ]
        _bars(ax, part["label"], part["g2"], notes)
        title = str((titles or {}).get(group, group))
        # Two lines at most, each narrow enough not to run into the next panel's title.
        lines = title.split("\n") if "\n" in title else _wrap(title, 46)
        ax.set_title("\n".join(lines[:3]), fontsize=10)
        ax.set_xlabel("G² (log-likelihood)")
        ax.margins(x=0.2)
    for ax in list(axes.flat)[len(groups) :]:
        ax.set_visible(False)
    fig.suptitle("Distinctive lemmas: over-used against the rest of the corpus", fontweight="bold")
    fig.tight_layout()
    return fig, data


def collocations_figure(coll: pd.DataFrame, n: int = 20) -> tuple[Figure, pd.DataFrame]:
    """Horizontal bars of the top ``n`` adjacent pairs by logDice, counts in a column at the right.

    ``coll`` is :func:`helpers.words.collocations`; each pair is labelled by its
    most frequent written form («уголовные дела»), the data keeps the lemmas.
    """
    data = coll.head(n).copy()
    data.insert(2, "label", data["example"])  # «уголовные дела» reads better than the lemmas
    fig, ax = plt.subplots(figsize=(9, max(2.5, 0.28 * len(data) + 1.2)))
    # Counts in a column right of the axes: at the bar end they would sit on the 14 line.
    _bars(
        ax, data["label"], data["log_dice"], [f"{c:,}×" for c in data["count"]], notes_outside=True
    )
    ax.set_xlim(0, 14.5)
    ax.axvline(14, color="#999", lw=0.8, ls="--")
    ax.text(1.01, 1.0, "count", transform=ax.transAxes, fontsize=8, color="#444", va="bottom")
    ax.set_xlabel("logDice (14 = the two lemmas only ever occur together)")
    ax.set_title(f"Top {len(data)} word pairs by logDice")
    fig.tight_layout()
    return fig, data
