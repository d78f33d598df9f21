"""Entity spans and grouping on NEREL news, ours against plain natasha, in one run.

NEREL (``../shared/eval/nerel``, see its README) is 840 real Russian news
articles with gold entity spans and Wikidata links. The corpus is loaded with
``helpers.load_corpus`` and both pipelines read the same loaded ``text``:

* **ours**: :func:`helpers.entities.mentions` (all mentions: NEREL annotates
  agency credits too, so ``is_credit`` rows are scored like the others);
* **natasha**: :func:`helpers.tooling.baseline.natasha_mentions`, natasha's own
  ``segment → tag_morph → tag_ner → normalize``.

Gold spans are moved onto ``corpus.text`` by :mod:`helpers.tooling.nerel`;
a gold span that does not map whole is left out (and counted).

Two measures, on the whole corpus and on a held-out split (the last
``--test-docs`` documents in ``doc_id`` order, never looked at while writing
the rules):

* **span F1** on the outermost gold PER/ORG/LOC spans (a span inside another
  PER/ORG/LOC span is not scored): a prediction counts when start, stop and
  type match exactly after quotes and spaces at the edges are stripped; per
  type and overall (micro);
* **grouping B³** on the gold mentions that carry a Wikidata id (not NULL) and that the
  system found (exact span, any type): the gold entity is the Wikidata id
  across the whole corpus, the system's is its ``canonical`` (ours) or
  ``normal`` (natasha), also across the corpus. Precision and recall per
  mention, averaged; ``found`` says how many linked mentions entered.

natasha's spans take minutes on two cores: they are kept under
``--cache-dir`` by a hash of the texts (``--no-cache`` reruns it); ours use
the project's entity cache.

    .venv/bin/python benchmarks/eval_entities_nerel.py [--nerel ../shared/eval/nerel]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

import pandas as pd

from helpers.entities import mentions
from helpers.paths import cache_dir
from helpers.tooling.baseline import natasha_mentions
from helpers.tooling.nerel import DEFAULT_NEREL, gold_spans, load_nerel

TYPES = ("PER", "ORG", "LOC")
_STRIP = " \t\n«»\"“”„'"


def load_gold(nerel: Path, corpus: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Gold PER/ORG/LOC spans in ``corpus.text`` offsets, and how many could not be mapped."""
    gold, lost = gold_spans(nerel, corpus, types=TYPES)
    return gold[["doc_id", "start", "stop", "type", "wikidata", "text"]], lost


def outermost(gold: pd.DataFrame) -> pd.DataFrame:
    """Gold spans not inside another gold PER/ORG/LOC span of the same document."""
    keep = []
    for _, group in gold.groupby("doc_id", sort=False):
        spans = list(zip(group["start"], group["stop"], group.index, strict=True))
        for a, b, i in spans:
            inside = any((c <= a and b <= d) and (c, d) != (a, b) for c, d, _ in spans)
            keep.append(i) if not inside else None
    return gold.loc[sorted(keep)].drop_duplicates(["doc_id", "start", "stop", "type"])


def stripped(text: str, start: int, stop: int) -> tuple[int, int]:
    while start < stop and text[start] in _STRIP:
        start += 1
    while stop > start and text[stop - 1] in _STRIP:
        stop -= 1
    return start, stop


def span_keys(frame: pd.DataFrame, texts: dict[str, str]) -> set[tuple]:
    keys = set()
    for doc_id, a, b, kind in zip(
        frame["doc_id"], frame["start"], frame["stop"], frame["type"], strict=True
    ):
        keys.add((doc_id, *stripped(texts[doc_id], a, b), kind))
    return keys


def f1_table(pred: set[tuple], gold: set[tuple]) -> dict[str, dict[str, float]]:
    out = {}
    for kind in (*TYPES, "all"):
        p = {k for k in pred if kind in ("all", k[3])}
        g = {k for k in gold if kind in ("all", k[3])}
        tp = len(p & g)
        precision = tp / len(p) if p else 0.0
        recall = tp / len(g) if g else 0.0
        f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
        out[kind] = {"P": precision, "R": recall, "F1": f1, "gold": len(g), "pred": len(p)}
    return out


def b_cubed(gold_ids: list[str], system_ids: list[str]) -> dict[str, float]:
    """B³ precision, recall and F1 of a clustering of the same mentions."""
    if not gold_ids:
        return {"P": 0.0, "R": 0.0, "F1": 0.0, "found": 0}
    by_gold: dict[str, list[int]] = defaultdict(list)
    by_sys: dict[str, list[int]] = defaultdict(list)
    for i, (g, s) in enumerate(zip(gold_ids, system_ids, strict=True)):
        by_gold[g].append(i)
        by_sys[s].append(i)
    precision = recall = 0.0
    for g, s in zip(gold_ids, system_ids, strict=True):
        gs, ss = set(by_gold[g]), set(by_sys[s])
        both = len(gs & ss)
        precision += both / len(ss)
        recall += both / len(gs)
    n = len(gold_ids)
    precision, recall = precision / n, recall / n
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"P": precision, "R": recall, "F1": f1, "found": n}


