"""What a reader needs to see first about a corpus: what is in it and what is broken.

Used by ``00_corpus_overview``: a compact per-document table, summary
figures on size and dates, and the two charts (document lengths, date
coverage). Everything reads well for two documents and for ten thousand.
"""

from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from helpers.figures import BAR_COLOR, COLORS

__all__ = [
    "MISSING",
    "corpus_summary",
    "date_coverage_figure",
    "document_table",
    "length_figure",
    "problem_summary",
]


#: How the overview tables show a missing title, date or author.
MISSING = "—"


def document_table(corpus: pd.DataFrame, limit: int | None = 20) -> pd.DataFrame:
    """Title, date, author and length per document, newest first (undated last).

    A missing title, date or author is shown as «—» (:data:`MISSING`), not
    NaN/None. ``limit`` keeps the table readable on large corpora; ``None``
    shows all.
    """
    table = corpus[["doc_id", "title", "date", "author", "n_words"]].sort_values(
        ["date", "doc_id"], ascending=[False, True], na_position="last", kind="stable"
    )
    dates = [MISSING if pd.isna(d) else d.date().isoformat() for d in table["date"]]
    table = table.assign(
        title=_or_missing(table["title"]), date=dates, author=_or_missing(table["author"])
    ).set_index("doc_id")
    return table if limit is None else table.head(limit)


def _or_missing(values: pd.Series) -> list[str]:
    """Each value as text, «—» where it is missing or blank."""
    return [v.strip() if isinstance(v, str) and v.strip() else MISSING for v in values]


def corpus_summary(corpus: pd.DataFrame) -> pd.DataFrame:
    """One row per measure (documents, words, dates, authors, problems) with its value.

    Values are text in one format: counts with thousands separators
    («753,806»), the median rounded to a whole number of words, dates as
    ISO dates, «—» when there is none.
    """
    dated = corpus["date"].dropna()
    problems = corpus.attrs.get("problems", pd.DataFrame(columns=["kept"]))
    measures = {
        "documents": len(corpus),
        "words (total)": int(corpus["n_words"].sum()),
        "words per document (median)": round(float(corpus["n_words"].median()))
        if len(corpus)
        else 0,
        "documents with a date": len(dated),
        "documents without a date": int(corpus["date"].isna().sum()),
        "first date": dated.min().date().isoformat() if len(dated) else MISSING,
        "last date": dated.max().date().isoformat() if len(dated) else MISSING,
        "named authors": int(corpus["author"].nunique()),
        "documents without an author": int(corpus["author"].isna().sum()),
        "Latin look-alike letters fixed": int(corpus["homoglyphs_fixed"].sum()),
        "files skipped (see problems)": int((~problems["kept"].astype(bool)).sum()),
        "files loaded with a caveat": int(problems["kept"].astype(bool).sum()),
    }
    values = [f"{v:,}" if isinstance(v, int) else str(v) for v in measures.values()]
    return pd.DataFrame({"measure": list(measures), "value": values})


def problem_summary(corpus: pd.DataFrame) -> pd.DataFrame:
    """Problems counted by kind, with one example file each."""
    problems = corpus.attrs.get("problems")
    if problems is None or problems.empty:
        return pd.DataFrame(columns=["problem", "files", "kept", "example"])
    grouped = problems.groupby("problem", sort=True)
    return (
        pd.DataFrame(
            {
                "files": grouped.size(),
                "kept": grouped["kept"].sum().astype(int),
                "example": grouped["path"].first(),
            }
        )
        .reset_index()
        .sort_values(["files", "problem"], ascending=[False, True], kind="stable")
        .reset_index(drop=True)
    )


def length_figure(corpus: pd.DataFrame) -> tuple[Figure, pd.DataFrame]:
    """Histogram of words per document (log-spaced bins when lengths vary a lot)."""
    lengths = corpus["n_words"].to_numpy()
    fig, ax = plt.subplots(figsize=(9, 3.8))
    if len(lengths) == 0:
        ax.text(0.5, 0.5, "no documents", ha="center", va="center", transform=ax.transAxes)
        return fig, pd.DataFrame(columns=["bin_start", "bin_stop", "documents"])
    low, high = max(lengths.min(), 1), max(lengths.max(), 2)
    spread = high / low > 50
    bins = (
        np.geomspace(low, high + 1, 30)
        if spread
        else np.linspace(low, high + 1, min(30, max(len(lengths), 5)))
    )
    counts, edges, _ = ax.hist(lengths, bins=bins, color=BAR_COLOR, edgecolor="white")
    if spread:
        ax.set_xscale("log")
    ax.axvline(np.median(lengths), color=COLORS["highlight"], linestyle="--", linewidth=1.5)
    ax.annotate(
        f"median {np.median(lengths):,.0f} words",
        xy=(np.median(lengths), ax.get_ylim()[1] * 0.9),
        xytext=(6, 0),
        textcoords="offset points",
        color=COLORS["highlight"],
    )
    ax.set(
        xlabel="words per document",
        ylabel="documents",
        title=f"Document lengths ({len(lengths):,} documents)",
    )
    ax.yaxis.get_major_locator().set_params(integer=True)
    data = pd.DataFrame(
        {"bin_start": edges[:-1].round(1), "bin_stop": edges[1:].round(1), "documents": counts}
    )
    return fig, data.astype({"documents": int})


