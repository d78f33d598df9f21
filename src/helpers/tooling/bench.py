"""One benchmark for the whole pipeline, on a synthetic corpus of any size.

    python -m helpers.tooling.bench [--docs 10000] [--naive-docs 1000] [--json FILE]

(``make bench`` runs it with the defaults.) In one run, on a fresh synthetic
corpus (:mod:`helpers.tooling.synthetic`) and an empty scratch cache:

1. the naive way for the first three stages: a plain ``frontmatter.load``
   loop; razdel plus uncached pure-Python pymorphy3 for every token (in a
   subprocess where pymorphy3's C DAWG reader is blocked); natasha's own
   per-document pipeline (segment, tag_morph, tag_ner, normalize). The last
   two run a few thousand tokens a second, so they are timed on the first
   ``--naive-docs`` documents and scaled to the corpus (by tokens, and by
   characters); ``--naive-docs`` equal to ``--docs`` times them in full;
2. every stage cold (empty cache): load, tokens with lemmas, entity
   mentions, referenced dates, demands, then what a user does next: a
   selection (:data:`BENCH_SELECT`: dates, words, an entity, per story) and a
   search (:data:`BENCH_WORDS`, :data:`BENCH_ENTITIES`), which read those caches;
   protest events (with the entity, date and demand caches the earlier
   stages filled);
3. the same stages warm (caches present), as on a rerun;
4. executing every notebook on the corpus (``CORPUS``), cold and warm, the
   way ``make`` does, with figures and HTML written to the scratch folder.

It prints a table and, with ``--json``, writes ``{"docs", "tokens",
"stages": {stage_cold|stage_warm: seconds}, "naive": {stage: seconds},
"ratios": {load, tokens, entities: ours cold / naive}, "warm_over_cold":
warm total / cold total (stages and notebooks), "peak_rss_mb"}``. Peak
memory is the largest total resident size of this process and every process
it started (notebook kernels, worker pools), sampled four times a second.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import frontmatter
import pandas as pd
import psutil

__all__ = ["main", "naive_entities", "naive_load", "naive_tokens"]

#: Targets from the project's scale issue, printed beside the measurements.
TARGETS = {"load": 0.5, "tokens": 0.34, "entities": 0.5, "warm_over_cold": 0.1}
#: A selection and a search as a user would make them; with warm caches each takes seconds.
BENCH_SELECT = 'since=2012-01-01 words=забастовка,"уголовное дело" entities=Жанарту per_story=1'
BENCH_WORDS = ["уголовное дело", "рабочий"]
BENCH_ENTITIES = ["Жанарту"]
#: Seconds, warm: what "a selection and a search each take seconds" means here.
WARM_TARGETS = {"select": 5.0, "search": 5.0}


# --------------------------------------------------------------------------- naive ways


def naive_load(folder: Path) -> list[frontmatter.Post]:
    """What a notebook does without helpers: ``frontmatter.load`` on every article file."""
    return [frontmatter.load(path) for path in sorted(folder.rglob("*.md"))]


_NAIVE_TOKENS = r"""
import json, sys, time
if sys.argv[3] == "pure":
    sys.modules["dawg"] = None  # pymorphy3 falls back to dawg_python, as without pymorphy3[fast]
import pymorphy3, pymorphy3.dawg, razdel
from helpers import load_corpus
morph = pymorphy3.MorphAnalyzer()
texts = load_corpus(sys.argv[1], progress=False)["text"].head(int(sys.argv[2])).tolist()
count = 0
started = time.perf_counter()
for text in texts:
    for token in razdel.tokenize(text):
        morph.parse(token.text)[0].normal_form
        count += 1
seconds = time.perf_counter() - started
print(json.dumps({"c_dawg": pymorphy3.dawg.EXTENSION_AVAILABLE, "seconds": seconds,
                  "tokens": count, "docs": len(texts)}))
