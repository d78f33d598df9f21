"""The per-document stage cache: same rows as no cache, and only edited documents recomputed."""

from __future__ import annotations

import pandas as pd
import pytest

from helpers import words as text
from helpers.cache import cached_per_document
from helpers.corpus import load_corpus


def words_per_document(documents: pd.DataFrame) -> pd.DataFrame:
    """A small stage: one row per whitespace-separated word, with its offset."""
    rows = []
    for doc_id, body in zip(documents["doc_id"], documents["text"], strict=True):
        position = 0
        for word in body.split():
            start = body.index(word, position)
            position = start + len(word)
            rows.append((doc_id, start, position, word))
    return pd.DataFrame(rows, columns=["doc_id", "start", "stop", "word"]).astype(
        {"start": "int64", "stop": "int64"}
    )


class Counting:
    """Wraps a stage and records which documents it was asked to compute."""

    def __init__(self):
        self.seen: list[list[str]] = []

    def __call__(self, documents: pd.DataFrame) -> pd.DataFrame:
        self.seen.append(list(documents["doc_id"]))
        return words_per_document(documents)


def corpus_of(texts: dict[str, str]) -> pd.DataFrame:
    frame = pd.DataFrame({"doc_id": list(texts), "text": list(texts.values())})
    frame.attrs["corpus_dir"] = "test-corpus"
    return frame


def test_warm_run_reuses_every_document_and_returns_the_same_rows(tmp_path):
    corpus = corpus_of({"a": "Рабочие вышли на площадь", "b": "Нет репрессиям", "c": "Да"})
    stage = Counting()
    cold = cached_per_document(corpus, stage, stage="words", version="1", cache_dir=tmp_path)
    warm = cached_per_document(corpus, stage, stage="words", version="1", cache_dir=tmp_path)
    assert stage.seen == [["a", "b", "c"]]
    pd.testing.assert_frame_equal(warm, cold)
    pd.testing.assert_frame_equal(cold, words_per_document(corpus))


def test_only_edited_and_new_documents_are_recomputed(tmp_path):
    stage = Counting()
    first = corpus_of({"a": "Рабочие вышли", "b": "Нет репрессиям"})
    cached_per_document(first, stage, stage="words", version="1", cache_dir=tmp_path)
    edited = corpus_of({"a": "Рабочие вышли на площадь", "b": "Нет репрессиям", "c": "Новый"})
    result = cached_per_document(edited, stage, stage="words", version="1", cache_dir=tmp_path)
    assert stage.seen[1] == ["a", "c"]
    pd.testing.assert_frame_equal(result, words_per_document(edited))


def test_a_new_code_version_recomputes_everything(tmp_path):
    stage = Counting()
    corpus = corpus_of({"a": "Рабочие вышли", "b": "Нет репрессиям"})
    cached_per_document(corpus, stage, stage="words", version="1", cache_dir=tmp_path)
    cached_per_document(corpus, stage, stage="words", version="2", cache_dir=tmp_path)
    assert stage.seen == [["a", "b"], ["a", "b"]]


def test_the_same_text_under_two_ids_gets_rows_for_both(tmp_path):
    stage = Counting()
    corpus = corpus_of({"a": "Одинаковый текст", "b": "Одинаковый текст", "c": "Другой"})
    for _ in range(2):
        result = cached_per_document(corpus, stage, stage="words", version="1", cache_dir=tmp_path)
        assert list(result["doc_id"]) == ["a", "a", "b", "b", "c"]
    assert stage.seen[1] == ["a", "b"]


def test_cached_tokens_equal_uncached_tokens_on_the_seeds(tmp_path, monkeypatch):
    monkeypatch.setenv("HELPERS_CACHE_DIR", str(tmp_path))
    corpus = load_corpus(cache=False)
    uncached = text.tokens(corpus, cache=False)
    cold = text.tokens(corpus)
    warm = text.tokens(corpus)
    assert list((tmp_path / "stages").glob("tokens-*.parquet"))
    for table in (cold, warm):
        pd.testing.assert_frame_equal(table, uncached, check_categorical=False)
        assert list(table["doc_id"].cat.categories) == list(corpus["doc_id"])


