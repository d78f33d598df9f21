"""Cut a long stretch of text into bounded pieces, at sentence ends where it can.

razdel's sentence splitter and natasha's tagger grow faster than linearly with
the length of what they are given (razdel about with its square: a 200 KB line
with no sentence end takes seconds, a 4.7 MB one many minutes). Real sentences
are short, so a stretch longer than ``limit`` characters is cut first at
sentence ends, then (for a "sentence" longer than the limit: a scraped page on
one line, a table) at the last whitespace before the limit, then anywhere.
Every stage that hands text to those tools cuts it here, so the work stays
linear in the text's length and ordinary text is never cut.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = ["SENTENCE_END", "bounded_pieces"]

#: Where a sentence ends: its punctuation, closing quotes, space, then a capital, quote or digit.
SENTENCE_END = re.compile(r"[.!?…]+[»\"”)]*\s+(?=[«\"(А-ЯЁA-Z0-9])")
_SPACE = re.compile(r"\s+")


def _cut_hard(text: str, start: int, stop: int, limit: int) -> Iterator[tuple[int, int]]:
    """Pieces of at most ``limit`` characters, cut at the last whitespace when there is one."""
    while stop - start > limit:
        window_end = start + limit
        cut = None
        for match in _SPACE.finditer(text, start + limit // 2, window_end):
            cut = match
        if cut is None:
            yield start, window_end
            start = window_end
        else:
            yield start, cut.start()
            start = cut.end()
    if start < stop:
        yield start, stop


def bounded_pieces(text: str, start: int, stop: int, limit: int) -> Iterator[tuple[int, int]]:
    """(start, stop) offsets of pieces of ``text[start:stop]``, none over ``limit`` characters.

    Pieces cover the stretch in order; what lies between two pieces is the
    whitespace they were cut at. A stretch within the limit is one piece.
    """
    if stop - start <= limit:
        yield start, stop
        return
    piece_start = start
    last_cut: tuple[int, int] | None = None
    for match in SENTENCE_END.finditer(text, start, stop):
        end_of_sentence = match.start() + len(match.group().rstrip())
        if end_of_sentence - piece_start > limit:
            if last_cut is not None and last_cut[0] > piece_start:
                yield piece_start, last_cut[0]
                piece_start = last_cut[1]
            if end_of_sentence - piece_start > limit:  # one sentence longer than the limit
                *pieces, (piece_start, _) = _cut_hard(text, piece_start, end_of_sentence, limit)
                yield from pieces
        last_cut = (end_of_sentence, match.end())
    if stop - piece_start > limit and last_cut is not None and last_cut[0] > piece_start:
        yield piece_start, last_cut[0]
        piece_start = last_cut[1]
    yield from _cut_hard(text, piece_start, stop, limit)
