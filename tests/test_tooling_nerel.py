"""The NEREL reader the evaluation scripts share: gold offsets moved onto the loaded text."""

from __future__ import annotations

import json

import pytest

from helpers.corpus import load_corpus
from helpers.tooling.nerel import GOLD_COLUMNS, body_of, find_nerel, gold_spans, offset_map

NEREL = find_nerel()


def _gold_rows(nerel, doc_id: str) -> list[dict]:
    """The PER/ORG/LOC gold rows of one document, as written in ``gold.jsonl``."""
    with (nerel / "gold.jsonl").open(encoding="utf-8") as handle:
        rows = (json.loads(line) for line in handle)
        return [r for r in rows if r["doc_id"] == doc_id and r["type"] in {"PER", "ORG", "LOC"}]


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
    # The loader drops a first line that repeats the title: NEREL's gold spans in it have
    # no place in the loaded text. Every other span moves.
    in_title = 0
    for path in files:
        first = body_of(path).split("\n", 1)[0]
        if not texts[path.stem].startswith(first):
            in_title += sum(1 for row in _gold_rows(NEREL, path.stem) if row["stop"] <= len(first))
    assert set(gold["type"]) == {"PER", "ORG", "LOC"} and lost <= in_title + len(gold) / 20
    assert gold["wikidata"].dropna().str.fullmatch(r"Q\d+").all()
    # The loader changed the text (title line, whitespace): offsets really moved.
    assert any(body_of(p) != texts[p.stem] for p in files)
