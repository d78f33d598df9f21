"""A user's query matched in the corpus in any inflection, through lemmas.

A query is a word («забастовка»), a phrase («уголовное дело», which finds
«уголовных дел», «уголовному делу») or an entity («Курманов», which finds
every mention grouped under «Айнур Курманов», «Курманова» included). Each
query word is lemmatised by the project's lemmatizer (the one the token
table uses), so the user may type any form; case and ё/е do not matter.

* :func:`phrase_spans`: where a word or phrase occurs, one row per hit, from
  the token table of :func:`helpers.words.tokens`;
* :func:`entity_mentions`: the mentions (from :func:`helpers.entities.mentions`)
  of the entities a query names.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from helpers.nlp.lemmatizer import get_lemmatizer
from helpers.nlp.patterns import WORD, fold

__all__ = ["entity_mentions", "phrase_spans", "query_lemmas"]


def query_lemmas(query: str) -> list[frozenset[str]]:
    """For each word of ``query``, the folded lemmas it may stand for.

    The word's own lemma and the word itself as typed (so a user who types a
    lemma the dictionary would parse otherwise still finds it). Raises
    ValueError for a query without a word.
    """
    words = [m.group() for m in WORD.finditer(query or "")]
    if not words:
        raise ValueError(f"query {query!r} has no word to search for")
    lemmatizer = get_lemmatizer()
    return [frozenset({fold(lemmatizer.lemma(w)), fold(w)}) for w in words]


def phrase_spans(tokens: pd.DataFrame, query: str) -> pd.DataFrame:
    """Every occurrence of the word or phrase ``query``: ``doc_id``, ``start``, ``stop``.

    A phrase matches consecutive tokens (no punctuation between) whose lemmas
    are the query words' lemmas in order; the span runs from the first
    word's start to the last word's stop. Sorted by document and position.
    """
    wanted = query_lemmas(query)
    lemma = tokens["lemma"]
    categories = pd.Index(lemma.cat.categories.astype(str)).map(fold)
    codes = lemma.cat.codes.to_numpy()
    words = tokens["is_word"].to_numpy()
    docs = tokens["doc_id"].cat.codes.to_numpy()
    n = len(wanted)
    hits = np.zeros(max(len(tokens) - n + 1, 0), dtype=bool)
    if len(hits):
        hits[:] = True
        for k, forms in enumerate(wanted):
            in_set = categories.isin(list(forms))
            window = slice(k, k + len(hits))
            hits &= in_set[codes[window]] & words[window] & (docs[window] == docs[: len(hits)])
    where = np.flatnonzero(hits)
    return pd.DataFrame(
        {
            "doc_id": tokens["doc_id"].to_numpy()[where].astype(str),
            "start": tokens["start"].to_numpy()[where].astype("int64"),
            "stop": tokens["stop"].to_numpy()[where + n - 1].astype("int64"),
        }
    )


@lru_cache(maxsize=200_000)
def _name_lemmas(name: str) -> tuple[str, ...]:
    lemmatizer = get_lemmatizer()
    return tuple(fold(lemmatizer.lemma(m.group())) for m in WORD.finditer(name))


def _contains(sequence: tuple[str, ...], part: list[frozenset[str]]) -> bool:
    n = len(part)
    return any(
        all(sequence[i + k] in part[k] for k in range(n)) for i in range(len(sequence) - n + 1)
    )


def entity_mentions(mentions: pd.DataFrame, query: str) -> pd.DataFrame:
    """The mentions of every entity whose name contains ``query``, in any inflection.

    An entity matches when the query's lemmas occur, in order, among the
    lemmas of its canonical name or of a mention's own form: «Курманов»
    finds «Айнур Курманов»; «СДК» finds «Социалистическое движение
    Казахстана» through the alias table, which made it the canonical name.
    Sorted by document and position.
    """
    wanted = query_lemmas(query)
    names = pd.unique(pd.concat([mentions["canonical"], mentions["text"]]).astype(str))
    matching = {name for name in names if _contains(_name_lemmas(name), wanted)}
    canonical = set(mentions.loc[mentions["text"].astype(str).isin(matching), "canonical"])
    chosen = mentions["canonical"].astype(str).isin(matching | canonical)
    return mentions[chosen.to_numpy()].sort_values(["doc_id", "start"], kind="stable")
