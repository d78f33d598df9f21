"""The notebook runner behind `make`: HTML with embedded figures, and no half-written reports."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import psutil
import pytest
from nbclient.exceptions import CellExecutionError
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from helpers.entities.pipeline import PARALLEL_THRESHOLD
from helpers.paths import NOTEBOOKS_DIR
from helpers.tooling import reports
from helpers.tooling.reports import render_reports
from helpers.tooling.synthetic import write_synthetic_corpus

pytestmark = pytest.mark.notebooks


def make_notebook(path: Path, title: str, code: str) -> Path:
    notebook = new_notebook(
        cells=[new_markdown_cell(f"# {title}\n\nWhat this one shows."), new_code_cell(code)],
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
        },
    )
    nbformat.write(notebook, path)
    return path


PLOT = (
    "import matplotlib.pyplot as plt\nplt.plot([1, 2], [3, 4])\nplt.title('Жанаозен')\nplt.show()"
)


def test_reports_embed_figures_and_link_notebooks_in_order(tmp_path):
    first = make_notebook(tmp_path / "00_first.ipynb", "Первый", PLOT)
    second = make_notebook(tmp_path / "01_second.ipynb", "Second", "print('ok')")
    out = tmp_path / "reports"
    written = render_reports([first, second], out, timeout=120)
    assert [p.name for p in written] == ["00_first.html", "01_second.html", "index.html"]
    page = (out / "00_first.html").read_text(encoding="utf-8")
    assert "data:image/png;base64," in page and "Первый" in page
    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.index("00_first.html") < index.index("01_second.html")
    assert "What this one shows." in index


def test_a_failing_notebook_stops_the_run_and_leaves_reports_alone(tmp_path):
    good = make_notebook(tmp_path / "00_good.ipynb", "Good", "x = 1")
    bad = make_notebook(tmp_path / "01_bad.ipynb", "Bad", "raise ValueError('сломано в ячейке')")
    out = tmp_path / "reports"
    out.mkdir()
    (out / "index.html").write_text("previous run", encoding="utf-8")
    with pytest.raises(CellExecutionError, match="сломано в ячейке"):
        render_reports([good, bad], out, timeout=120)
    assert [p.name for p in out.iterdir()] == ["index.html"]
    assert (out / "index.html").read_text(encoding="utf-8") == "previous run"


def save(name: str) -> str:
    """Notebook code that saves one figure (with its data) under ``name``."""
    return (
        "import matplotlib.pyplot as plt\nimport pandas as pd\n"
        "from helpers.figures import save_figure\n"
        f"fig, ax = plt.subplots()\nsave_figure(fig, {name!r}, pd.DataFrame({{'x': [1]}}))"
    )


@pytest.fixture
def figures(tmp_path, monkeypatch):
    """A figures folder holding what an earlier run on another corpus left."""
    folder = tmp_path / "figures"
    folder.mkdir()
    for name in (".gitkeep", "02_keyness_years.png", "02_keyness_years.csv", "01_kept.png"):
        (folder / name).write_bytes(b"earlier run")
    monkeypatch.setenv("HELPERS_FIGURES_DIR", str(folder))
    return folder


def test_a_complete_run_leaves_exactly_the_figures_it_wrote(tmp_path, figures, monkeypatch):
    first = make_notebook(tmp_path / "00_first.ipynb", "First", save("00_new"))
    second = make_notebook(tmp_path / "01_second.ipynb", "Second", save("01_other"))
    monkeypatch.setattr(reports, "notebook_paths", lambda: [first, second])
    render_reports(None, tmp_path / "reports", timeout=120)
    assert sorted(p.name for p in figures.iterdir()) == [
        ".gitkeep",
        "00_new.csv",
        "00_new.png",
        "01_other.csv",
        "01_other.png",
    ]
    assert (figures / ".gitkeep").read_bytes() == b"earlier run"
    assert not list(tmp_path.glob(".figures-*"))  # no staging folder left behind


def test_rerunning_one_notebook_replaces_only_its_own_figures(tmp_path, figures):
    again = make_notebook(tmp_path / "02_again.ipynb", "Again", save("02_collocations"))
    render_reports([again], tmp_path / "reports", timeout=120)
    names = sorted(p.name for p in figures.iterdir())
    assert names == [".gitkeep", "01_kept.png", "02_collocations.csv", "02_collocations.png"]


def test_a_failed_run_leaves_figures_as_they_were(tmp_path, figures, monkeypatch):
    before = sorted(p.name for p in figures.iterdir())
    good = make_notebook(tmp_path / "00_good.ipynb", "Good", save("00_new"))
    bad = make_notebook(tmp_path / "01_bad.ipynb", "Bad", "raise ValueError('сломано')")
    monkeypatch.setattr(reports, "notebook_paths", lambda: [good, bad])
    with pytest.raises(CellExecutionError):
        render_reports(None, tmp_path / "reports", timeout=120)
    assert sorted(p.name for p in figures.iterdir()) == before
    assert not (tmp_path / "reports").exists()
    assert not list(tmp_path.glob(".figures-*"))


def _kernel_pool_workers(runner: psutil.Process) -> list[psutil.Process]:
    """Processes three levels below the runner: runner -> worker -> kernel -> NER pool worker."""
    found = []
    with contextlib.suppress(psutil.Error):
        for worker in runner.children():
            for kernel in worker.children():
                found += kernel.children()
    return found


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "kill"])
def test_interrupting_the_runner_leaves_no_process_running(tmp_path, signum):
    """Ctrl-C (SIGINT to the foreground group) or kill (SIGTERM to the runner) mid-NER."""
    corpus = write_synthetic_corpus(tmp_path / "corpus", PARALLEL_THRESHOLD + 20, seed=1)
    env = {
        **os.environ,
        "CORPUS": str(corpus),
        "HELPERS_CACHE_DIR": str(tmp_path / "cache"),
        "HELPERS_FIGURES_DIR": str(tmp_path / "figures"),
    }
    notebook = NOTEBOOKS_DIR / "03_entity_mentions.ipynb"
    command = [sys.executable, "-m", "helpers.tooling.reports", str(notebook)]
    command += ["--out", str(tmp_path / "reports")]
    runner = subprocess.Popen(
        command, env=env, start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        process = psutil.Process(runner.pid)
        seen: dict[int, psutil.Process] = {}
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and runner.poll() is None:
            with contextlib.suppress(psutil.Error):
                seen |= {p.pid: p for p in process.children(recursive=True)}
            if _kernel_pool_workers(process):
                break
            time.sleep(0.2)
        assert _kernel_pool_workers(process), "NER never started its worker pool"
        seen |= {p.pid: p for p in process.children(recursive=True)}
        if signum == signal.SIGINT:
            os.killpg(runner.pid, signal.SIGINT)  # what the terminal does on Ctrl-C
        else:
            runner.send_signal(signal.SIGTERM)
        _, stderr = runner.communicate(timeout=60)
        assert runner.returncode == 130, stderr.decode()
        assert "Interrupted" in stderr.decode() and "Traceback" not in stderr.decode()
        _, alive = psutil.wait_procs(list(seen.values()), timeout=10)
        assert not alive, [p.cmdline() for p in alive]
        assert not (tmp_path / "reports").exists()
    finally:
        if runner.poll() is None:
            runner.kill()
