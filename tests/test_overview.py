"""The overview tables and figures on the seeds and on a corpus with gaps."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

from helpers.corpus import CorpusWarning, load_corpus, overview


@pytest.fixture(scope="module")
def seeds() -> pd.DataFrame:
    return load_corpus(cache=False)


def test_summary_of_the_seeds(seeds):
    summary = dict(overview.corpus_summary(seeds).itertuples(index=False))
    assert summary["documents"] == "2"
    total = int(seeds["n_words"].sum())
    assert summary["words (total)"] == f"{total:,}"
    assert summary["words per document (median)"] == str(round(seeds["n_words"].median()))
    assert "." not in summary["words per document (median)"]
    assert summary["first date"] == "2013-06-30" and summary["last date"] == "2013-12-18"
    assert summary["documents without an author"] == "2"
    assert summary["Latin look-alike letters fixed"] == "2"
    assert summary["files skipped (see problems)"] == "0"


def test_document_table_newest_first_undated_last(tmp_path):
    for name, date in [("a", '"2010-01-01"'), ("b", '""'), ("c", '"2012-05-05"')]:
        (tmp_path / f"{name}.md").write_text(
            f"---\ntitle: {name}\ndate: {date}\n---\n\nТекст {name}.", encoding="utf-8"
        )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        corpus = load_corpus(tmp_path, cache=False)
    table = overview.document_table(corpus, limit=2)
    assert list(table.index) == ["c", "a"]
    full = overview.document_table(corpus, limit=None)
    # missing values read as «—», never NaN/None/NaT
    assert full.loc["b", "date"] == "—" and full.loc["c", "date"] == "2012-05-05"
    assert (full["author"] == "—").all()
    assert not full.isna().any().any()
    assert list(overview.document_table(corpus, limit=None).index) == ["c", "a", "b"]


def test_problem_summary_counts_by_kind(tmp_path):
    for i in range(3):
        (tmp_path / f"empty{i}.md").write_text("", encoding="utf-8")
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        corpus = load_corpus(tmp_path, cache=False)
    table = overview.problem_summary(corpus)
    assert list(table["problem"]) == ["empty file", "not an article file"]
    assert list(table["files"]) == [3, 1] and list(table["kept"]) == [0, 0]


def test_figures_return_the_data_they_draw(seeds):
    _, lengths = overview.length_figure(seeds)
    assert lengths["documents"].sum() == 2
    _, dates = overview.date_coverage_figure(seeds)
    assert list(dates["doc_id"]) == list(seeds.sort_values("date")["doc_id"])


def test_large_counts_get_thousands_separators():
    corpus = pd.DataFrame(
        {
            "doc_id": [f"d{i}" for i in range(3)],
            "date": pd.to_datetime([None, None, None]),
            "author": ["Айнур Курманов", None, None],
            "n_words": [753806, 370, 371],
            "homoglyphs_fixed": [0, 0, 0],
        }
    )
    summary = dict(overview.corpus_summary(corpus).itertuples(index=False))
    assert summary["words (total)"] == "754,547"
    assert summary["words per document (median)"] == "371"
    assert summary["first date"] == "—"
    assert summary["named authors"] == "1" and summary["documents without an author"] == "2"