def grouping(
    pred: pd.DataFrame, gold: pd.DataFrame, texts: dict[str, str], key: str
) -> dict[str, float]:
    """B³ over the linked gold mentions the system found with exactly that span."""
    entity = {}
    for doc_id, a, b, value in zip(
        pred["doc_id"], pred["start"], pred["stop"], pred[key], strict=True
    ):
        entity[(doc_id, *stripped(texts[doc_id], a, b))] = str(value).casefold().replace("ё", "е")
    linked = gold[gold["wikidata"].notna()]
    gold_ids, sys_ids = [], []
    for doc_id, a, b, wikidata in zip(
        linked["doc_id"], linked["start"], linked["stop"], linked["wikidata"], strict=True
    ):
        found = entity.get((doc_id, *stripped(texts[doc_id], a, b)))
        if found is not None:
            gold_ids.append(wikidata)
            sys_ids.append(found)
    out = b_cubed(gold_ids, sys_ids)
    out["linked"] = len(linked)
    return out


def natasha_cached(corpus: pd.DataFrame, folder: Path, use_cache: bool) -> pd.DataFrame:
    digest = hashlib.blake2b(
        "\x00".join(corpus["doc_id"] + "\x01" + corpus["text"]).encode(), digest_size=12
    ).hexdigest()
    path = folder / f"nerel-natasha-{digest}.parquet"
    if use_cache and path.exists():
        return pd.read_parquet(path)
    frame = natasha_mentions(corpus)
    if use_cache:
        folder.mkdir(parents=True, exist_ok=True)
        frame.to_parquet(path)
    return frame


def evaluate(name, pred, gold_outer, gold_all, texts, key, docs) -> dict:
    p = pred[pred["doc_id"].isin(docs)]
    g = gold_outer[gold_outer["doc_id"].isin(docs)]
    ga = gold_all[gold_all["doc_id"].isin(docs)]
    return {
        "system": name,
        "spans": f1_table(span_keys(p, texts), span_keys(g, texts)),
        "grouping": grouping(p, ga, texts, key),
    }


def print_result(split: str, results: list[dict]) -> None:
    print(f"\n== {split} ==")
    print(f"{'system':8} {'type':4} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6} {'pred':>6}")
    for r in results:
        for kind, m in r["spans"].items():
            print(
                f"{r['system']:8} {kind:4} {m['P']:6.3f} {m['R']:6.3f} {m['F1']:6.3f} "
                f"{m['gold']:6d} {m['pred']:6d}"
            )
    for r in results:
        g = r["grouping"]
        print(
            f"{r['system']:8} grouping B³ P {g['P']:.3f} R {g['R']:.3f} F1 {g['F1']:.3f} "
            f"(linked mentions found {g['found']}/{g['linked']})"
        )
    ours, base = results[0]["spans"]["all"]["F1"], results[1]["spans"]["all"]["F1"]
    print(f"F1 ours - natasha: {ours - base:+.3f} (goal ≥ +0.030)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nerel", type=Path, default=DEFAULT_NEREL)
    parser.add_argument("--test-docs", type=int, default=200, help="held-out last N documents")
    parser.add_argument("--docs", type=int, default=None, help="only the first N documents")
    parser.add_argument("--no-cache", action="store_true", help="rerun NER for both systems")
    parser.add_argument("--json", type=Path, default=None, help="write the figures here")
    args = parser.parse_args(argv)
    if not (args.nerel / "gold.jsonl").exists():
        print(f"{args.nerel}: no gold.jsonl (NEREL not found; pass --nerel)", file=sys.stderr)
        return 2

    corpus = load_nerel(args.nerel, quiet=False)
    if args.docs:
        corpus = corpus.head(args.docs)
    texts = corpus.set_index("doc_id")["text"].to_dict()
    gold_all, lost = load_gold(args.nerel, corpus)
    gold_outer = outermost(gold_all)
    print(
        f"NEREL: {len(corpus)} documents, {len(gold_outer)} outermost PER/ORG/LOC gold spans "
        f"({lost} gold spans not mappable onto the loaded text)"
    )

    start = time.perf_counter()
    ours = mentions(corpus, cache=not args.no_cache)
    credits = int(ours["is_credit"].sum()) if "is_credit" in ours else 0
    ours_s = time.perf_counter() - start
    start = time.perf_counter()
    base = natasha_cached(corpus, cache_dir() / "eval", not args.no_cache)
    base_s = time.perf_counter() - start
    print(f"ours {ours_s:.1f} s, natasha {base_s:.1f} s (either may come from a cache)")
    print(f"ours: {credits} mentions marked as agency credits (scored too: NEREL tags them)")

    doc_ids = sorted(texts)
    test = set(doc_ids[-args.test_docs :]) if args.test_docs else set()
    splits = {"all": set(doc_ids)}
    if test:
        splits["dev (first docs)"] = set(doc_ids) - test
        splits[f"test (last {len(test)} docs)"] = test
    report = {}
    for split, docs in splits.items():
        results = [
            evaluate("ours", ours, gold_outer, gold_all, texts, "canonical", docs),
            evaluate("natasha", base, gold_outer, gold_all, texts, "normal", docs),
        ]
        print_result(split, results)
        report[split] = results
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
