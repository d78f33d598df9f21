"""per_document: one odd document is reported by name and never stops the run."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.runner import per_document


class StepWarning(UserWarning):
    pass


def test_bad_documents_are_skipped_by_name_and_the_rest_go_on():
    corpus = pd.DataFrame(
        {"doc_id": ["a", "b", "c", "d"], "text": ["Рабочие.", None, "сбой", "Да!"]}
    )

    def step(doc_id: str, text: str) -> int:
        if text == "сбой":
            raise RuntimeError("парсер упал")
        return len(text)

    skipped: list[str] = []
    with pytest.warns(StepWarning) as caught:
        results = list(
            per_document(corpus, step, what="words", warning=StepWarning, skipped=skipped)
        )
    assert results == [("a", "Рабочие.", 8), ("d", "Да!", 3)]
    assert skipped == ["b", "c"]
    assert [str(w.message) for w in caught] == [
        "b: text is missing; no words for it",
        "c: words could not be read (RuntimeError: парсер упал); no words for it",
    ]


def test_results_come_lazily():
    corpus = pd.DataFrame({"doc_id": ["a", "b"], "text": ["один", "два"]})
    seen: list[str] = []
    results = per_document(
        corpus, lambda d, t: seen.append(d), what="x", warning=StepWarning, skipped=[]
    )
    next(iter(results))
    assert seen == ["a"]


def test_a_frame_without_text_is_a_clear_error():
    with pytest.raises(ValueError, match="missing: text"):
        list(
            per_document(
                pd.DataFrame({"doc_id": ["a"]}), len, what="x", warning=StepWarning, skipped=[]
            )
        )
