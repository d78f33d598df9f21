"""natasha's NER tagger, run the way these texts need: per paragraph or list item, in batches.

natasha reads a whole document as one stream of tokens, so a list of
signatories, one organisation per line, comes back as one long organisation
spanning blank lines. Here every paragraph and every list item is tagged on its
own (:func:`text_units`), the units of many documents go through the tagger
together in batches of similar length (less padding), and the spans come back
with offsets into the document's ``text``.

Only the NER model runs here: morphology is looked up per mention afterwards
(:mod:`helpers.entities.morph`), which is what makes this faster than natasha's
own ``segment → tag_morph → tag_ner → normalize`` pipeline.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Sequence
from importlib.metadata import version

__all__ = ["NER_VERSION", "RawSpan", "ner_spans", "tagger", "text_units"]

#: Bump when the way text is cut into units changes: cached NER output depends on it.
UNITS_VERSION = "1"
#: Identifies the NER output: model release and unit cutting. Part of every cache key.
NER_VERSION = f"natasha{version('natasha')}-slovnet{version('slovnet')}-units{UNITS_VERSION}"

#: A span as the tagger returns it, in document offsets: (start, stop, type, unit index).
RawSpan = tuple[int, int, str, int]

# A list item starts a line with a dash, bullet or number: "- ...", "-закрыть", "1. ...", "2) ...".
_LIST_ITEM = re.compile(r"[ \t]*(?:[-–—•*](?=\s|\w)|\d{1,3}[.)](?=\s))")
#: Units longer than this are cut at sentence ends: the tagger's memory grows with length.
MAX_UNIT_CHARS = 2000
_SENTENCE_END = re.compile(r"[.!?…]+[»\"”)]*\s+(?=[«\"(А-ЯЁA-Z0-9])")


def text_units(text: str) -> list[tuple[int, int]]:
    """Cut ``text`` into paragraphs and list items; return their (start, stop) offsets.

    A unit is a run of non-blank lines; a line that starts with a list marker
    starts a new unit. Leading and trailing spaces are left out, and a very long
    paragraph is cut at sentence ends so no unit exceeds ``MAX_UNIT_CHARS``
    (unless one sentence does).
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
            out.extend(_cut_long(text, a, b))
    return out


def _cut_long(text: str, start: int, stop: int) -> Iterable[tuple[int, int]]:
    if stop - start <= MAX_UNIT_CHARS:
        yield start, stop
        return
    piece_start = start
    last_cut = None
    for match in _SENTENCE_END.finditer(text, start, stop):
        if match.end() - piece_start > MAX_UNIT_CHARS and last_cut is not None:
            yield piece_start, last_cut[0]
            piece_start = last_cut[1]
        last_cut = (match.end() - len(match.group()) + len(match.group().rstrip()), match.end())
    yield piece_start, stop


_LOCK = threading.Lock()
_TAGGER = None
#: Units per tagger call; units are sorted by length first, so padding stays small.
BATCH_SIZE = 64


def tagger():
    """natasha's news NER tagger, built once per process (about 3 s)."""
    global _TAGGER
    if _TAGGER is None:
        with _LOCK:
            if _TAGGER is None:
                from natasha import NewsEmbedding, NewsNERTagger

                ner = NewsNERTagger(NewsEmbedding())
                ner.batch_size = BATCH_SIZE
                ner.infer.encoder.batch_size = BATCH_SIZE
                _TAGGER = ner
    return _TAGGER


def ner_spans(texts: Sequence[str]) -> list[list[RawSpan]]:
    """Tag every text unit by unit; return per text its spans in that text's offsets.

    The units of all ``texts`` are tagged together, shortest first, in batches
    of ``BATCH_SIZE``; order of the output follows ``texts``.
    """
    units: list[tuple[int, int, int, int]] = []  # text index, unit index, start, stop
    for i, text in enumerate(texts):
        for j, (a, b) in enumerate(text_units(text)):
            units.append((i, j, a, b))
    order = sorted(range(len(units)), key=lambda k: units[k][3] - units[k][2])
    out: list[list[RawSpan]] = [[] for _ in texts]
    if not units:
        return out
    ner = tagger()
    pieces = [texts[units[k][0]][units[k][2] : units[k][3]] for k in order]
    for k, markup in zip(order, ner.map(pieces), strict=True):
        i, j, a, _ = units[k]
        out[i].extend((a + s.start, a + s.stop, s.type, j) for s in markup.spans)
    for spans in out:
        spans.sort()
    return out