def date_coverage_figure(corpus: pd.DataFrame) -> tuple[Figure, pd.DataFrame]:
    """Each dated document as a tick on a real time axis, with the undated count in the title.

    This answers "which years does the corpus cover, and where are the gaps?";
    counts per month or year are the timeline notebook's job. A corpus with
    no dated document gets a figure that says so, not an empty time axis.
    """
    dated = corpus.dropna(subset=["date"]).sort_values(["date", "doc_id"])
    undated = int(corpus["date"].isna().sum())
    data = dated[["doc_id", "date"]].assign(date=lambda d: d["date"].dt.date)
    fig, ax = plt.subplots(figsize=(9, 2.2))
    if dated.empty:
        ax.set_axis_off()
        ax.set_title("Publication dates", loc="left")
        message = (
            "No document has a publication date"
            + (f": all {undated:,} are undated." if undated else ".")
            + "\nAdd a «date:» field to the frontmatter to place them in time."
        )
        ax.text(0.5, 0.45, message, ha="center", va="center", color=COLORS["empty"])
        return fig, data.reset_index(drop=True)
    alpha = 1.0 if len(dated) < 200 else max(0.05, 200 / len(dated))
    ax.eventplot(
        dated["date"].to_numpy(), lineoffsets=0, linelengths=0.8, alpha=alpha, colors=BAR_COLOR
    )
    ax.set_yticks([])
    ax.grid(axis="y", visible=False)
    # In matplotlib's day numbers: a span of centuries overflows a pandas Timedelta.
    first, last = mdates.date2num([dated["date"].min(), dated["date"].max()])
    pad = max((last - first) * 0.05, 30)
    ax.set_xlim(first - pad, last + pad)
    ax.set_title(
        f"Publication dates: {len(dated):,} dated documents, {undated:,} without a date",
        loc="left",
    )
    return fig, data.reset_index(drop=True)


def findings(corpus: pd.DataFrame) -> list[str]:
    """What this corpus is, in Markdown bullets computed from it (for the notebook's close).

    Size, the span of publication dates (or that there are none), authors,
    the problems met on loading and the look-alike letters fixed; corpus text
    (titles, authors, file names) is escaped with :func:`helpers.prose.quote`.
    """
    from helpers.prose import count, quote

    lines = []
    if corpus.empty:
        return ["The folder holds no readable article: see the problems table above."]
    words = int(corpus["n_words"].sum())
    lines.append(
        f"{count(len(corpus), 'document')} with {words:,} words "
        f"(median {round(float(corpus['n_words'].median())):,} words per document)."
    )
    dated = corpus["date"].dropna()
    undated = len(corpus) - len(dated)
    if dated.empty:
        lines.append(
            "No document has a publication date, so nothing can be placed in time: "
            "notebook 01's publication chart will be empty."
        )
    else:
        years = sorted(dated.dt.year.unique())
        span = f"in {years[0]}" if len(years) == 1 else f"from {years[0]} to {years[-1]}"
        lines.append(
            f"Published {span} ({dated.min():%Y-%m-%d} to {dated.max():%Y-%m-%d})"
            + (f"; {count(undated, 'document')} without a date." if undated else ".")
        )
    authors = corpus["author"].dropna()
    if authors.empty:
        lines.append("No document names an author.")
    else:
        top = authors.value_counts().sort_index().sort_values(ascending=False, kind="stable")
        lines.append(
            f"{count(authors.nunique(), 'named author')}; the most frequent is "
            f"{quote(top.index[0])} ({count(int(top.iloc[0]), 'document')})."
        )
    fixed = corpus[corpus["homoglyphs_fixed"] > 0]
    if len(fixed):
        lines.append(
            f"Latin look-alike letters inside Cyrillic words were fixed in "
            f"{count(len(fixed), 'document')} ({int(fixed['homoglyphs_fixed'].sum()):,} letters)."
        )
    problems = problem_summary(corpus)
    if problems.empty:
        lines.append("Every file loaded without a problem.")
    else:
        kinds = ", ".join(
            f"{quote(r.problem)} ({r.files:,})" for r in problems.head(3).itertuples()
        )
        lines.append(f"Problems met on loading, most frequent first: {kinds}.")
    return lines
