"""NEREL, the evaluation corpus: where it is, loading it, its gold spans on the loaded text.

NEREL (``../shared/eval/nerel``, see its README) is 840 real Russian news
articles written as a corpus folder, with every annotated span in
``gold.jsonl``. Gold offsets point into each file's *body* (the text after
the frontmatter), while the helpers work on ``corpus.text``, which the
loader has normalised (whitespace, a repeated title). :func:`gold_spans`
moves every gold span onto ``corpus.text`` through the matching blocks of
``difflib.SequenceMatcher``, as the README says, so each evaluation script
(dates, entities, demands in ``benchmarks/``) scores the same aligned gold
and none reads the files its own way.

It is evaluation data: read from beside the project, never copied into it.
"""

from __future__ import annotations

import difflib
import json
import re
import warnings
from collections import defaultdict
from collections.abc import Collection
from pathlib import Path

import pandas as pd

from helpers.corpus.loader import load_corpus
from helpers.paths import PROJECT_ROOT

__all__ = [
    "DEFAULT_NEREL",
    "GOLD_COLUMNS",
    "body_of",
    "find_nerel",
    "gold_spans",
    "load_nerel",
    "offset_map",
]

#: Columns of :func:`gold_spans`.
GOLD_COLUMNS = ["doc_id", "start", "stop", "text", "nerel_type", "type", "wikidata"]
#: A Wikidata item id; NEREL writes NULL (and a few typos) where a mention has no item.
_QID = re.compile(r"Q\d+")


def find_nerel() -> Path | None:
    """``shared/eval/nerel`` in a folder above the project (beside it or the worktrees), or None."""
    return next(
        (
            p / "shared" / "eval" / "nerel"
            for p in PROJECT_ROOT.parents
            if (p / "shared" / "eval" / "nerel").exists()
        ),
        None,
    )


#: Where the scripts look by default (their ``--nerel`` overrides it).
DEFAULT_NEREL = find_nerel() or PROJECT_ROOT.parent / "shared" / "eval" / "nerel"


def load_nerel(nerel: Path = DEFAULT_NEREL, *, quiet: bool = True) -> pd.DataFrame:
    """NEREL's ``corpus/`` folder read by :func:`helpers.load_corpus`, without a progress bar;
    loader warnings hidden when ``quiet`` (the scripts print figures, not reading notes)."""
    with warnings.catch_warnings():
        if quiet:
            warnings.simplefilter("ignore")
        return load_corpus(Path(nerel) / "corpus", progress=False)


def body_of(path: Path) -> str:
    """The file's text after its YAML frontmatter (what gold offsets point into)."""
    raw = Path(path).read_text(encoding="utf-8")
    if raw.startswith("---"):
        end = raw.find("\n---", 3)
        if end >= 0:
            raw = raw[raw.index("\n", end + 1) + 1 :]
    return raw


def offset_map(body: str, text: str) -> dict[int, int]:
    """Body offset -> text offset for every character that survived loading unchanged."""
    out: dict[int, int] = {}
    matcher = difflib.SequenceMatcher(None, body, text, autojunk=False)
    for a, b, size in matcher.get_matching_blocks():
        for k in range(size):
            out[a + k] = b + k
    return out


def gold_spans(
    nerel: Path,
    corpus: pd.DataFrame,
    *,
    nerel_types: Collection[str] | None = None,
    types: Collection[str] | None = None,
) -> tuple[pd.DataFrame, int]:
    """Gold spans in ``corpus.text`` offsets, and how many could not be moved there.

    Only spans of the documents in ``corpus`` are read (a slice of the corpus
    gets the gold of that slice), and of the given ``nerel_types`` (NEREL's
    29, e.g. ``{"DATE"}``) or ``types`` (``PER``/``ORG``/``LOC``) when given.
    A span is moved when its first and last characters survived loading and
    the text between them reads as the gold ``text``; the others are counted
    as lost, never silently shifted. ``wikidata`` is the Q-id of the link
    (None for NULL and typos). One row per span, in the file's order
    (documents in the order of ``gold.jsonl``).
    """
    nerel = Path(nerel)
    texts = corpus.set_index("doc_id")["text"].to_dict()
    by_doc: dict[str, list[dict]] = defaultdict(list)
    with (nerel / "gold.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row["doc_id"] not in texts:
                continue
            if nerel_types is not None and row["nerel_type"] not in nerel_types:
                continue
            if types is not None and row["type"] not in types:
                continue
            by_doc[row["doc_id"]].append(row)
    rows, lost = [], 0
    for doc_id, spans in by_doc.items():
        text = texts[doc_id]
        mapping = offset_map(body_of(nerel / "corpus" / f"{doc_id}.txt"), text)
        for s in spans:
            a, b = mapping.get(s["start"]), mapping.get(s["stop"] - 1)
            if a is None or b is None or text[a : b + 1] != s["text"]:
                lost += 1
                continue
            link = _QID.search(s["wikidata"] or "")
            rows.append(
                (
                    doc_id,
                    a,
                    b + 1,
                    s["text"],
                    s["nerel_type"],
                    s["type"],
                    link.group() if link else None,
                )
            )
    return pd.DataFrame(rows, columns=GOLD_COLUMNS), lost
