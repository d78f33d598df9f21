"""The notebook runner behind `make`: HTML with embedded figures, and no half-written reports."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient.exceptions import CellExecutionError
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from helpers.tooling.reports import render_reports

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
