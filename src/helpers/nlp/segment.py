"""One segmentation of a text: paragraphs and list items, sentences, tokens.

Every table of the project cuts the text the same way, here, and carries the
same two ids, so any table joins any other (and the token table) on
``doc_id`` plus ``para`` or ``sent``:

``para``
    The paragraph or list item, numbered from 0 within the document. A
    paragraph is a run of non-blank lines; a line that starts with a list
    marker («- », «-закрыть», «• », «1. », «2) ») starts a new one, so a list
    of signatories is one unit per name. These are the units natasha's NER
    tagger reads (run over a whole document it merges names across lines).
``sent``
    The sentence, numbered from 0 within the document. A line break always
    ends a sentence (list items and headings carry no full stop); razdel
    splits sentences within a line, except where the text before the cut
    does not end like a sentence (with . ! ? …): razdel also cuts before an
    inline enumeration («требования: 1) …; 2) …»), which is one sentence.
    A sentence never crosses a paragraph, and is at most ``MAX_SENTENCE_CHARS``
    long (a longer stretch without a sentence end is cut at whitespace), so
    every stage stays linear in the length of a line.

Tokens are razdel's, within each sentence, with a dash glued to a list item
(«-закрыть») split off as punctuation. All offsets are character offsets
into the document's text (``corpus["text"]``).

:func:`sentence_table` is the per-document sentence table of a corpus
(cached, like every slow stage), and :func:`attach_ids` gives any table of
spans (mentions, dates, demands) the ``para`` and ``sent`` of the token at
its start offset.
"""

from __future__ import annotations

import bisect
import re
import sys
from collections.abc import Iterable
from functools import lru_cache
from importlib.metadata import version

import numpy as np
import pandas as pd
import razdel

from helpers.nlp.pieces import bounded_pieces

__all__ = [
    "SENTENCE_COLUMNS",
    "attach_ids",
    "locate",
    "paragraphs",
    "sentence_table",
    "sentences",
    "sentences_in",
    "tokens",
]

#: Columns of :func:`sentence_table`.
SENTENCE_COLUMNS = ["doc_id", "para", "sent", "start", "stop"]

# A list item starts a line with a dash, bullet or number: "- ...", "-закрыть", "1. ...", "2) ".
_LIST_ITEM = re.compile(r"[ \t]*(?:[-–—•*](?=\s|\w)|\d{1,3}[.)](?=\s))")
_LINE = re.compile(r"[^\n]+")
#: A sentence ends with . ! ? … (maybe followed by closing quotes or brackets).
_ENDS_SENTENCE = re.compile(r"[.!?…][»\"”’)\]]*$")
_DASHES = "-‐–—"
#: No sentence is longer: a longer stretch without a sentence end (a table, a page on one
#: line) is cut at whitespace (:func:`helpers.nlp.pieces.bounded_pieces`).
MAX_SENTENCE_CHARS = 2000
#: razdel's release: a new one may cut differently, so cached sentences follow it.
_RAZDEL_VERSION = version("razdel")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """``(start, stop)`` of each paragraph and list item (the ``para`` ids, in order).

    A unit is a run of non-blank lines; a line that starts with a list marker
    starts a new unit. Leading and trailing spaces are left out.
    """
    units: list[tuple[int, int]] = []
    start = stop = None
    offset = 0
    for line in text.split("\n"):
        line_start, offset = offset, offset + len(line) + 1
        if not line.strip():
            if start is not None:
                units.append((start, stop))
                start = None
            continue
        if start is not None and _LIST_ITEM.match(line):
            units.append((start, stop))
            start = None
        if start is None:
            start = line_start
        stop = line_start + len(line)
    if start is not None:
        units.append((start, stop))
    out: list[tuple[int, int]] = []
    for a, b in units:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            out.append((a, b))
    return out


@lru_cache(maxsize=256)
def sentences(text: str) -> tuple[tuple[int, int, int], ...]:
    """``(para, start, stop)`` of each sentence (the ``sent`` ids are the positions).

    Cached for the last few texts: the stages of one document (tokens, dates,
    demands) ask for the same cut.
    """
    units = paragraphs(text)
    para_starts = [a for a, _ in units]
    out: list[tuple[int, int, int]] = []
    for line in _LINE.finditer(text):
        pieces: list[list[int]] = []
        # razdel's splitter grows with the square of a line without sentence ends
        # (a page scraped onto one line): a long line reaches it in bounded pieces.
        for base, end in bounded_pieces(text, line.start(), line.end(), MAX_SENTENCE_CHARS):
            chunk = text[base:end]
            for sentence in razdel.sentenize(chunk):
                start, stop = base + sentence.start, base + sentence.stop
                if (
                    pieces
                    and stop - pieces[-1][0] <= MAX_SENTENCE_CHARS
                    and not _ENDS_SENTENCE.search(text, max(0, pieces[-1][1] - 64), pieces[-1][1])
                ):
                    pieces[-1][1] = stop  # «…на 50%; 2) вернуть …»: one sentence
                else:
                    pieces.append([start, stop])
        for start, stop in pieces:
            para = max(0, _bisect(para_starts, start))
            out.append((para, start, stop))
    return tuple(out)


def sentences_in(text: str, start: int, stop: int) -> list[tuple[int, int]]:
    """The sentences of ``text`` that overlap ``text[start:stop]``, clipped to it.

    For work on part of a line (a list header, an item): the cut is the
    document's own, so a sentence found here is a ``sent`` of the token table.
    """
    spans = sentences(text)
    stops = _stops(text)
    out = []
    for k in range(bisect.bisect_right(stops, start), len(spans)):
        _, a, b = spans[k]
        if a >= stop:
            break
        out.append((max(a, start), min(b, stop)))
    return out


