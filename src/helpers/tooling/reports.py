"""Execute every notebook in order and render shareable HTML into ``reports/``.

``python -m helpers.tooling.reports`` (what ``make`` runs) executes each notebook in
``notebooks/`` with nbclient, the same way the tests do, on the corpus named
by the ``CORPUS`` setting (default: ``seeds/``). Each notebook's figures go to
``figures/``; each executed notebook becomes self-contained HTML (figures
embedded) in ``reports/``, with ``reports/index.html`` linking them in order.

A notebook that fails stops the run with the failing cell's error, and
``reports/`` is left as it was: HTML is written to a temporary folder and
moved into place only when every notebook has run.
"""

from __future__ import annotations

import argparse
import html
import os
import re
import shutil
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from helpers.explore.selection import selection_setting
from helpers.paths import CORPUS_ENV_VAR, NOTEBOOKS_DIR, REPORTS_DIR, corpus_dir
from helpers.progress import PROGRESS_ENV_VAR

__all__ = ["execute_notebook", "main", "notebook_paths", "render_reports"]

#: Per-cell limit; NER over a large corpus on two cores is the slowest cell.
DEFAULT_CELL_TIMEOUT = 1800
KERNEL_NAME = "python3"


def notebook_paths(folder: Path = NOTEBOOKS_DIR) -> list[Path]:
    """The project's notebooks in reading order (their file names start with 00_, 01_, ...)."""
    return sorted(p for p in folder.glob("*.ipynb") if not p.name.startswith("."))


def execute_notebook(path: Path, *, timeout: int = DEFAULT_CELL_TIMEOUT) -> nbformat.NotebookNode:
    """Run a notebook top to bottom in its own folder and return it with outputs.

    Raises nbclient's ``CellExecutionError`` (which carries the failing
    cell's source and traceback) when a cell fails.
    """
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=timeout,
        # The kernel's startup log (a notice that local traffic is unencrypted) is noise here;
        # errors in cells still surface as CellExecutionError.
        extra_arguments=["--log-level=ERROR"],
        kernel_name=KERNEL_NAME,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    return notebook


_MARKDOWN_MARKUP = re.compile(r"\*\*?|__|`|\[([^\]]*)\]\([^)]*\)")


def _describe(notebook: nbformat.NotebookNode) -> tuple[str, str]:
    """Title and first paragraph (as plain text) of the notebook's opening markdown cell."""
    for cell in notebook.cells:
        if cell.cell_type != "markdown":
            continue
        title, paragraph = "", []
        for line in (line.strip() for line in cell.source.splitlines()):
            if line.startswith("#"):
                title = title or line.lstrip("# ")
            elif line:
                paragraph.append(line)
            elif paragraph:
                break
        text = " ".join(paragraph)
        return title, _MARKDOWN_MARKUP.sub(lambda m: m.group(1) or "", text)
    return "", ""


def _to_html(notebook: nbformat.NotebookNode) -> str:
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(embed_images=True)
    body, _ = exporter.from_notebook_node(notebook)
    return body


