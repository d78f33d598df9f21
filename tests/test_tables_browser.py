"""Interactive tables in a rendered report: offline, escaped, and searchable in a real browser."""

from __future__ import annotations

import re

import nbformat
import pandas as pd
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from helpers.tooling import browser_check
from helpers.tooling.reports import _to_html, execute_notebook

HOSTILE = "<img src=x onerror=\"alert('escaped')\"><script>alert('ran')</script>"


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """A notebook showing a table with hostile corpus text, executed and rendered like `make`."""
    folder = tmp_path_factory.mktemp("report")
    source = (
        "import pandas as pd\nimport helpers\n"
        "rows = [{'title': f'Статья {i}', 'source': 'kazakh.ru' if i % 7 else 'ratnik.kz'}"
        " for i in range(40)]\n"
        f"rows.append({{'title': {HOSTILE!r}, 'source': 'evil.example'}})\n"
        "helpers.show_table(pd.DataFrame(rows), caption='sources')\n"
    )
    notebook = new_notebook(cells=[new_code_cell(source)])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    path = folder / "table.ipynb"
    nbformat.write(notebook, path)
    html_file = folder / "table.html"
    html_file.write_text(_to_html(execute_notebook(path, timeout=120)), encoding="utf-8")
    return html_file


def test_report_embeds_the_table_library_and_escapes_corpus_text(report):
    page = report.read_text(encoding="utf-8")
    assert "new ITable" in page
    # Offline mode: the library is in the file, not fetched from a CDN.
    scripts = re.findall(r"<script[^>]*src=\"([^\"]+)\"", page)
    assert not [src for src in scripts if "itables" in src or "datatables" in src.lower()]
    # The cell holds the title escaped: shown as text, never parsed as markup.
    assert "&lt;script&gt;alert('ran')&lt;/script&gt;" in page
    assert "<script>alert('ran')" not in page


@pytest.mark.skipif(browser_check.find_chromium() is None, reason="chromium not installed")
def test_search_box_filters_rows_in_headless_chromium_offline(report):
    check = browser_check.check_table_search(report, "ratnik", timeout=60)
    assert check.tables == 1
    assert "41 entries" in check.before
    assert "6 entries" in check.after and check.rows_after == 6  # i = 0, 7, ..., 35
    assert check.dialogs == []  # the hostile title was shown, not run


def test_show_table_outside_a_notebook_prints_text(capsys):
    from helpers.display import show_table

    show_table(pd.DataFrame({"a": [1, 2]}))
    assert "a" in capsys.readouterr().out
