"""Benchmark: date expressions per second on the synthetic corpus, ours against natasha's.

    PYTHONPATH=src python benchmarks/bench_timeline.py --docs 2000

Writes a synthetic corpus (helpers.tooling.synthetic, fixed seed) to a temporary
folder, loads it, then times :func:`helpers.dates.referenced_dates` (the
regular-expression grammar) on every document and natasha's
``DatesExtractor`` (yargy), the naive way, on the first ``--naive-docs``
documents, and prints docs/s for both and the ratio. It also prints how
the two agree on that subset (spans natasha finds that we miss, and the
other way round) and the time of the table and count steps the notebook runs.
"""

from __future__ import annotations

import argparse
import tempfile
import time
import warnings
from pathlib import Path

import pandas as pd

import helpers
from helpers.dates import referenced_dates, timeline
from helpers.tooling.synthetic import write_synthetic_corpus


def _natasha_spans(texts: list[str]) -> tuple[list[list[tuple[int, int]]], float, float]:
    """Spans from natasha's DatesExtractor per text, its build time and its run time."""
    t0 = time.perf_counter()
    from natasha import DatesExtractor, MorphVocab

    extractor = DatesExtractor(MorphVocab())
    built = time.perf_counter() - t0
    t0 = time.perf_counter()
    spans = [[(m.start, m.stop) for m in extractor(text)] for text in texts]
    return spans, built, time.perf_counter() - t0


def _overlaps(span: tuple[int, int], others: list[tuple[int, int]]) -> bool:
    return any(span[0] < stop and start < span[1] for start, stop in others)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000, help="synthetic documents (default 2000)")
    parser.add_argument(
        "--naive-docs", type=int, default=200, help="documents to run natasha on (default 200)"
    )
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="bench_timeline_") as tmp:
        folder = write_synthetic_corpus(Path(tmp) / "corpus", args.docs, seed=args.seed)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            corpus = helpers.load_corpus(folder, progress=False)
    n_chars = int(corpus["text"].str.len().sum())
    print(f"synthetic corpus: {len(corpus)} documents, {n_chars / 1e6:.1f} M characters")

    t0 = time.perf_counter()
    dates = referenced_dates(corpus, cache=False)
    ours = time.perf_counter() - t0
    print(
        f"referenced_dates (regex grammar): {len(dates)} expressions in {ours:.2f} s = "
        f"{len(corpus) / ours:,.0f} docs/s ({n_chars / ours / 1e6:.1f} M chars/s); "
        f"{int((~dates['valid']).sum())} not valid, {int(dates['year_inferred'].sum())} "
        "with the year inferred"
    )
    print("  by precision:", dates["precision"].value_counts().sort_index().to_dict())

    subset = corpus.head(args.naive_docs)
    texts = subset["text"].tolist()
    spans, built, naive = _natasha_spans(texts)
    t0 = time.perf_counter()
    ours_subset = referenced_dates(subset, cache=False)
    ours_small = time.perf_counter() - t0
    print(
        f"natasha DatesExtractor on {len(subset)} docs: {naive:.2f} s = "
        f"{len(subset) / naive:,.1f} docs/s (+{built:.1f} s to build); ours on the same docs "
        f"{ours_small:.3f} s = {len(subset) / ours_small:,.0f} docs/s; "
        f"ratio {naive / ours_small:,.0f}x"
    )

    ours_by_doc = {
        doc: list(zip(g["start"], g["stop"], g["valid"], strict=True))
        for doc, g in ours_subset.groupby("doc_id")
    }
    natasha_only: list[str] = []
    ours_only: list[tuple[str, bool]] = []
    both = 0
    for doc_id, text, natasha in zip(subset["doc_id"], texts, spans, strict=True):
        mine = ours_by_doc.get(doc_id, [])
        mine_spans = [(a, b) for a, b, _ in mine]
        for span in natasha:
            if _overlaps(span, mine_spans):
                both += 1
            else:
                natasha_only.append(text[span[0] : span[1]])
        ours_only += [(text[a:b], ok) for a, b, ok in mine if not _overlaps((a, b), natasha)]
    n_invalid = sum(1 for _, ok in ours_only if not ok)
    print(
        f"agreement on those docs: {both} natasha spans overlap ours, {len(natasha_only)} found "
        f"only by natasha, {len(ours_only)} only by us ({n_invalid} of them malformed, "
        "kept as valid=False)"
    )
    for label, found in (("natasha only", natasha_only), ("only us", [t for t, _ in ours_only])):
        if found:
            top = pd.Series(found).value_counts().head(6)
            print(f"  {label}, e.g.:", ", ".join(f"{t!r} x{n}" for t, n in top.items()))

    t0 = time.perf_counter()
    timeline.publication_counts(corpus)
    links = timeline.date_links(dates, corpus)
    timeline.top_referenced_dates(dates, corpus, n=15, events=timeline.load_events())
    tables = time.perf_counter() - t0
    print(
        f"publication_counts + date_links + top_referenced_dates: {tables:.2f} s "
        f"({len(links)} links)"
    )


if __name__ == "__main__":
    main()
