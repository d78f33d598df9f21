"""Every notebook runs top to bottom on the seeds, and is committed clean.

Executed with nbclient exactly as `make` does (helpers.tooling.reports), with an
explicit per-cell timeout: a notebook that does not run is a bug.
"""

from __future__ import annotations

import json

import nbformat
import pytest

from helpers.paths import NOTEBOOKS_DIR, SEEDS_DIR
from helpers.tooling.reports import execute_notebook, notebook_paths

NOTEBOOKS = notebook_paths()
CELL_TIMEOUT = 600


def test_there_are_notebooks_in_reading_order():
    names = [p.name for p in NOTEBOOKS]
    assert names and names[0] == "00_corpus_overview.ipynb"
    numbers = [int(name[:2]) for name in names]
    # Numbered in reading order, each number once (a number may be free while its notebook is
    # being written).
    assert numbers[0] == 0 and numbers == sorted(set(numbers))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_committed_clean(path):
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert raw["metadata"]["kernelspec"]["name"] == "python3"
    for cell in raw["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None, path.name
    parameters = [c for c in raw["cells"] if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(parameters) == 1 and "CORPUS = None" in "".join(parameters[0]["source"])
    assert raw["cells"][0]["cell_type"] == "markdown"


@pytest.mark.notebooks
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs_and_saves_its_figures(path, monkeypatch, tmp_path):
    monkeypatch.delenv("CORPUS", raising=False)
    monkeypatch.delenv("SELECT", raising=False)
    # The kernel inherits these: figures and caches go to a scratch folder, not the working tree.
    figures = tmp_path / "figures"
    monkeypatch.setenv("HELPERS_FIGURES_DIR", str(figures))
    monkeypatch.setenv("HELPERS_CACHE_DIR", str(tmp_path / "cache"))
    notebook = execute_notebook(path, timeout=CELL_TIMEOUT)
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    # What a reader of the shared HTML would see as noise: warnings, progress bars, file paths.
    noise = [o.text for o in outputs if o.output_type == "stream" and o.name == "stderr"]
    noise += [
        o.data["text/plain"]
        for o in outputs
        if "text/plain" in o.get("data", {}) and "PosixPath(" in o.data["text/plain"]
    ]
    assert not noise, f"{path.name} prints noise: {noise[:3]}"
    prefix = path.stem.split("_")[0]
    pngs = sorted(figures.glob(f"{prefix}_*.png"))
    assert pngs, f"{path.name} saved no figure"
    assert {p.name for p in figures.iterdir()} <= {
        f"{p.stem}{ext}" for p in pngs for ext in (".png", ".csv")
    }
    assert all((figures / f"{p.stem}.csv").exists() for p in pngs), "a figure without its data"
    assert nbformat.validate(notebook) is None


def test_notebooks_folder_is_the_projects():
    assert NOTEBOOKS_DIR.name == "notebooks" and (NOTEBOOKS_DIR.parent / "pyproject.toml").exists()


@pytest.mark.notebooks
def test_later_notebooks_leave_a_messy_corpus_problems_to_the_overview(tmp_path, monkeypatch):
    """Problems are shown once, in 00; the shared HTML of 01-04 stays free of warnings."""
    corpus = tmp_path / "articles"
    corpus.mkdir()
    for seed in SEEDS_DIR.iterdir():
        (corpus / seed.name).write_bytes(seed.read_bytes())
    (corpus / "empty.md").write_text("", encoding="utf-8")
    (corpus / "broken.md").write_text('---\ntitle: "x\n---\nТекст.', encoding="utf-8")
    monkeypatch.setenv("CORPUS", str(corpus))
    monkeypatch.setenv("HELPERS_FIGURES_DIR", str(tmp_path / "figures"))
    notebook = execute_notebook(NOTEBOOKS_DIR / "01_timeline.ipynb", timeout=CELL_TIMEOUT)
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "stream" and o.name == "stderr"]