@lru_cache(maxsize=256)
def _stops(text: str) -> list[int]:
    return [b for _, _, b in sentences(text)]


def _bisect(starts: list[int], offset: int) -> int:
    """Index of the last start at or before ``offset`` (-1 when none)."""
    return int(np.searchsorted(starts, offset, side="right")) - 1


def tokens(text: str) -> Iterable[tuple[int, int, int, int]]:
    """Yield ``(para, sent, start, stop)`` for each token of ``text``."""
    for sent, (para, s_start, s_stop) in enumerate(sentences(text)):
        for tok in razdel.tokenize(text[s_start:s_stop]):
            start, stop = s_start + tok.start, s_start + tok.stop
            token = tok.text
            if len(token) > 1 and token[0] in _DASHES and token[1].isalpha():
                yield para, sent, start, start + 1
                start += 1
            yield para, sent, start, stop


def locate(text: str, offsets: Iterable[int]) -> tuple[np.ndarray, np.ndarray]:
    """``(para, sent)`` arrays for character offsets into ``text``.

    An offset gets the sentence it falls in (an offset between two sentences,
    on a space, the one before it; before the first sentence, the first).
    """
    spans = sentences(text)
    starts = np.fromiter((s for _, s, _ in spans), dtype=np.int64, count=len(spans))
    paras = np.fromiter((p for p, _, _ in spans), dtype=np.int64, count=len(spans))
    where = np.asarray(list(offsets), dtype=np.int64)
    if not len(spans):
        zero = np.zeros(len(where), dtype=np.int64)
        return zero, zero.copy()
    sent = np.clip(np.searchsorted(starts, where, side="right") - 1, 0, None)
    return paras[sent], sent


# --------------------------------------------------------------------------- tables


def _sentence_rows(corpus: pd.DataFrame) -> pd.DataFrame:
    """The sentence table of ``corpus`` (what :func:`sentence_table` caches)."""
    doc_ids, paras, sents, starts, stops = [], [], [], [], []
    for doc_id, text in zip(corpus["doc_id"].astype(str), corpus["text"], strict=True):
        if not isinstance(text, str):
            continue
        spans = sentences(text)
        doc_ids.extend([doc_id] * len(spans))
        paras.extend(p for p, _, _ in spans)
        sents.extend(range(len(spans)))
        starts.extend(s for _, s, _ in spans)
        stops.extend(e for _, _, e in spans)
    return pd.DataFrame(
        {
            "doc_id": pd.Series(doc_ids, dtype="str"),
            "para": np.asarray(paras, dtype=np.int64),
            "sent": np.asarray(sents, dtype=np.int64),
            "start": np.asarray(starts, dtype=np.int64),
            "stop": np.asarray(stops, dtype=np.int64),
        }
    )


def sentence_table(corpus: pd.DataFrame, *, cache: bool = True) -> pd.DataFrame:
    """One row per sentence of every document: ``doc_id``, ``para``, ``sent``, ``start``, ``stop``.

    Cached per document (by the text's hash and this module's code), so the
    stages that attach ids to their spans do not cut the text again.
    """
    from helpers.cache import cached_per_document, code_version

    version = code_version(sys.modules[__name__], extra=_RAZDEL_VERSION)
    return cached_per_document(
        corpus, _sentence_rows, stage="sentences", version=version, cache=cache
    )


def attach_ids(spans: pd.DataFrame, corpus: pd.DataFrame, *, cache: bool = True) -> pd.DataFrame:
    """``spans`` (``doc_id``, ``start``, ...) with ``para`` and ``sent`` inserted after ``doc_id``.

    Each span takes the ids of the sentence (hence of the token) its
    ``start`` offset falls in, so the table joins the token table on
    ``doc_id`` + ``sent`` or ``para``. The row order and every other column
    are unchanged.
    """
    out = spans.drop(columns=[c for c in ("para", "sent") if c in spans.columns])
    position = list(out.columns).index("doc_id") + 1
    para = np.zeros(len(out), dtype=np.int64)
    sent = np.zeros(len(out), dtype=np.int64)
    if len(out):
        table = sentence_table(corpus[corpus["doc_id"].isin(out["doc_id"])], cache=cache)
        docs = pd.Index(pd.unique(table["doc_id"].astype(str)))
        # One sorted key over every document: (document code, start offset).
        t_doc = docs.get_indexer(table["doc_id"].astype(str)).astype(np.int64)
        t_key = (t_doc << 32) + table["start"].to_numpy(np.int64)
        s_doc = docs.get_indexer(out["doc_id"].astype(str)).astype(np.int64)
        s_key = (s_doc << 32) + out["start"].to_numpy(np.int64)
        row = np.searchsorted(t_key, s_key, side="right") - 1
        # A span before its document's first sentence takes that sentence.
        first = np.searchsorted(t_key, s_doc << 32, side="left")
        row = np.where((row < first) | (row < 0), first, row)
        known = (s_doc >= 0) & (row < len(t_key))
        row = np.where(known, row, 0)
        if len(t_key):
            para = np.where(known, table["para"].to_numpy(np.int64)[row], 0)
            sent = np.where(known, table["sent"].to_numpy(np.int64)[row], 0)
    out.insert(position, "para", para)
    out.insert(position + 1, "sent", sent)
    return out