"""


def naive_tokens(folder: Path, docs: int, *, pure_python: bool = True) -> dict:
    """Time razdel + uncached pymorphy3 per token on the first ``docs`` documents.

    Runs in a subprocess so that the C DAWG reader can be blocked
    (``pure_python``) without touching this process. Returns ``seconds``,
    ``tokens``, ``docs`` and whether the C reader was in use.
    """
    mode = "pure" if pure_python else "c"
    result = subprocess.run(
        [sys.executable, "-c", _NAIVE_TOKENS, str(folder), str(docs), mode],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
    )
    measured = json.loads(result.stdout.strip().splitlines()[-1])
    if measured["c_dawg"] == pure_python:
        raise RuntimeError("could not select pymorphy3's DAWG reader as intended")
    return measured


def naive_entities(corpus: pd.DataFrame) -> pd.DataFrame:
    """natasha's own per-document pipeline (segment, tag_morph, tag_ner, normalize)."""
    from helpers.tooling.baseline import natasha_mentions

    return natasha_mentions(corpus)


# --------------------------------------------------------------------------- timing


def _timed(function: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result


class _MemorySampler(threading.Thread):
    """Samples the resident memory of this process and all its descendants, summed."""

    def __init__(self, interval: float = 0.25):
        super().__init__(daemon=True)
        self.interval = interval
        self.peak_bytes = 0
        self._stop_event = threading.Event()

    def run(self) -> None:
        me = psutil.Process()
        while not self._stop_event.wait(self.interval):
            total = 0
            for process in [me, *me.children(recursive=True)]:
                with contextlib.suppress(psutil.Error):  # it ended between listing and reading
                    total += process.memory_info().rss
            self.peak_bytes = max(self.peak_bytes, total)

    def stop(self) -> float:
        """Stop sampling; return the peak in MB."""
        self._stop_event.set()
        self.join()
        return self.peak_bytes / 2**20


def _stages(folder: Path) -> dict[str, tuple[float, int]]:
    """Run every stage once in this process; seconds and rows per stage."""
    from helpers import dates, demands, entities, events, explore, words
    from helpers.corpus import load_corpus

    timings: dict[str, tuple[float, int]] = {}
    seconds, corpus = _timed(lambda: load_corpus(folder, progress=False))
    timings["load"] = (seconds, len(corpus))
    seconds, table = _timed(lambda: words.tokens(corpus, progress=False))
    timings["tokens"] = (seconds, len(table))
    seconds, found = _timed(lambda: entities.mentions(corpus, progress=False))
    timings["entities"] = (seconds, len(found))
    seconds, found = _timed(lambda: dates.referenced_dates(corpus))
    timings["dates"] = (seconds, len(found))
    seconds, found = _timed(lambda: demands.demands(corpus, progress=False))
    timings["demands"] = (seconds, len(found))
    # Protest events read the three tables above (through their caches) plus reported demands.
    seconds, found = _timed(lambda: events.protest_events(corpus, progress=False))
    timings["events"] = (seconds, len(found))
    # What a user does next: narrow the corpus, then search it (each reads the caches above).
    seconds, found = _timed(lambda: explore.select(corpus, selection=BENCH_SELECT))
    timings["select"] = (seconds, len(found))
    seconds, found = _timed(lambda: explore.search(corpus, BENCH_WORDS, entities=BENCH_ENTITIES))
    timings["search"] = (seconds, len(found))
    return timings


def _notebooks(out_dir: Path) -> float:
    from helpers.tooling.reports import render_reports

    seconds, _ = _timed(lambda: render_reports(out_dir=out_dir))
    return seconds


def run(docs: int, naive_docs: int, work: Path, *, notebooks: bool = True) -> dict:
    """The whole benchmark in scratch folder ``work``; returns the JSON-able results.

    ``notebooks=False`` leaves out step 4 (executing every notebook), for a
    caller that has just run them another way (the test suite does).
    """
    from helpers.corpus import load_corpus
    from helpers.tooling.synthetic import write_synthetic_corpus

    folder = work / "corpus"
    cache = work / "cache"
    os.environ.update(
        CORPUS=str(folder),
        HELPERS_CACHE_DIR=str(cache),
        HELPERS_FIGURES_DIR=str(work / "figures"),
    )
    sampler = _MemorySampler()
    sampler.start()
    print(f"writing {docs:,} synthetic documents ...", flush=True)
    write_synthetic_corpus(folder, docs, seed=0)
    corpus = load_corpus(folder, cache=False, progress=False)
    sample = corpus.head(min(naive_docs, len(corpus)))
    share_chars = corpus["text"].str.len().sum() / sample["text"].str.len().sum()

    print("naive ways ...", flush=True)
    naive: dict[str, float] = {}
    naive["load"], _ = _timed(lambda: naive_load(folder))
    measured = naive_tokens(folder, len(sample))
    naive_token_seconds = measured["seconds"]
    seconds, _ = _timed(lambda: naive_entities(sample))
    naive["entities"] = seconds * share_chars

    shutil.rmtree(cache, ignore_errors=True)
    print("stages, cold ...", flush=True)
    cold = _stages(folder)
    n_tokens = cold["tokens"][1]
    naive["tokens"] = naive_token_seconds * n_tokens / measured["tokens"]
    print("stages, warm ...", flush=True)
    warm = _stages(folder)

    stages = {f"{name}_cold": round(seconds, 3) for name, (seconds, _) in cold.items()}
    stages |= {f"{name}_warm": round(seconds, 3) for name, (seconds, _) in warm.items()}
    cold_total = sum(s for s, _ in cold.values())
    warm_total = sum(s for s, _ in warm.values())
    if notebooks:
        shutil.rmtree(cache, ignore_errors=True)
        print("notebooks, cold ...", flush=True)
        notebooks_cold = _notebooks(work / "reports")
        print("notebooks, warm ...", flush=True)
        notebooks_warm = _notebooks(work / "reports")
        stages |= {
            "notebooks_cold": round(notebooks_cold, 3),
            "notebooks_warm": round(notebooks_warm, 3),
        }
        cold_total += notebooks_cold
        warm_total += notebooks_warm
    return {
        "docs": docs,
        "tokens": n_tokens,
        "naive_docs": len(sample),
        "stages": stages,
        "naive": {name: round(seconds, 3) for name, seconds in naive.items()},
        "ratios": {name: round(cold[name][0] / naive[name], 4) for name in naive},
        "warm_over_cold": round(warm_total / cold_total, 4),
        "peak_rss_mb": round(sampler.stop(), 1),
        "rows": {name: rows for name, (_, rows) in cold.items()},
    }


def report(results: dict) -> str:
    """The results as a plain-text table with the targets."""
    stages, naive, ratios = results["stages"], results["naive"], results["ratios"]
    lines = [
        f"{results['docs']:,} synthetic documents, {results['tokens']:,} tokens; "
        f"naive token and entity loops timed on {results['naive_docs']:,} documents and scaled",
        f"{'stage':<12} {'cold s':>9} {'warm s':>9} {'naive s':>9} "
        f"{'cold/naive':>11} {'target':>7}",
    ]
    names = (
        "load",
        "tokens",
        "entities",
        "dates",
        "demands",
        "events",
        "select",
        "search",
        "notebooks",
    )
    for name in names:
        if f"{name}_cold" not in stages:
            continue
        cold, warm = stages[f"{name}_cold"], stages[f"{name}_warm"]
        if name in naive:
            ratio = f"{ratios[name]:>11.3f} {'<= ' + str(TARGETS[name]):>7}"
            lines.append(f"{name:<12} {cold:>9.2f} {warm:>9.2f} {naive[name]:>9.2f} {ratio}")
        elif name in WARM_TARGETS:
            target = f"warm <= {WARM_TARGETS[name]:g}"
            lines.append(f"{name:<12} {cold:>9.2f} {warm:>9.2f} {'':>9} {'':>11} {target:>7}")
        else:
            lines.append(f"{name:<12} {cold:>9.2f} {warm:>9.2f}")
    notebooks = (
        f"notebooks cold {stages['notebooks_cold'] / 60:.1f} min (target <= 10), "
        f"warm {stages['notebooks_warm'] / 60:.1f} min (target <= 1); "
        if "notebooks_cold" in stages
        else "notebooks not run; "
    )
    lines.append(
        f"warm/cold total = {results['warm_over_cold']:.3f} (target <= 0.1); "
        + notebooks
        + f"peak memory {results['peak_rss_mb']:,.0f} MB (target < 4096)"
    )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000, help="synthetic documents (10000)")
    parser.add_argument(
        "--naive-docs", type=int, default=1_000, help="documents the slow naive loops are timed on"
    )
    parser.add_argument("--json", type=Path, help="also write the results to this JSON file")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    args = parser.parse_args(argv)
    if args.docs < 1 or args.naive_docs < 1:
        parser.error("--docs and --naive-docs must be at least 1")

    work = Path(tempfile.mkdtemp(prefix="helpers-bench-"))
    try:
        results = run(args.docs, args.naive_docs, work)
    finally:
        if args.keep:
            print(f"scratch folder kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    print(report(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
