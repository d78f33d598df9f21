"""Compare sources (outlets): how much each published when, which words and names set it apart.

Every document has a ``source`` (see :func:`helpers.corpus.provenance.document_source`).
* :func:`sources_over_time` / :func:`plot_sources_over_time`: articles per source per period;
* :func:`distinctive_by_source`: each source's most distinctive lemmas (keyness, G²,
  against all other sources), from :func:`helpers.words.distinctive`;
* :func:`entities_by_source`: the entities each source names most;
* :func:`language_table`, :func:`story_table`: languages, and stories told more than once
  (notebook 00).
"""

from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

from helpers.dates.timeline import DEFAULT_MAX_BINS, period_counts

__all__ = [
    "NO_SOURCE",
    "distinctive_by_source",
    "entities_by_source",
    "language_table",
    "plot_sources_over_time",
    "source_labels",
    "sources_over_time",
    "story_table",
]

#: Label of documents whose source is unknown (top-level files without a source field).
NO_SOURCE = "(no source)"
OTHER_SOURCES = "(other sources)"


def source_labels(corpus: pd.DataFrame) -> pd.Series:
    """Each document's source, unknown ones as :data:`NO_SOURCE` (indexed like ``corpus``)."""
    if "source" not in corpus.columns:
        return pd.Series(NO_SOURCE, index=corpus.index, dtype=object)
    return corpus["source"].astype(object).where(corpus["source"].notna(), NO_SOURCE)


def sources_over_time(
    corpus: pd.DataFrame, *, freq: str = "auto", top: int = 8, max_bins: int = DEFAULT_MAX_BINS
) -> pd.DataFrame:
    """Dated articles per source and period: ``period``, ``start``, ``end``, ``source``, ``count``.

    The ``top`` sources by articles keep their names; the rest are summed as
    «(other sources)». Every period from first to last appears for every
    source, empty ones as zero. ``attrs``: ``freq``, ``n_undated``, ``n_sources``.
    """
    labels = source_labels(corpus)
    ranked = labels.value_counts()
    keep = set(ranked.head(top).index)
    grouped = labels.where(labels.isin(keep), OTHER_SOURCES)
    overall = period_counts(corpus["date"], freq, max_bins=max_bins)
    alias_name = overall.attrs["freq"]
    parts = []
    for source in [*ranked.head(top).index, OTHER_SOURCES]:
        dates = corpus.loc[grouped == source, "date"]
        if dates.empty:
            continue
        counts = period_counts(dates, alias_name, max_bins=max_bins)
        counts = overall[["period", "start", "end"]].merge(
            counts[["period", "count"]], on="period", how="left"
        )
        parts.append(counts.assign(source=source, count=counts["count"].fillna(0).astype("int64")))
    out = (
        pd.concat(parts, ignore_index=True)[["period", "start", "end", "source", "count"]]
        if parts
        else pd.DataFrame(columns=["period", "start", "end", "source", "count"])
    )
    out.attrs.update(
        freq=alias_name, n_undated=int(corpus["date"].isna().sum()), n_sources=len(ranked)
    )
    return out


def concise_dates(ax) -> None:
    """Date ticks that say only what changes (years, then months, then days)."""
    locator = mdates.AutoDateLocator(minticks=3, maxticks=9)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))


def plot_sources_over_time(
    counts: pd.DataFrame, *, title: str = "Articles per source"
) -> tuple[Figure, pd.DataFrame]:
    """Stacked bars of :func:`sources_over_time`; returns ``(fig, counts)``."""
    fig, ax = plt.subplots(figsize=(9, 4.5))
    ax.set_title(title)
    if counts.empty or counts["count"].sum() == 0:
        ax.text(
            0.5, 0.5, "No dated documents: nothing to draw.", ha="center", transform=ax.transAxes
        )
        return fig, counts
    wide = counts.pivot_table(
        index="start", columns="source", values="count", aggfunc="sum", sort=False
    ).fillna(0)
    wide = wide.loc[:, wide.sum() > 0]  # a source with no dated article has no bar to show
    ends = counts.drop_duplicates("start").set_index("start")["end"]
    widths = ((ends - ends.index).dt.days + 1).reindex(wide.index) * 0.85
    bottom = pd.Series(0.0, index=wide.index)
    colors = plt.get_cmap("tab10").colors
    for i, source in enumerate(wide.columns):
        ax.bar(
            wide.index,
            wide[source],
            bottom=bottom,
            width=widths,
            align="edge",
            color=colors[i % len(colors)],
            label=source,
            edgecolor="none",
        )
        bottom += wide[source]
    ax.set_ylabel(f"articles per {counts.attrs.get('freq', 'period')}")
    concise_dates(ax)
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.legend(fontsize=8, frameon=False, loc="upper left", ncols=2)
    undated = counts.attrs.get("n_undated", 0)
    if undated:
        ax.set_xlabel(
            f"{undated:,} undated articles not shown", fontsize=9, color="#555555", loc="left"
        )
    return fig, counts


