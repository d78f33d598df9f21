"""Keyword in context: any span of a document shown with the text either side.

One routine for every concordance in the project (:func:`helpers.words.kwic`,
:func:`helpers.dates.timeline.date_contexts`, entity mentions), so that all of them
cut, mark line breaks and flag truncation the same way.

A span is any row with ``doc_id``, ``start`` and ``stop`` such that
``corpus.text[start:stop]`` is the span's text (the project-wide convention).
"""

from __future__ import annotations

import re

import pandas as pd

__all__ = ["ELLIPSIS", "LINE_BREAK", "in_context", "one_line"]

#: Shown where a line break (or a blank line between paragraphs) was, so that
#: a context row stays on one line and still shows where a list item or
#: paragraph ended.
LINE_BREAK = "¶"
#: Marks a context cut short (the text goes on beyond it).
ELLIPSIS = "…"

_BREAK = re.compile(r"[^\S\n]*\n\s*")
_SPACES = re.compile(r"[^\S\n]+")


def one_line(text: str) -> str:
    """``text`` on one line: whitespace runs as one space, a run with a line break as `` ¶ ``."""
    return _SPACES.sub(" ", _BREAK.sub(f" {LINE_BREAK} ", text))


def _cut_left(text: str, start: int, width: int) -> str:
    """At most ``width`` characters (as displayed) before ``start``, cut at a word boundary."""
    if width == 0:
        return ""
    shown = one_line(text[max(0, start - 2 * width - 10) : start])
    if start == 0 or (len(shown) <= width and start <= 2 * width + 10):
        return shown
    room = width - 1  # the ellipsis takes one character
    kept = shown[-room:] if room > 0 else ""
    space = kept.find(" ")
    if 0 <= space < len(kept) // 2:  # drop a broken word, unless that loses too much
        kept = kept[space + 1 :]
    return ELLIPSIS + kept


def _cut_right(text: str, stop: int, width: int) -> str:
    """At most ``width`` characters (as displayed) after ``stop``, cut at a word boundary."""
    if width == 0:
        return ""
    shown = one_line(text[stop : stop + 2 * width + 10])
    if len(shown) <= width and stop + 2 * width + 10 >= len(text):
        return shown
    room = width - 1
    kept = shown[:room] if room > 0 else ""
    space = kept.rfind(" ")
    if space > len(kept) // 2:
        kept = kept[:space]
    return kept + ELLIPSIS


def in_context(
    corpus: pd.DataFrame,
    spans: pd.DataFrame,
    width: int = 50,
    limit: int | None = None,
) -> pd.DataFrame:
    """Each span with up to ``width`` characters of its document either side.

    Parameters
    ----------
    corpus:
        The frame from :func:`helpers.load_corpus` (``doc_id`` and ``text``
        are used).
    spans:
        Any frame with ``doc_id``, ``start`` and ``stop`` (tokens, dates,
        entity mentions ...), offsets into ``corpus.text``. Other columns are
        kept as they are.
    width:
        Characters of context on each side, counted as displayed (after line
        breaks become `` ¶ `` and runs of spaces one space), including the
        ``…`` that marks a cut. A cut falls at a word boundary unless that
        would lose more than half of the width.
    limit:
        Keep only the first ``limit`` spans, in the order given (sort first).

    Returns
    -------
    DataFrame
        The spans' columns (same order, fresh 0..n-1 index) plus ``left``,
        ``match`` (the span's text) and ``right``, each on one line: a line
        break is shown as :data:`LINE_BREAK` (``¶``), and ``…`` starts
        ``left`` / ends ``right`` when the document goes on beyond the
        context. Existing columns with those names are replaced.

    Raises
    ------
    ValueError
        Naming the document, when a span's ``doc_id`` is not in ``corpus`` or
        its offsets do not fit the document's text (spans from another corpus).
    """
    missing = {"doc_id", "start", "stop"} - set(spans.columns)
    if missing:
        raise ValueError(
            f"in_context needs span columns doc_id, start, stop; missing {sorted(missing)}"
        )
    if width < 0:
        raise ValueError(f"width must be >= 0, got {width}")
    chosen = spans if limit is None else spans.head(limit)
    out = chosen.drop(columns=["left", "match", "right"], errors="ignore").reset_index(drop=True)
    texts = dict(zip(corpus["doc_id"].astype(str), corpus["text"], strict=True))
    lefts, matches, rights = [], [], []
    for doc_id, start, stop in zip(
        out["doc_id"].astype(str), out["start"], out["stop"], strict=True
    ):
        text = texts.get(doc_id)
        if not isinstance(text, str):
            raise ValueError(
                f"{doc_id}: span's document is not in the corpus (or has no text); "
                "pass the corpus the spans were found in"
            )
        start, stop = int(start), int(stop)
        if not 0 <= start <= stop <= len(text):
            raise ValueError(
                f"{doc_id}: span {start}:{stop} does not fit the text ({len(text)} characters); "
                "pass the corpus the spans were found in"
            )
        lefts.append(_cut_left(text, start, width))
        matches.append(one_line(text[start:stop]))
        rights.append(_cut_right(text, stop, width))
    out["left"] = pd.Series(lefts, dtype=object)
    out["match"] = pd.Series(matches, dtype=object)
    out["right"] = pd.Series(rights, dtype=object)
    return out
