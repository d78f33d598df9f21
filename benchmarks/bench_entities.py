"""Time ``helpers.entities.mentions`` against natasha's own per-document pipeline.

On a synthetic corpus (``helpers.tooling.synthetic``), in one run:

* **natasha**: ``Doc.segment → tag_morph → tag_ner → span.normalize`` per
  document, as natasha's README does it (models loaded before timing);
* **cold**: ``mentions(corpus)`` with an empty cache (models loaded before
  timing; tagging per paragraph, in batches, on every core);
* **warm**: ``mentions(corpus)`` again, everything from the cache.

Targets (issue 4): cold at most half of natasha's time, warm at most a tenth of
cold. natasha can be timed on a sample of the documents (``--natasha-docs``)
and scaled to the whole corpus: its cost is per document, so that is linear.

    PYTHONPATH=src python benchmarks/bench_entities.py --docs 10000
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

import helpers
from helpers.entities import mentions
from helpers.entities.ner import tagger
from helpers.tooling.baseline import natasha_mentions, natasha_models
from helpers.tooling.synthetic import write_synthetic_corpus


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000, help="synthetic documents")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--natasha-docs",
        type=int,
        default=None,
        help="time natasha on the first N documents and scale (default: all)",
    )
    parser.add_argument("--workers", type=int, default=None, help="processes for mentions()")
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="bench-entities-"))
    try:
        folder = write_synthetic_corpus(work / "corpus", args.docs, seed=args.seed)
        corpus = helpers.load_corpus(folder, progress=False)
        chars = int(corpus["text"].str.len().sum())
        print(f"corpus: {len(corpus):,} documents, {chars:,} characters")

        tagger()  # both pipelines' models are loaded before timing
        natasha_models()

        sample = corpus if args.natasha_docs is None else corpus.head(args.natasha_docs)
        start = time.perf_counter()
        plain = natasha_mentions(sample)
        natasha_s = (time.perf_counter() - start) * len(corpus) / len(sample)
        scaled = "" if len(sample) == len(corpus) else f" (timed on {len(sample):,}, scaled)"
        print(f"natasha pipeline: {natasha_s:8.1f} s{scaled}, {len(plain):,} spans")

        cache = work / "cache"
        start = time.perf_counter()
        cold = mentions(corpus, cache_dir=cache, workers=args.workers)
        cold_s = time.perf_counter() - start
        print(f"mentions, cold:   {cold_s:8.1f} s, {len(cold):,} mentions")

        start = time.perf_counter()
        warm = mentions(corpus, cache_dir=cache, workers=args.workers)
        warm_s = time.perf_counter() - start
        print(f"mentions, warm:   {warm_s:8.1f} s")
        assert warm.equals(cold), "warm run differs from cold run"

        cold_ratio, warm_ratio = cold_s / natasha_s, warm_s / cold_s
        ok_cold, ok_warm = cold_ratio <= 0.5, warm_ratio <= 0.1
        print(f"cold / natasha = {cold_ratio:.3f} (target <= 0.5: {'ok' if ok_cold else 'MISSED'})")
        print(f"warm / cold    = {warm_ratio:.3f} (target <= 0.1: {'ok' if ok_warm else 'MISSED'})")
        return 0 if ok_cold and ok_warm else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
