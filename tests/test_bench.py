"""The whole-pipeline benchmark stays runnable and reports what the scale issue asks for."""

from __future__ import annotations

import json

import pytest

from helpers.tooling import bench

pytestmark = pytest.mark.notebooks


def test_a_tiny_benchmark_reports_every_stage(tmp_path, monkeypatch):
    for name in ("CORPUS", "HELPERS_CACHE_DIR", "HELPERS_FIGURES_DIR"):
        monkeypatch.setenv(name, "")  # run() sets them; monkeypatch puts them back
    results = bench.run(docs=6, naive_docs=3, work=tmp_path)
    json.dumps(results)  # what --json writes
    stages = {
        "load",
        "tokens",
        "entities",
        "dates",
        "demands",
        "events",
        "select",
        "search",
        "notebooks",
    }
    assert set(results["stages"]) == {f"{s}_{t}" for s in stages for t in ("cold", "warm")}
    assert set(results["naive"]) == set(results["ratios"]) == {"load", "tokens", "entities"}
    assert results["docs"] == 6 and results["tokens"] == results["rows"]["tokens"] > 500
    assert all(seconds > 0 for seconds in results["stages"].values())
    # the warm rounds had caches to read: the scratch cache holds every cached stage
    cache = tmp_path / "cache"
    assert {p.name for p in (cache / "entities").glob("*.parquet")} == {
        "ner.parquet",
        "mentions.parquet",
    }
    assert list((cache / "corpus").glob("*.parquet"))
    cached = {p.name.split("-")[0] for p in (cache / "stages").glob("*.parquet")}
    assert cached == {"tokens", "sentences", "dates", "demands"}
    assert 0 < results["peak_rss_mb"] < 8192
    assert "notebooks" in bench.report(results)
    assert sorted(p.name for p in (tmp_path / "reports").iterdir())[-1] == "index.html"
