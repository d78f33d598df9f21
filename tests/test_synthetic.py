"""The synthetic corpus generator: seed-like, varied, reproducible."""

from __future__ import annotations

from collections import Counter

import pandas as pd
import pytest
from razdel import sentenize

from helpers.corpus import load_corpus
from helpers.tooling.synthetic import write_synthetic_corpus


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> pd.DataFrame:
    folder = write_synthetic_corpus(tmp_path_factory.mktemp("synthetic"), 150, seed=7)
    return load_corpus(folder, strict=True, cache=False)


def test_every_document_loads_cleanly_with_title_date_and_text(synthetic):
    assert len(synthetic) == 150
    assert synthetic["title"].notna().all() and synthetic["doc_id"].is_unique
    assert synthetic["date"].between("2005-01-01", "2020-12-31").all()
    assert synthetic["date"].dt.year.nunique() >= 10
    assert (synthetic["n_words"] > 50).all()
    # The loader saw the seed-like header and removed it.
    assert not synthetic["text"].str.startswith("#").any()


def test_no_sentence_repeats_verbatim(synthetic):
    sentences = Counter(
        s.text
        for text in synthetic["text"]
        for paragraph in text.split("\n\n")
        if not paragraph.startswith(("-", "НАШИ", "Наши", "Участники")) and len(paragraph) > 80
        for s in sentenize(paragraph)
        if len(s.text.split()) >= 6
    )
    assert len(sentences) > 1000
    assert sentences.most_common(1)[0][1] == 1


def test_documents_carry_demand_lists_slogans_and_signatories(synthetic):
    text = "\n".join(synthetic["text"])
    assert text.count("НАШИ ТРЕБОВАНИЯ:") > 30
    assert "\n1. " in text and "\n-" in text
    assert text.count("Участники пикета:") > 10


def test_same_seed_same_files(tmp_path):
    a = write_synthetic_corpus(tmp_path / "a", 5, seed=3)
    b = write_synthetic_corpus(tmp_path / "b", 5, seed=3)
    c = write_synthetic_corpus(tmp_path / "c", 5, seed=4)
    read = lambda folder: [p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())]  # noqa: E731
    assert read(a) == read(b) != read(c)
