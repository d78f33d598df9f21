"""natasha's own pipeline, as its README runs it, for comparison.

``segment → tag_morph → tag_ner → span.normalize`` on each whole document,
with natasha's normal form as the only grouping. The benchmark times
:func:`helpers.entities.mentions` against it, and the tests measure both
against hand-annotated news.
"""

from __future__ import annotations

import threading

import pandas as pd

__all__ = ["natasha_mentions", "natasha_models"]

_LOCK = threading.Lock()
_MODELS: dict[str, object] = {}


def natasha_models() -> dict[str, object]:
    """natasha's segmenter, morphology vocabulary, morphology and NER taggers, built once."""
    with _LOCK:
        if not _MODELS:
            from natasha import MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter

            emb = NewsEmbedding()
            _MODELS.update(
                segmenter=Segmenter(),
                vocab=MorphVocab(),
                morph=NewsMorphTagger(emb),
                ner=NewsNERTagger(emb),
            )
    return _MODELS


def natasha_mentions(corpus: pd.DataFrame) -> pd.DataFrame:
    """Mentions as plain natasha finds them.

    Columns ``doc_id``, ``start``, ``stop``, ``text``, ``type``, ``normal``.
    """
    from natasha import Doc

    m = natasha_models()
    rows = []
    for doc_id, text in zip(corpus["doc_id"], corpus["text"], strict=True):
        doc = Doc(text)
        doc.segment(m["segmenter"])
        doc.tag_morph(m["morph"])
        doc.tag_ner(m["ner"])
        for span in doc.spans:
            span.normalize(m["vocab"])
            rows.append((doc_id, span.start, span.stop, span.text, span.type, span.normal))
    return pd.DataFrame(rows, columns=["doc_id", "start", "stop", "text", "type", "normal"])
