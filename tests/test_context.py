"""Tests for helpers.context.in_context on texts written here and on the seeds."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import helpers
from helpers.context import ELLIPSIS, LINE_BREAK, in_context, one_line

TEXT = (
    "Рабочие медеплавильного завода вышли на площадь.\n\n"
    "- Ни одной уволенной семьи!\n"
    "- Требуем национализации предприятий под рабочим контролем!"
)


def corpus_of(*texts: str) -> pd.DataFrame:
    return pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": list(texts)})


def span(text: str, word: str, doc_id: str = "d0", **extra) -> dict:
    start = text.index(word)
    return {"doc_id": doc_id, "start": start, "stop": start + len(word), **extra}


def test_keeps_span_columns_and_adds_left_match_right():
    spans = pd.DataFrame([span(TEXT, "площадь", kind="place"), span(TEXT, "семьи", kind="x")])
    out = in_context(corpus_of(TEXT), spans, width=200)
    assert list(out.columns) == ["doc_id", "start", "stop", "kind", "left", "match", "right"]
    assert list(out["match"]) == ["площадь", "семьи"]
    assert list(out["kind"]) == ["place", "x"]
    # Whole text fits: nothing cut, so no ellipsis; the text reads back in order.
    first = out.iloc[0]
    assert first["left"] == "Рабочие медеплавильного завода вышли на "
    assert first["right"].startswith(f". {LINE_BREAK} - Ни одной уволенной семьи! {LINE_BREAK} - ")
    assert ELLIPSIS not in first["left"] + first["right"]


def test_line_breaks_are_a_visible_mark_and_never_raw():
    spans = pd.DataFrame([span(TEXT, "Ни одной")])
    row = in_context(corpus_of(TEXT), spans, width=40).iloc[0]
    assert row["left"].endswith(f"площадь. {LINE_BREAK} - ")  # blank line: one mark
    assert "\n" not in row["left"] + row["right"]
    assert one_line("а \n\n  б\tв") == f"а {LINE_BREAK} б в"


def test_width_counts_displayed_characters_and_cuts_at_word_boundaries():
    spans = pd.DataFrame([span(TEXT, "семьи")])
    for width in (10, 25, 40):
        row = in_context(corpus_of(TEXT), spans, width=width).iloc[0]
        assert len(row["left"]) <= width and len(row["right"]) <= width
        assert row["left"].startswith(ELLIPSIS) and row["right"].endswith(ELLIPSIS)
    row = in_context(corpus_of(TEXT), spans, width=25).iloc[0]
    # Cut between words, not inside «национализации» or «уволенной».
    assert row["left"] == f"{ELLIPSIS}{LINE_BREAK} - Ни одной уволенной "
    assert row["right"] == f"! {LINE_BREAK} - Требуем{ELLIPSIS}"


def test_limit_keeps_the_first_spans_in_the_given_order():
    spans = pd.DataFrame([span(TEXT, w) for w in ("контролем", "Рабочие", "семьи")])
    out = in_context(corpus_of(TEXT), spans, limit=2)
    assert list(out["match"]) == ["контролем", "Рабочие"]
    assert list(out.index) == [0, 1]


def test_spans_from_another_corpus_are_named():
    with pytest.raises(ValueError, match="d7: span's document is not in the corpus"):
        in_context(corpus_of(TEXT), pd.DataFrame([{"doc_id": "d7", "start": 0, "stop": 3}]))
    with pytest.raises(ValueError, match=r"d0: span 0:9999 does not fit"):
        in_context(corpus_of(TEXT), pd.DataFrame([{"doc_id": "d0", "start": 0, "stop": 9999}]))
    with pytest.raises(ValueError, match="missing"):
        in_context(corpus_of(TEXT), pd.DataFrame({"doc_id": ["d0"]}))


def test_seed_token_spans_read_back_as_the_text():
    corpus = helpers.load_corpus()
    doc = corpus.iloc[0]
    start = doc.text.index("рабочего")
    spans = pd.DataFrame([{"doc_id": doc.doc_id, "start": start, "stop": start + 8}])
    row = in_context(corpus, spans, width=30).iloc[0]
    assert row["match"] == "рабочего"
    assert one_line(doc.text[start - 60 : start]).endswith(row["left"].lstrip(ELLIPSIS))


@settings(max_examples=60, deadline=None)
@given(
    st.text(alphabet="абв \n", min_size=0, max_size=120),
    st.integers(0, 120),
    st.integers(0, 10),
    st.integers(0, 60),
)
def test_any_span_any_width_stays_within_width_on_one_line(text, start, length, width):
    start = min(start, len(text))
    stop = min(len(text), start + length)
    spans = pd.DataFrame([{"doc_id": "d0", "start": start, "stop": stop}])
    row = in_context(corpus_of(text), spans, width=width).iloc[0]
    assert len(row["left"]) <= width and len(row["right"]) <= width
    assert "\n" not in row["left"] + row["match"] + row["right"]
    assert row["match"] == one_line(text[start:stop])
    # what is shown is really the text next to the span
    assert one_line(text[:start]).endswith(row["left"].removeprefix(ELLIPSIS))
    assert one_line(text[stop:]).startswith(row["right"].removesuffix(ELLIPSIS))