def distinctive_by_source(
    tokens: pd.DataFrame, corpus: pd.DataFrame, *, top: int = 10, min_freq: int = 3
) -> pd.DataFrame:
    """The ``top`` most distinctive lemmas of each source against all the others (keyness).

    Columns as :func:`helpers.words.distinctive` with ``by="source"``. Empty
    when the corpus has fewer than two sources (nothing to compare with).
    """
    from helpers.words import distinctive

    labelled = corpus.assign(source=source_labels(corpus))
    if labelled["source"].nunique() < 2:
        return pd.DataFrame(columns=["source", "rank", "lemma", "count", "per_10k", "g2"])
    return distinctive(tokens, by="source", corpus=labelled, top=top, min_freq=min_freq)


def entities_by_source(
    mentions: pd.DataFrame, corpus: pd.DataFrame, *, top: int = 10
) -> pd.DataFrame:
    """The ``top`` entities each source names most: ``source``, ``rank``, ``canonical``,
    ``type``, ``mentions``, ``documents`` (of that source naming it), ``share_docs``."""
    labels = pd.Series(source_labels(corpus).to_numpy(), index=corpus["doc_id"].astype(str))
    per_source_docs = labels.value_counts()
    frame = mentions.assign(source=mentions["doc_id"].astype(str).map(labels))
    frame = frame[frame["source"].notna()]
    table = (
        frame.groupby(["source", "canonical", "type"], observed=True)
        .agg(mentions=("doc_id", "size"), documents=("doc_id", "nunique"))
        .reset_index()
        .sort_values(
            ["source", "mentions", "documents", "canonical"],
            ascending=[True, False, False, True],
            kind="stable",
        )
    )
    table = table.groupby("source", sort=False).head(top)
    table.insert(1, "rank", table.groupby("source", sort=False).cumcount() + 1)
    table["share_docs"] = table["documents"] / table["source"].map(per_source_docs)
    return table.reset_index(drop=True)


def language_table(corpus: pd.DataFrame) -> pd.DataFrame:
    """Documents and words per language (``language``, ``documents``, ``words``, ``share``).

    A document without letters has no language and is counted as «?».
    """
    lang = corpus["language"].astype(object).where(corpus["language"].notna(), "?")
    table = (
        corpus.assign(language=lang)
        .groupby("language")
        .agg(documents=("doc_id", "size"), words=("n_words", "sum"))
        .sort_values(["documents", "words"], ascending=False)
        .reset_index()
    )
    table["share"] = table["documents"] / max(len(corpus), 1)
    return table


def story_table(corpus: pd.DataFrame, *, min_articles: int = 2) -> pd.DataFrame:
    """Stories told by at least ``min_articles`` articles (reposts and edited reprints).

    One row per story: ``story_id`` (its first publication), ``articles``,
    ``sources`` (how many), ``source_list``, ``first``, ``last`` (dates),
    ``exact_reposts`` (members whose text is identical to an earlier one:
    ``duplicate_of`` set), ``title`` (of the first publication). Largest first.
    """
    labels = source_labels(corpus)
    frame = corpus.assign(_source=labels, _repost=corpus["duplicate_of"].notna())
    grouped = frame.groupby("story_id", sort=False)
    table = pd.DataFrame(
        {
            "articles": grouped.size(),
            "sources": grouped["_source"].nunique(),
            "source_list": grouped["_source"].agg(lambda s: ", ".join(sorted(set(s)))),
            "first": grouped["date"].min(),
            "last": grouped["date"].max(),
            "exact_reposts": grouped["_repost"].sum().astype("int64"),
        }
    )
    titles = corpus.set_index("doc_id")["title"]
    table = table[table["articles"] >= min_articles].reset_index()
    table["title"] = table["story_id"].map(titles)
    return table.sort_values(["articles", "story_id"], ascending=[False, True]).reset_index(
        drop=True
    )
