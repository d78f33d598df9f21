"""Benchmark: the token table with lemmas against the naive way, measured in the same run.

    PYTHONPATH=src python benchmarks/bench_text.py [--docs 10000] [--naive-docs 1000]

Both sides start from the loaded corpus (loading is not timed) and a built
pymorphy3 analyser (building is timed separately).

* naive: razdel.tokenize over each document and ``morph.parse(token)[0].normal_form``
  for every token, with a ``MorphAnalyzer`` on the pure-Python DAWG reader
  (``dawg_python``) and no cache. It runs in a subprocess in which the C
  module ``dawg`` is blocked, so pymorphy3 falls back exactly as it does on a
  machine without ``pymorphy3[fast]``.
* uncached C: the same loop on the C DAWG reader, to show what the cache adds.
* helpers.words.tokens: razdel sentences and tokens, offsets, one lemma per
  distinct word form (C DAWG, name rules), categorical columns, stopwords.

The naive loop runs at a few thousand tokens a second, so by default it is
timed on the first ``--naive-docs`` documents and scaled to the full corpus
by token count (pass ``--naive-docs`` equal to ``--docs`` to time it all).
Target: tokens() in at most a third of the naive time.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
sys.path.insert(0, str(SRC))

from helpers import load_corpus  # noqa: E402
from helpers.paths import cache_dir  # noqa: E402
from helpers.tooling.bench import naive_tokens  # noqa: E402


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000, help="synthetic documents (10000)")
    parser.add_argument(
        "--naive-docs", type=int, default=1_000, help="documents the naive loops are timed on"
    )
    parser.add_argument("--corpus", type=Path, help="benchmark this folder instead")
    args = parser.parse_args(argv)

    if args.corpus is not None:
        folder = args.corpus
    else:
        from helpers.tooling.synthetic import write_synthetic_corpus

        folder = cache_dir() / "bench" / f"synthetic_{args.docs}"
        if not folder.is_dir() or sum(1 for _ in folder.glob("*.md")) != args.docs:
            print(f"writing {args.docs:,} synthetic documents to {folder} ...", flush=True)
            write_synthetic_corpus(folder, args.docs, seed=0)
    corpus = load_corpus(folder, progress=False)
    naive_docs = min(args.naive_docs, len(corpus))
    print(f"corpus: {folder} ({len(corpus):,} documents)")

    # ours, in this process; a fresh lemmatizer so its cache starts empty
    from helpers import words as text
    from helpers.nlp.lemmatizer import Lemmatizer, c_dawg_in_use, morph_analyzer

    t0 = time.perf_counter()
    morph = morph_analyzer()
    build = time.perf_counter() - t0
    lemmatizer = Lemmatizer(morph)
    t0 = time.perf_counter()
    table = text.tokens(corpus, lemmatizer=lemmatizer, progress=False)
    ours = time.perf_counter() - t0
    n_tokens = len(table)

    naive = naive_tokens(folder, naive_docs, pure_python=True)
    fast = naive_tokens(folder, naive_docs, pure_python=False)
    scale = n_tokens / naive["tokens"]  # naive tokens (razdel only) ≈ ours minus split dashes
    naive_full = naive["seconds"] * scale
    fast_full = fast["seconds"] * scale

    def row(name: str, seconds: float, tokens: int, measured: str) -> str:
        return f"{name:<44} {seconds:>9.1f} s  {tokens / seconds:>10,.0f} tok/s  {measured}"

    print(f"tokens: {n_tokens:,}; distinct forms: {len(table['token'].cat.categories):,}")
    print(
        f"analyser build: C DAWG {build:.2f} s (C reader in use: {c_dawg_in_use(morph)}), "
        "pure-Python reader: see the naive row"
    )
    print(
        row(
            "naive (razdel + pure-Python pymorphy3)",
            naive_full,
            n_tokens,
            f"measured on {naive_docs:,} docs ({naive['seconds']:.1f} s), scaled",
        )
    )
    print(
        row(
            "razdel + C-DAWG pymorphy3, uncached",
            fast_full,
            n_tokens,
            f"measured on {naive_docs:,} docs ({fast['seconds']:.1f} s), scaled",
        )
    )
    print(row("helpers.words.tokens", ours, n_tokens, f"measured on {len(corpus):,} docs"))
    ratio = ours / naive_full
    verdict = "meets" if ratio <= 1 / 3 else "MISSES"
    print(
        f"ratio tokens() / naive = {ratio:.3f} ({1 / ratio:.1f}x faster); "
        f"{verdict} the target of at most 1/3"
    )


if __name__ == "__main__":
    main()
