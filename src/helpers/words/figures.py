"""Charts of notebook 02 (word frequencies), each returned with the table it draws.

Every function returns ``(figure, data)`` for :func:`helpers.figures.save_figure`.
Labels come from :func:`helpers.words.lemma_labels` when given (``СДК``,
``Жанаозен``); the saved data keeps the lower-case lemma as well.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.transforms import blended_transform_factory

from helpers.figures import BAR_COLOR, COLORS, document_titles, wrap

__all__ = [
    "COLLOCATION_FLOORS",
    "WORDCLOUD_FONT",
    "collocation_floor",
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


#: Frequency floors tried for collocations, strictest first (see :func:`collocation_floor`).
COLLOCATION_FLOORS = (10, 5, 3, 2)
#: Fewer pairs than this, or all of them tied, is no ranking: the figure says so instead.
MIN_RANKED_PAIRS = 3


def _label(lemma: str, labels: dict[str, str] | None) -> str:
    return labels.get(lemma, lemma) if labels else lemma


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
            ax.text(1.01, yi, note, va="center", fontsize=8, color=COLORS["muted"], transform=where)
    else:
        for yi, value, note in zip(y, values, notes, strict=True):
            ax.text(value, yi, f" {note}", va="center", fontsize=8, color=COLORS["muted"])


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
        lines = title.split("\n") if "\n" in title else wrap(title, 46).split("\n")
        ax.set_title("\n".join(lines[:3]), fontsize=10)
        ax.set_xlabel("G² (log-likelihood)")
        ax.margins(x=0.2)
    for ax in list(axes.flat)[len(groups) :]:
        ax.set_visible(False)
    fig.suptitle("Distinctive lemmas: over-used against the rest of the corpus", fontweight="bold")
    fig.tight_layout()
    return fig, data


def collocation_floor(
    coll: pd.DataFrame, wanted: int = 20, floors: tuple[int, ...] = COLLOCATION_FLOORS
) -> int:
    """The strictest frequency floor that still leaves ``wanted`` pairs to rank.

    ``coll`` is :func:`helpers.words.collocations` with the lowest floor
    (``min_count=2``); logDice does not depend on the floor, so keeping the
    rows with ``count >= floor`` equals calling it with that floor. A large
    corpus gets 10 (pairs seen once or twice are noise there), a corpus of a
    few articles 2; the lowest floor when even that leaves fewer.
    """
    for floor in floors:
        if int((coll["count"] >= floor).sum()) >= wanted:
            return floor
    return min(floors)


def collocations_figure(coll: pd.DataFrame, n: int = 20) -> tuple[Figure, pd.DataFrame]:
    """Horizontal bars of the top ``n`` adjacent pairs by logDice, counts in a column at the right.

    ``coll`` is :func:`helpers.words.collocations`; each pair is labelled by its
    most frequent written form («уголовные дела»), the data keeps the lemmas.
    When fewer than three pairs pass the floor, or all of them (not only the
    ``n`` shown) have the same logDice and count, there is nothing to rank:
    the figure says so plainly instead of drawing bars of one length.
    """
    data = coll.head(n).copy()
    data.insert(2, "label", data["example"])  # «уголовные дела» reads better than the lemmas
    tied = len(coll) and coll[["log_dice", "count"]].drop_duplicates().shape[0] == 1
    if len(data) < MIN_RANKED_PAIRS or tied:
        fig, ax = plt.subplots(figsize=(9, 2.2))
        ax.set_axis_off()
        ax.set_title("Word pairs by logDice")
        found = (
            f"only {len(data)} word pair(s)"
            if len(data) < MIN_RANKED_PAIRS
            else (f"all {len(coll)} word pairs are equally strong")
        )
        message = f"The corpus is too small to rank collocations: {found} pass the frequency floor."
        ax.text(0.5, 0.5, wrap(message, 70), ha="center", va="center", color=COLORS["empty"])
        return fig, data
    fig, ax = plt.subplots(figsize=(9, max(2.5, 0.28 * len(data) + 1.2)))
    # Counts in a column right of the axes: at the bar end they would sit on the 14 line.
    _bars(
        ax, data["label"], data["log_dice"], [f"{c:,}×" for c in data["count"]], notes_outside=True
    )
    ax.set_xlim(0, 14.5)
    ax.axvline(14, color=COLORS["faint"], lw=0.8, ls="--")
    ax.text(
        1.01, 1.0, "count", transform=ax.transAxes, fontsize=8, color=COLORS["muted"], va="bottom"
    )
    ax.set_xlabel("logDice (14 = the two lemmas only ever occur together)")
    ax.set_title(f"Top {len(data)} word pairs by logDice")
    fig.tight_layout()
    return fig, data


def findings(
    freq: pd.DataFrame,
    distinct: pd.DataFrame,
    coll: pd.DataFrame,
    *,
    corpus: pd.DataFrame,
    labels: dict[str, str] | None = None,
    concordances: dict[str, pd.DataFrame] | None = None,
) -> list[str]:
    """What notebook 02 found in this corpus, as Markdown bullets computed from its tables.

    ``freq`` from :func:`helpers.words.frequencies`, ``distinct`` from
    :func:`helpers.words.distinctive` by ``doc_id``, ``coll`` the
    collocations shown, ``concordances`` lemma → :func:`helpers.words.kwic`
    lines. Words and titles from the corpus are escaped.
    """
    from helpers.prose import count, quote

    lines = []
    if freq.empty:
        return ["The corpus has no content words to count."]
    top = ", ".join(
        f"{quote(_label(r.lemma, labels))} ({r.count:,})" for r in freq.head(6).itertuples()
    )
    lines.append(f"The most frequent content words: {top}.")
    titles = corpus.set_index("doc_id")["title"]
    for doc_id in list(dict.fromkeys(distinct["doc_id"]))[:4]:
        part = distinct[distinct["doc_id"] == doc_id].head(4)
        title = titles.get(doc_id)
        name = quote(title, 70) if isinstance(title, str) and title.strip() else quote(doc_id)
        words = ", ".join(quote(_label(x, labels)) for x in part["lemma"])
        lines.append(f"«{name}» stands apart by {words}.")
    if len(coll) >= MIN_RANKED_PAIRS:
        pairs = ", ".join(
            f"«{quote(x)}» ({c:,}×)"
            for x, c in zip(coll["example"].head(5), coll["count"].head(5), strict=True)
        )
        lines.append(f"The strongest word pairs: {pairs}.")
    else:
        lines.append("Too few repeated word pairs to rank collocations.")
    for lemma, lines_found in (concordances or {}).items():
        lines.append(
            f"«{quote(lemma)}»: {count(len(lines_found), 'occurrence')} in "
            f"{count(lines_found['doc_id'].nunique(), 'document')}."
        )
    return lines
