"""The whole-pipeline benchmark stays runnable and reports what it measured, consistently.

The notebooks are not executed here: the notebook tests have just run every one of them
(and `make bench` times them); the benchmark's own arithmetic and rows are what is checked.
"""

from __future__ import annotations

import json

import psutil
import pytest

from helpers import dates, demands, entities, events, explore, words
from helpers.corpus import load_corpus
from helpers.tooling import bench

pytestmark = pytest.mark.notebooks

STAGES = ("load", "tokens", "entities", "dates", "demands", "events", "select", "search")


def test_a_tiny_benchmark_reports_every_stage_consistently(tmp_path, monkeypatch):
    for name in ("CORPUS", "HELPERS_CACHE_DIR", "HELPERS_FIGURES_DIR"):
        monkeypatch.setenv(name, "")  # run() sets them; monkeypatch puts them back
    results = bench.run(docs=6, naive_docs=3, work=tmp_path, notebooks=False)
    rss_after = psutil.Process().memory_info().rss / 2**20
    assert json.loads(json.dumps(results)) == results  # what --json writes
    stages = results["stages"]
    assert set(stages) == {f"{s}_{t}" for s in STAGES for t in ("cold", "warm")}
    # Ratios and the warm/cold summary are the reported seconds divided as documented.
    for name, ratio in results["ratios"].items():
        cold, naive = stages[f"{name}_cold"], results["naive"][name]
        # seconds are reported to the millisecond: allow for that rounding in both
        assert abs(ratio * naive - cold) <= 0.0005 * (ratio + 1) + 0.01 * cold, name
    warm_over_cold = sum(stages[f"{s}_warm"] for s in STAGES) / sum(
        stages[f"{s}_cold"] for s in STAGES
    )
    assert results["warm_over_cold"] == pytest.approx(warm_over_cold, rel=0.01, abs=1e-3)
    # Rows are what each stage returns on that corpus, called directly (caches are warm now).
    corpus = load_corpus(tmp_path / "corpus", progress=False)
    assert results["docs"] == len(corpus) == 6 and results["rows"]["load"] == 6
    tokens = words.tokens(corpus, progress=False)
    assert results["tokens"] == results["rows"]["tokens"] == len(tokens)
    assert results["rows"]["entities"] == len(entities.mentions(corpus, progress=False))
    assert results["rows"]["dates"] == len(dates.referenced_dates(corpus))
    assert results["rows"]["demands"] == len(demands.demands(corpus, progress=False))
    assert results["rows"]["events"] == len(events.protest_events(corpus, progress=False))
    selected = explore.select(corpus, selection=bench.BENCH_SELECT)
    assert results["rows"]["select"] == len(selected)
    found = explore.search(corpus, bench.BENCH_WORDS, entities=bench.BENCH_ENTITIES)
    assert results["rows"]["search"] == len(found)
    # The warm rounds had caches to read: the scratch cache holds every cached stage.
    cache = tmp_path / "cache"
    assert {p.name for p in (cache / "entities").glob("*.parquet")} == {
        "ner.parquet",
        "mentions.parquet",
    }
    assert list((cache / "corpus").glob("*.parquet"))
    cached = {p.name.split("-")[0] for p in (cache / "stages").glob("*.parquet")}
    assert cached == {"tokens", "sentences", "dates", "demands"}
    # Peak memory is sampled over this process (and its children): at least what it holds now.
    assert results["peak_rss_mb"] >= 0.9 * rss_after
    table = bench.report(results)
    rows = {line.split()[0]: line.split()[1:] for line in table.splitlines()[2:] if line}
    for name in STAGES:
        cold, warm = (stages[f"{name}_{t}"] for t in ("cold", "warm"))
        assert rows[name][:2] == [f"{cold:.2f}", f"{warm:.2f}"], rows[name]
    assert "notebooks not run" in table
