"""The NEREL reader the evaluation scripts share: gold offsets moved onto the loaded text."""

from __future__ import annotations

import pytest

from helpers.corpus import load_corpus
from helpers.tooling.nerel import GOLD_COLUMNS, body_of, find_nerel, gold_spans, offset_map

NEREL = find_nerel()


def test_offset_map_follows_characters_across_normalised_whitespace():
    body = "Семья  Обамы\n\n\n\nприобрела дом"
    text = "Семья Обамы\n\nприобрела дом"
    mapping = offset_map(body, text)
    start = body.index("приобрела")
    assert text[mapping[start] : mapping[start + len("приобрела") - 1] + 1] == "приобрела"
    assert mapping[body.index("Обамы")] == text.index("Обамы")


@pytest.mark.skipif(NEREL is None, reason="NEREL not found beside the project")
def test_gold_spans_of_a_slice_read_as_written_on_the_loaded_text(tmp_path):
    files = sorted((NEREL / "corpus").glob("*.txt"))[:6]
    folder = tmp_path / "corpus"
    folder.mkdir()
    for path in files:
        (folder / path.name).write_bytes(path.read_bytes())
    corpus = load_corpus(folder, cache=False, warn=False, progress=False)
    gold, lost = gold_spans(NEREL, corpus, types={"PER", "ORG", "LOC"})
    assert list(gold.columns) == GOLD_COLUMNS
    assert set(gold["doc_id"]) <= set(corpus["doc_id"]) and len(gold) > 50
    texts = corpus.set_index("doc_id")["text"]
    rows = zip(gold["doc_id"], gold["start"], gold["stop"], gold["text"], strict=True)
    assert all(texts[d][a:b] == t for d, a, b, t in rows)
    assert set(gold["type"]) == {"PER", "ORG", "LOC"} and lost < len(gold) / 20
    assert gold["wikidata"].dropna().str.fullmatch(r"Q\d+").all()
    # The loader changed the text (title line, whitespace): offsets really moved.
    assert any(body_of(p) != texts[p.stem] for p in files)
