"""Terms over time: any lemma, phrase or entity per period, against how much was published.

A raw count of hits per month mostly follows how many articles appeared that
month. :func:`trends` therefore gives, per period and term, the hits per
10,000 words and the share of the period's documents that name the term,
with the number of documents (and words) behind each period: a rise drawn
from three articles is visible as such. :func:`plot_trends` draws both rates
above a bar of documents per period, and returns ``(fig, data)``.
"""

from __future__ import annotations

from collections.abc import Iterable

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from helpers.dates.timeline import DEFAULT_MAX_BINS, FREQUENCIES, choose_frequency
from helpers.explore.sources import concise_dates
from helpers.explore.terms import entity_mentions, phrase_spans
from helpers.figures import BAR_COLOR

__all__ = ["TREND_COLUMNS", "plot_trends", "trends"]

TREND_COLUMNS = [
    "period",
    "start",
    "term",
    "kind",
    "hits",
    "docs_with",
    "n_docs",
    "n_words",
    "per_10k",
    "share_docs",
]
PER = 10_000
_ALIASES = {name: alias for alias, name in FREQUENCIES}


def _as_list(value: str | Iterable[str] | None) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def trends(
    corpus: pd.DataFrame,
    words: str | Iterable[str] | None = None,
    *,
    entities: str | Iterable[str] | None = None,
    tokens: pd.DataFrame | None = None,
    mentions: pd.DataFrame | None = None,
    freq: str = "auto",
    max_bins: int = DEFAULT_MAX_BINS,
) -> pd.DataFrame:
    """Hits of each word/phrase and entity per period, as rates, with the documents behind them.

    One row per period × term (every period from the first dated document to
    the last, empty ones as zero): ``period`` (label), ``start`` (first day),
    ``term``, ``kind`` (``words``/``entity``), ``hits``, ``docs_with`` (documents
    naming it), ``n_docs`` and ``n_words`` (all dated documents of the period,
    words as counted by the loader), ``per_10k`` (hits per 10,000 words) and
    ``share_docs`` (``docs_with / n_docs``; NaN for an empty period).
    ``freq``: ``auto`` (as the timeline chooses) or day, week, month, quarter,
    year. Undated documents cannot be placed: ``attrs["n_undated"]`` counts them.
    Selecting with ``per_story=True`` first makes every count one per story.
    """
    word_terms, entity_terms = _as_list(words), _as_list(entities)
    if not word_terms and not entity_terms:
        raise ValueError("trends needs at least one word, phrase or entity")
    dated = corpus[corpus["date"].notna()]
    alias = (
        choose_frequency(dated["date"], max_bins) if freq == "auto" else _ALIASES.get(freq, freq)
    )
    if alias not in dict(FREQUENCIES):
        raise ValueError(f"freq must be 'auto' or one of {sorted(_ALIASES)}, got {freq!r}")
    if dated.empty:
        out = pd.DataFrame({c: pd.Series(dtype=object) for c in TREND_COLUMNS})
        out.attrs.update(freq=dict(FREQUENCIES)[alias], n_undated=len(corpus))
        return out
    period_of = pd.Series(dated["date"].dt.to_period(alias).to_numpy(), index=dated["doc_id"])
    full = pd.period_range(period_of.min(), period_of.max(), freq=alias)
    docs = period_of.value_counts().reindex(full, fill_value=0)
    words_per = (
        pd.Series(dated["n_words"].to_numpy(), index=period_of.to_numpy())
        .groupby(level=0)
        .sum()
        .reindex(full, fill_value=0)
    )
    spans: list[tuple[str, str, pd.DataFrame]] = []
    if word_terms:
        if tokens is None:
            from helpers.words import tokens as token_table

            tokens = token_table(dated)
        spans += [(t, "words", phrase_spans(tokens, t)) for t in word_terms]
    if entity_terms:
        if mentions is None:
            from helpers.entities import mentions as mention_table

            mentions = mention_table(dated)
        spans += [(t, "entity", entity_mentions(mentions, t)) for t in entity_terms]
    rows = []
    labels = [f"{p.start_time:%Y-%m-%d}" if alias.startswith("W") else str(p) for p in full]
    for term, kind, found in spans:
        doc_ids = found["doc_id"].astype(str)
        doc_ids = doc_ids[doc_ids.isin(period_of.index)]
        periods = doc_ids.map(period_of)
        hits = periods.value_counts().reindex(full, fill_value=0)
        with_term = (
            pd.Series(doc_ids.to_numpy(), index=periods.to_numpy())
            .groupby(level=0)
            .nunique()
            .reindex(full, fill_value=0)
        )
        n_docs, n_words = docs.to_numpy(), words_per.to_numpy()
        with np.errstate(divide="ignore", invalid="ignore"):
            per_10k = np.where(n_words > 0, hits.to_numpy() * PER / n_words, np.nan)
            share = np.where(n_docs > 0, with_term.to_numpy() / n_docs, np.nan)
        rows.append(
            pd.DataFrame(
                {
                    "period": labels,
                    "start": full.start_time.normalize().astype("datetime64[ns]"),
                    "term": term,
                    "kind": kind,
                    "hits": hits.to_numpy().astype("int64"),
                    "docs_with": with_term.to_numpy().astype("int64"),
                    "n_docs": n_docs.astype("int64"),
                    "n_words": n_words.astype("int64"),
                    "per_10k": per_10k,
                    "share_docs": share,
                }
            )
        )
    out = pd.concat(rows, ignore_index=True)[TREND_COLUMNS]
    out.attrs.update(freq=dict(FREQUENCIES)[alias], n_undated=int(corpus["date"].isna().sum()))
    return out


