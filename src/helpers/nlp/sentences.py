"""Sentence boundaries by rule, for stages that need the sentence around a match.

razdel segments whole texts into sentences well but costs time on every
character; a stage that only needs the sentence around a few matches (the
protest-event triggers of :mod:`helpers.events`) reads boundaries with one
regular expression instead: a line break, or «.», «!», «?», «…» followed by
space and a capital letter, a digit, a quote or a dash. A period after an
initial («А. Курманов») or a short abbreviation («г.», «ул.», «им.») is no
boundary.
"""

from __future__ import annotations

import re
from bisect import bisect_right

__all__ = ["sentence_around", "sentence_spans"]

_CANDIDATE = re.compile(r"[.!?…]+[»\"”)]*(?=\s+[«\"„(—–\-]?\s*[A-ZА-ЯЁ0-9])|\n")
#: Short words a period follows without ending the sentence («г.», «ул.», «им.»).
_ABBREVIATIONS = frozenset(
    [
        "г",
        "гг",
        "ул",
        "им",
        "т",
        "тыс",
        "млн",
        "млрд",
        "руб",
        "проф",
        "д",
        "с",
        "п",
        "ст",
        "см",
        "др",
        "пр",
        "н",
        "о",
        "обл",
        "р-н",
        "пос",
        "ч",
    ]
)
_WORD_BEFORE = re.compile(r"(\w[\w-]*)$")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, stop)`` of every sentence of ``text``, leading and trailing space trimmed."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _CANDIDATE.finditer(text):
        if match.group() != "\n" and match.group()[0] == ".":
            before = _WORD_BEFORE.search(text, max(0, match.start() - 12), match.start())
            word = before.group(1) if before else ""
            if (len(word) == 1 and word.isupper()) or word.lower() in _ABBREVIATIONS:
                continue
        _append(text, start, match.end(), spans)
        start = match.end()
    _append(text, start, len(text), spans)
    return spans


def _append(text: str, start: int, stop: int, spans: list[tuple[int, int]]) -> None:
    while start < stop and text[start].isspace():
        start += 1
    while stop > start and text[stop - 1].isspace():
        stop -= 1
    if stop > start:
        spans.append((start, stop))


def sentence_around(starts: list[int], position: int) -> int:
    """Index of the sentence holding ``position``; ``starts``: the sentences' start offsets."""
    return max(0, bisect_right(starts, position) - 1)
