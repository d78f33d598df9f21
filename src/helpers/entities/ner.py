"""natasha's NER tagger, run the way these texts need: per paragraph or list item, in batches.

natasha reads a whole document as one stream of tokens, so a list of
signatories, one organisation per line, comes back as one long organisation
spanning blank lines. Here every paragraph and every list item of the shared
segmentation (:mod:`helpers.nlp.segment`) is tagged on its own
(:func:`text_units`), the units of many documents go through the tagger
together in batches of similar length (less padding), and the spans come back
with offsets into the document's ``text``.

Only the NER model runs here: morphology is looked up per mention afterwards
(:mod:`helpers.entities.morph`), which is what makes this faster than natasha's
own ``segment → tag_morph → tag_ner → normalize`` pipeline.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from importlib.metadata import version

from helpers.nlp import segment

__all__ = ["NER_VERSION", "RawSpan", "ner_spans", "tagger", "text_units"]

#: Bump when the way text is cut into units changes: cached NER output depends on it.
UNITS_VERSION = "3"
#: Identifies the NER output: model release and unit cutting. Part of every cache key.
NER_VERSION = f"natasha{version('natasha')}-slovnet{version('slovnet')}-units{UNITS_VERSION}"

#: A span as the tagger returns it, in document offsets: (start, stop, type, unit index).
RawSpan = tuple[int, int, str, int]

#: Units longer than this are cut at sentence ends: the tagger's memory grows with length.
MAX_UNIT_CHARS = 2000


def text_units(text: str) -> list[tuple[int, int]]:
    """The (start, stop) offsets of the units the tagger reads.

    The units are the paragraphs and list items of :func:`helpers.nlp.segment.paragraphs`
    (the ``para`` ids); a very long paragraph is cut at the shared sentence
    ends (:func:`helpers.nlp.segment.sentences`, none longer than
    ``MAX_SENTENCE_CHARS`` there) so no unit exceeds ``MAX_UNIT_CHARS``.
    """
    units = segment.paragraphs(text)
    if all(b - a <= MAX_UNIT_CHARS for a, b in units):
        return units
    ends: dict[int, list[int]] = {}
    for para, _, stop in segment.sentences(text):
        ends.setdefault(para, []).append(stop)
    out: list[tuple[int, int]] = []
    for para, (a, b) in enumerate(units):
        out.extend(_cut_long(text, a, b, ends.get(para, [])))
    return out


def _cut_long(text: str, start: int, stop: int, ends: list[int]) -> Iterable[tuple[int, int]]:
    """Cut text[start:stop] at sentence ends ``ends`` into pieces of at most MAX_UNIT_CHARS."""
    if stop - start <= MAX_UNIT_CHARS:
        yield start, stop
        return
    piece_start, last_end = start, None
    for end in ends:
        if end >= stop:
            break
        if end - piece_start > MAX_UNIT_CHARS and last_end is not None:
            yield piece_start, last_end
            piece_start = last_end
            while piece_start < stop and text[piece_start].isspace():
                piece_start += 1
        last_end = end
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