def _index_html(entries: list[tuple[str, str, str]], corpus: Path) -> str:
    items = "\n".join(
        f'<li><a href="{html.escape(href)}">{html.escape(title)}</a><br>'
        f"<span>{html.escape(blurb)}</span></li>"
        for href, title, blurb in entries
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Kazakhstan labour press: notebooks</title>
<style>body{{font-family:sans-serif;max-width:46em;margin:2em auto;line-height:1.5}}
li{{margin-bottom:1em}} span{{color:#444}}</style></head>
<body><h1>Kazakhstan labour press: notebooks</h1>
<p>Corpus: <code>{html.escape(corpus.name)}</code>. Read in order; each page is self-contained.</p>
<ol>
{items}
</ol></body></html>
"""


def _execute_to_json(path: Path, timeout: int) -> tuple[str, tuple[str, str, str] | None]:
    """Worker-side: run one notebook; return it as JSON, or the failing cell's error."""
    try:
        return nbformat.writes(execute_notebook(path, timeout=timeout)), None
    except CellExecutionError as exc:
        return "", (exc.traceback, exc.ename, exc.evalue)


def render_reports(
    notebooks: list[Path] | None = None,
    out_dir: Path = REPORTS_DIR,
    *,
    timeout: int = DEFAULT_CELL_TIMEOUT,
    jobs: int | None = None,
) -> list[Path]:
    """Execute ``notebooks`` (default: all, in order) and write HTML plus an index.

    Notebooks are independent (each loads the corpus itself), so ``jobs`` of
    them run at once (default: 2 on a machine with two cores or more); the
    log and the index keep reading order. Returns the written paths. Nothing
    in ``out_dir`` changes unless every notebook ran: the first failure stops
    the run with that cell's :class:`CellExecutionError`. The index is
    rewritten only when all of the project's notebooks ran, so rerunning one
    does not shrink it.
    """
    complete = notebooks is None or list(notebooks) == notebook_paths()
    notebooks = notebook_paths() if notebooks is None else notebooks
    if not notebooks:
        raise FileNotFoundError(f"no notebooks found in {NOTEBOOKS_DIR}")
    jobs = jobs if jobs is not None else min(2, os.cpu_count() or 1)
    corpus = corpus_dir()
    print(f"Corpus: {corpus} ({len(notebooks)} notebooks, {jobs} at a time)", flush=True)
    entries: list[tuple[str, str, str]] = []
    started = time.perf_counter()
    with (
        tempfile.TemporaryDirectory(prefix="reports-") as tmp,
        ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("spawn")) as pool,
    ):
        staging = Path(tmp)
        futures = [pool.submit(_execute_to_json, path, timeout) for path in notebooks]
        for number, (path, future) in enumerate(zip(notebooks, futures, strict=True), start=1):
            executed, error = future.result()
            if error is not None:
                for pending in futures:
                    pending.cancel()
                print(f"[{number}/{len(notebooks)}] {path.name} FAILED", flush=True)
                raise CellExecutionError(*error)
            notebook = nbformat.reads(executed, as_version=4)
            (staging / f"{path.stem}.html").write_text(_to_html(notebook), encoding="utf-8")
            title, blurb = _describe(notebook)
            entries.append((f"{path.stem}.html", title or path.stem, blurb))
            elapsed = time.perf_counter() - started
            print(f"[{number}/{len(notebooks)}] {path.name} done ({elapsed:.0f} s)", flush=True)
        if complete or not (out_dir / "index.html").exists():
            (staging / "index.html").write_text(_index_html(entries, corpus), encoding="utf-8")
        out_dir.mkdir(parents=True, exist_ok=True)
        written = []
        for file in sorted(staging.iterdir()):
            target = out_dir / file.name
            shutil.copyfile(file, target)
            written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: every notebook")
    parser.add_argument("--timeout", type=int, default=DEFAULT_CELL_TIMEOUT, help="seconds/cell")
    parser.add_argument(
        "--jobs", type=int, default=None, help="notebooks run at once (default 2; 1 saves memory)"
    )
    args = parser.parse_args(argv)
    folder = corpus_dir()
    if not folder.is_dir():
        print(f"error: corpus folder {folder} does not exist (set {CORPUS_ENV_VAR}=...)")
        return 2
    try:  # a mistyped SELECT stops here, once, rather than in every notebook
        selection = selection_setting()
    except ValueError as exc:
        print(f"error: {exc}")
        return 2
    print(f"Selection: {selection.describe()}", flush=True)
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    os.environ.setdefault(PROGRESS_ENV_VAR, "0")  # results in the HTML, not progress lines
    try:
        written = render_reports(args.notebooks or None, timeout=args.timeout, jobs=args.jobs)
    except CellExecutionError as exc:
        print(f"\nA notebook failed; reports/ was left unchanged.\n{exc}", file=sys.stderr)
        return 1
    print(f"Wrote {len(written)} files to {REPORTS_DIR} (open reports/index.html)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
