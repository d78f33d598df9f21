"""Shared reports are safe: corpus text reaches the rendered HTML as text, never as markup.

A corpus with script and event-handler payloads in the body, title, author, file name and an
extra frontmatter field (and half a ``<script>`` tag where a concordance window cuts it, a
``$`` for MathJax and matplotlib, dates across centuries) is rendered the way ``make`` does
(:func:`helpers.tooling.reports.render_reports`, every notebook: the overview tables, the
concordances and the demand tables show corpus text in HTML). Each page is then opened in
headless Chromium: no payload runs (each would set an attribute on the page) and every cell of
the notebook is still on the page.

Chromium: ``apt-get install -y chromium`` (the test is skipped, saying so, when it is absent).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import nbformat
import pytest

from helpers.paths import NOTEBOOKS_DIR
from helpers.tooling.browser_check import find_chromium
from helpers.tooling.reports import notebook_paths, render_reports

pytestmark = pytest.mark.notebooks

#: Every payload, if it ran, would set ``data-pwned`` on <body>; the name is built at run
#: time, so the escaped text of the payload never contains ``data-pwned=`` itself.
RUN = "document.body.setAttribute('data-'+'pwned','1')"
SCRIPT = f"<script>{RUN}</script>"
IMG = f"<img src=x onerror={RUN}>"
SVG = f"<svg onload={RUN}>"
NOTEBOOKS = [path.stem for path in notebook_paths()]
CHROMIUM = find_chromium()


def hostile_corpus(folder: Path) -> Path:
    """Four articles, every text field carrying a payload, the body ones where tables show them."""
    folder.mkdir()
    cut = "x" * 45  # the concordance shows 50 characters: it cuts the tag that follows
    docs = {
        f"{IMG}.md": (
            f"Рабочие {SCRIPT}",
            f"Автор {IMG}",
            '"1700-05-01"',
            f"Рабочий {cut}{SCRIPT} пришёл. Рабочие {IMG} требуют. Требование {SVG} принято.\n\n"
            "Наши требования:\n"
            f"1. Повышения зарплаты {SCRIPT};\n"
            f"2. Освобождения рабочих {IMG};\n"
            "3. Отставки акима.\n",
        ),
        "plain.md": (
            "Зарплата $300 и $400",
            "Иван Петров",
            '"2013-12-18"',
            "Рабочие требуют повышения зарплаты до $300 и $400 в месяц.\n\n"
            "Мы требуем:\n- вернуть рабочих на работу;\n- выплатить долги по зарплате.\n\n"
            f"Требование рабочих {cut}<scr\n\nСвободу Козлову!\n",
        ),
        f"{SVG}.txt": (
            f"{SVG} рабочий",
            SCRIPT,
            '"2250-01-01"',
            f"Рабочий день. {cut}<img src=x onerror=\n\nТребование не выполнено.\n",
        ),
    }
    for name, (title, author, date, body) in docs.items():
        fm = f"---\ntitle: '{title}'\nauthor: '{author}'\ndate: {date}\nsource: '{SCRIPT}'\n---\n\n"
        (folder / name).write_text(fm + body, encoding="utf-8")
    (folder / f"{SVG} empty.md").write_text("", encoding="utf-8")  # a problem row names it
    return folder


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    corpus = hostile_corpus(root / "corpus")
    patch = pytest.MonkeyPatch()
    patch.setenv("CORPUS", str(corpus))
    patch.setenv("HELPERS_FIGURES_DIR", str(root / "figures"))
    (root / "figures").mkdir()
    try:
        notebooks = [NOTEBOOKS_DIR / f"{name}.ipynb" for name in NOTEBOOKS]
        render_reports(notebooks, root / "reports", timeout=600)
    finally:
        patch.undo()
    return root / "reports"


def test_payloads_reach_the_html_only_as_escaped_text(rendered):
    for name in NOTEBOOKS:
        page = (rendered / f"{name}.html").read_text(encoding="utf-8")
        for payload in (SCRIPT, IMG, SVG, "<img src=x onerror=\n", "<scr\n"):
            assert payload not in page, f"{name}: {payload!r} unescaped"
        assert "onerror=" not in re.sub(r"&lt;img src=x onerror=", "", page)
        assert str(rendered.parent) not in page, f"{name} shows the user's folder"


@pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed (apt-get install chromium)")
@pytest.mark.parametrize("name", NOTEBOOKS)
def test_no_payload_runs_in_a_browser_and_every_cell_is_there(rendered, name):
    page = rendered / f"{name}.html"
    dom = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--virtual-time-budget=3000",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    assert "<body" in dom and "data-pwned=" not in dom
    notebook = nbformat.reads(
        (NOTEBOOKS_DIR / f"{name}.ipynb").read_text(encoding="utf-8"), as_version=4
    )
    # A tag left open (half a <script> cut by a concordance window) would swallow the
    # cells after it: all of them are on the page, and the page ends as the notebook does.
    assert dom.count('class="jp-Cell ') == len(notebook.cells)
    last_words = re.findall(r"\w+", notebook.cells[-1].source)[-3:]
    assert all(word in dom[-5000:] for word in last_words)