@pytest.mark.parametrize("stopped", [["рабочий"], []])
def test_stoplist_is_applied_after_the_cache(tmp_path, monkeypatch, stopped):
    monkeypatch.setenv("HELPERS_CACHE_DIR", str(tmp_path))
    corpus = load_corpus(cache=False)
    text.tokens(corpus)
    table = text.tokens(corpus, stoplist=stopped)
    assert table.loc[table["lemma"] == "рабочий", "is_stop"].all() == bool(stopped)


def test_a_subset_call_keeps_the_other_documents_cached(tmp_path):
    stage = Counting()
    full = corpus_of({"a": "Рабочие вышли", "b": "Нет репрессиям", "c": "Да здравствует"})
    cached_per_document(full, stage, stage="words", version="1", cache_dir=tmp_path)
    subset = corpus_of({"b": "Нет репрессиям", "d": "Новая статья"})
    cached_per_document(subset, stage, stage="words", version="1", cache_dir=tmp_path)
    again = cached_per_document(full, stage, stage="words", version="1", cache_dir=tmp_path)
    assert stage.seen == [["a", "b", "c"], ["d"]]
    pd.testing.assert_frame_equal(again, words_per_document(full))


def test_documents_the_stage_skipped_are_not_cached(tmp_path):
    calls: list[list[str]] = []

    def fragile(documents: pd.DataFrame) -> pd.DataFrame:
        calls.append(list(documents["doc_id"]))
        ok = documents[~documents["text"].str.contains("сбой")]
        table = words_per_document(ok)
        table.attrs["skipped"] = sorted(set(documents["doc_id"]) - set(ok["doc_id"]))
        return table

    corpus = corpus_of({"a": "Рабочие вышли", "b": "сбой разбора", "c": "Да"})
    for _ in range(2):
        result = cached_per_document(
            corpus, fragile, stage="words", version="1", cache_dir=tmp_path
        )
        assert result.attrs["skipped"] == ["b"]
    assert calls == [["a", "b", "c"], ["b"]]


def test_stages_with_two_tables_are_cached_together(tmp_path):
    calls: list[list[str]] = []

    def words_and_counts(documents: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
        calls.append(list(documents["doc_id"]))
        words = words_per_document(documents)
        counts = words.groupby("doc_id", sort=False).size().rename("n").reset_index()
        return words, counts[counts["n"] > 1].reset_index(drop=True)

    corpus = corpus_of({"a": "Рабочие вышли на площадь", "b": "Да", "c": "Нет репрессиям"})
    expected = words_and_counts(corpus)
    for _ in range(2):
        words, counts = cached_per_document(
            corpus, words_and_counts, stage="two", version="1", tables=2, cache_dir=tmp_path
        )
        pd.testing.assert_frame_equal(words, expected[0])
        pd.testing.assert_frame_equal(counts, expected[1])
    assert calls == [["a", "b", "c"], ["a", "b", "c"]]  # the test's own call, then the cold run
    only_b = corpus_of({"b": "Да"})
    words, counts = cached_per_document(
        only_b, words_and_counts, stage="two", version="1", tables=2, cache_dir=tmp_path
    )
    assert (
        list(words["doc_id"]) == ["b"] and counts.empty and list(counts.columns) == ["doc_id", "n"]
    )


def test_cached_dates_and_demands_equal_uncached_ones_on_the_seeds(tmp_path, monkeypatch):
    from helpers import dates, demands

    monkeypatch.setenv("HELPERS_CACHE_DIR", str(tmp_path))
    corpus = load_corpus(cache=False)
    expected_dates = dates.referenced_dates(corpus, cache=False)
    expected_items, expected_lists = demands.find_demands(corpus, cache=False)
    for _ in range(2):  # cold, then warm
        pd.testing.assert_frame_equal(dates.referenced_dates(corpus), expected_dates)
        items, lists = demands.find_demands(corpus)
        pd.testing.assert_frame_equal(items, expected_items)
        pd.testing.assert_frame_equal(lists, expected_lists)
    assert len(list((tmp_path / "stages").glob("demands-*.parquet"))) == 2