def plot_trends(
    data: pd.DataFrame, *, title: str = "Terms over time"
) -> tuple[Figure, pd.DataFrame]:
    """Per 10,000 words and share of documents per term, above documents per period.

    Returns ``(fig, data)``: the figure and the table it draws (``data``
    as given), ready for :func:`helpers.figures.save_figure`.
    """
    fig, (ax_rate, ax_share, ax_docs) = plt.subplots(
        3, 1, figsize=(9, 7), sharex=True, gridspec_kw={"height_ratios": [3, 3, 1.4]}
    )
    if data.empty:
        ax_rate.set_title(title)
        ax_rate.text(
            0.5,
            0.5,
            "No dated documents: nothing to draw.",
            ha="center",
            transform=ax_rate.transAxes,
        )
        return fig, data
    freq = data.attrs.get("freq", "period")
    # A rate is undefined in a period without documents: such periods are skipped (the panel of
    # documents per period shows the gap), so the periods that have documents are drawn and joined
    # even when every other week is empty; markers while the points are few enough to see.
    dated = data[data["n_docs"] > 0]
    marker = "o" if dated["period"].nunique() <= 24 else None
    for term, rows in dated.groupby("term", sort=False):
        kind = rows["kind"].iloc[0]
        label = f"{term} (entity)" if kind == "entity" else term
        ax_rate.plot(rows["start"], rows["per_10k"], marker=marker, label=label)
        ax_share.plot(rows["start"], rows["share_docs"] * 100, marker=marker, label=label)
    ax_rate.set_title(title)
    ax_rate.set_ylabel("hits per 10,000 words")
    ax_share.set_ylabel("% of documents")
    ax_rate.legend(fontsize=8, loc="upper left", frameon=False)
    periods = data.drop_duplicates("period")
    width = periods["start"].diff().dt.days.median()
    width = 20 if pd.isna(width) else width
    ax_docs.bar(
        periods["start"], periods["n_docs"], width=width * 0.8, align="edge", color=BAR_COLOR
    )
    ax_docs.set_ylabel(f"documents\nper {freq}")
    ax_docs.yaxis.get_major_locator().set_params(integer=True)
    concise_dates(ax_docs)
    undated = data.attrs.get("n_undated", 0)
    if undated:
        ax_docs.set_xlabel(
            f"{undated:,} undated documents not shown", fontsize=9, color="#555555", loc="left"
        )
    fig.tight_layout()
    return fig, data
