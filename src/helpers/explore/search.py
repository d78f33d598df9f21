"""Search the corpus: a concordance for any word, phrase or entity, with its provenance.

:func:`search` finds every occurrence of each query (words and phrases through
lemmas, so «уголовное дело» finds «уголовных дел»; entities through the
grouped mentions, so «Курманов» finds «Айнура Курманова») and returns one row
per hit with the document's title, date and source and the hit in context.
:func:`show_search` displays it as a table that sorts and searches in the
report. Any notebook can call it after loading (and selecting) its corpus.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from helpers.context import in_context
from helpers.display import show_table
from helpers.explore.terms import entity_mentions, phrase_spans

__all__ = ["SEARCH_COLUMNS", "search", "search_counts", "show_search"]

SEARCH_COLUMNS = [
    "query",
    "kind",
    "doc_id",
    "title",
    "date",
    "source",
    "left",
    "match",
    "right",
    "start",
    "stop",
]


def _queries(value: str | Iterable[str] | None) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else [str(v) for v in value]


def search(
    corpus: pd.DataFrame,
    words: str | Iterable[str] | None = None,
    *,
    entities: str | Iterable[str] | None = None,
    tokens: pd.DataFrame | None = None,
    mentions: pd.DataFrame | None = None,
    width: int = 60,
    limit: int | None = None,
) -> pd.DataFrame:
    """Every hit of each word or phrase in ``words`` and each entity in ``entities``.

    Columns: ``query`` (as given), ``kind`` (``words`` or ``entity``),
    ``doc_id``, ``title``, ``date``, ``source``, ``left``, ``match`` (as
    written), ``right`` (``width`` characters of context, see
    :func:`helpers.context.in_context`), ``start``, ``stop`` (offsets into the
    document's ``text``). Sorted by query, date, document and position; a query
    with no hit has no rows (``attrs["hits"]`` counts hits per query, zeros
    included). ``limit`` keeps the first N hits of each query. ``tokens`` and
    ``mentions`` pass tables already computed for ``corpus`` (else they are
    read from the cache or computed: entity search runs NER once per document).
    """
    word_queries, entity_queries = _queries(words), _queries(entities)
    if not word_queries and not entity_queries:
        raise ValueError("search needs at least one word, phrase or entity")
    parts: list[pd.DataFrame] = []
    if word_queries and tokens is None:
        from helpers.words import tokens as token_table

        tokens = token_table(corpus)
    if entity_queries and mentions is None:
        from helpers.entities import mentions as mention_table

        mentions = mention_table(corpus)
    for query in word_queries:
        spans = phrase_spans(tokens, query)
        parts.append(spans.assign(query=query, kind="words"))
    for query in entity_queries:
        spans = entity_mentions(mentions, query)[["doc_id", "start", "stop"]]
        parts.append(spans.astype({"doc_id": str}).assign(query=query, kind="entity"))
    hits = pd.concat(parts, ignore_index=True)
    meta = corpus.set_index("doc_id")
    hits["title"] = hits["doc_id"].map(meta["title"])
    hits["date"] = hits["doc_id"].map(meta["date"]).astype("datetime64[ns]")
    hits["source"] = hits["doc_id"].map(meta["source"]) if "source" in meta else None
    order = {q: i for i, q in enumerate(dict.fromkeys(word_queries + entity_queries))}
    hits = hits.assign(_q=hits["query"].map(order)).sort_values(
        ["_q", "date", "doc_id", "start"], kind="stable", na_position="last"
    )
    counts = hits.groupby("query", sort=False).size()
    if limit is not None:
        hits = hits.groupby("_q", sort=False).head(limit)
    lines = in_context(corpus, hits.drop(columns="_q"), width=width)
    lines = lines[SEARCH_COLUMNS].reset_index(drop=True)
    lines.attrs["hits"] = {q: int(counts.get(q, 0)) for q in order}
    return lines


def show_search(hits: pd.DataFrame, *, caption: str | None = None) -> None:
    """Display :func:`search` hits as a sortable, searchable concordance table."""
    shown = hits[["query", "date", "source", "title", "left", "match", "right", "doc_id"]].copy()
    shown["date"] = shown["date"].dt.strftime("%Y-%m-%d").fillna("—")
    if caption is None:
        found = hits.attrs.get("hits", {})
        caption = "; ".join(f"{q}: {n:,} hits" for q, n in found.items()) or None
    show_table(shown, caption=caption)


def search_counts(hits: pd.DataFrame, corpus: pd.DataFrame) -> pd.DataFrame:
    """Hits, articles and stories per query and source.

    Columns ``query``, ``source`` (unknown ones as «(no source)»), ``hits``,
    ``articles``, ``stories``; largest first within each query.
    """
    from helpers.explore.sources import NO_SOURCE

    if hits.empty:
        return pd.DataFrame(columns=["query", "source", "hits", "articles", "stories"])
    story = corpus.set_index("doc_id")["story_id"] if "story_id" in corpus else None
    frame = hits.assign(
        source=hits["source"].astype(object).where(hits["source"].notna(), NO_SOURCE),
        story=hits["doc_id"].map(story) if story is not None else hits["doc_id"],
    )
    table = (
        frame.groupby(["query", "source"], sort=False)
        .agg(hits=("doc_id", "size"), articles=("doc_id", "nunique"), stories=("story", "nunique"))
        .reset_index()
    )
    order = {q: i for i, q in enumerate(dict.fromkeys(hits["query"]))}
    table = table.assign(_q=table["query"].map(order)).sort_values(
        ["_q", "hits", "source"], ascending=[True, False, True], kind="stable"
    )
    return table.drop(columns="_q").reset_index(drop=True)
