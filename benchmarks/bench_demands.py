"""Demand-extraction benchmark: `demands` against the naive way, same run, same documents.

    python benchmarks/bench_demands.py --docs 1000

Writes a synthetic corpus (helpers.tooling.synthetic) to a temporary folder, loads it,
then times:

- the naive way: what a notebook would do without helpers, i.e. lemmatize
  every word of every line with pymorphy3 (no cache) and match the category
  rules line by line. It finds no structure at all; it is the floor of the
  keyword-coding approach that ``helpers.demands`` replaces.
- ``demands(corpus)`` cold: empty word-analysis cache (the first call in a
  fresh kernel; the pymorphy3 dictionaries are already loaded);
- ``demands(corpus)`` warm: the cache filled (a rerun in the same kernel).

Prints seconds, documents per second and each ratio against the naive way.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from helpers.corpus import load_corpus
from helpers.demands import coding
from helpers.demands import demands as _demands
from helpers.tooling.synthetic import write_synthetic_corpus


def demands(corpus):
    return _demands(corpus, progress=False, cache=False)  # time the work, not the cache


def naive(corpus) -> int:
    """Lemmatize every word with pymorphy3 (uncached) and code every line by the rules."""
    morph = coding._morph()
    rules = coding.load_rules()
    coded = 0
    for text in corpus["text"]:
        for line in text.split("\n"):
            words = [m.group() for m in coding.words(line)]
            if not words:
                continue
            lemmas = [morph.parse(w.lower())[0].normal_form for w in words]
            best, _ = rules.best(rules.categories, lemmas)
            coded += best is not None
    return coded


def timed(function, *args, repeat: int = 1, before=None):
    best, result = float("inf"), None
    for _ in range(repeat):
        if before is not None:
            before()
        started = time.perf_counter()
        result = function(*args)
        best = min(best, time.perf_counter() - started)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-demands-") as tmp:
        folder = write_synthetic_corpus(Path(tmp) / "corpus", args.docs, seed=0)
        os.environ["HELPERS_CACHE_DIR"] = str(Path(tmp) / "cache")
        corpus = load_corpus(folder, progress=False)
    n_words = int(corpus["n_words"].sum())
    print(f"{len(corpus):,} synthetic documents, {n_words:,} words, {os.cpu_count()} cores")

    coding._morph()  # build the analyser outside every timing
    coding.load_rules()
    naive_s, _ = timed(naive, corpus)
    cold_s, items = timed(
        demands, corpus, repeat=args.repeat, before=lambda: coding._analyse.cache_clear()
    )
    warm_s, _ = timed(demands, corpus, repeat=args.repeat)

    print(f"{len(items):,} items found ({items['rule'].value_counts().to_dict()})")
    print(f"{'':40} {'seconds':>8} {'docs/s':>9} {'vs naive':>9}")
    for label, seconds in (
        ("naive: lemmatize every word, code lines", naive_s),
        ("demands(), cold word cache", cold_s),
        ("demands(), warm word cache", warm_s),
    ):
        print(f"{label:40} {seconds:8.2f} {len(corpus) / seconds:9,.0f} {seconds / naive_s:9.2f}")


if __name__ == "__main__":
    main()
