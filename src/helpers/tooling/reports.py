"""Execute every notebook in order and render shareable HTML into ``reports/``.

``python -m helpers.tooling.reports`` (what ``make`` runs) executes each notebook in
``notebooks/`` with nbclient, the same way the tests do, on the corpus named
by the ``CORPUS`` setting (default: ``seeds/``). Each notebook's figures go to
``figures/``; each executed notebook becomes self-contained HTML (figures
embedded) in ``reports/``, with ``reports/index.html`` linking them in order.

A run owns its outputs. The notebooks write their figures into a fresh
folder beside ``figures/``, and HTML goes to a temporary folder; only when
every notebook has run are they moved into place, so ``figures/`` then holds
exactly what this run wrote (a chart an earlier corpus produced and this one
does not, such as ``02_keyness_years``, is gone) and ``reports/`` changes only
then. A notebook that fails stops the run with the failing cell's error and
leaves both as they were. Rerunning some notebooks only replaces their own
figures (those with their number prefix).

Interrupting the run (Ctrl-C, or ``kill`` of the runner) stops every process
it started: the worker processes, their notebook kernels (which jupyter
starts in sessions of their own, out of reach of the terminal's Ctrl-C) and
the kernels' own worker pools (NER); none is left running.
"""

from __future__ import annotations

import argparse
import contextlib
import html
import os
import re
import shutil
import signal
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

import nbformat
import psutil
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from helpers.corpus.loader import ARTICLE_SUFFIXES, load_corpus
from helpers.explore.selection import selection_setting
from helpers.paths import (
    CORPUS_ENV_VAR,
    FIGURES_ENV_VAR,
    NOTEBOOKS_DIR,
    REPORTS_DIR,
    corpus_dir,
    figures_dir,
)
from helpers.progress import PROGRESS_ENV_VAR

__all__ = ["corpus_problem", "execute_notebook", "main", "notebook_paths", "render_reports"]

#: Per-cell limit; NER over a large corpus on two cores is the slowest cell.
DEFAULT_CELL_TIMEOUT = 1800
KERNEL_NAME = "python3"
#: Seconds the processes of an interrupted run get to end before they are killed.
STOP_GRACE = 5.0


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


def _stop_tree(processes: list[psutil.Process], grace: float = STOP_GRACE) -> None:
    """Terminate ``processes`` (the run's descendants, maybe suspended), then kill what is left."""
    alive = []
    for process in processes:
        with contextlib.suppress(psutil.Error):
            if process.ppid() == os.getpid():
                # A pool worker: nbclient in it would answer SIGTERM by cleaning up a kernel
                # that is being stopped here too, and print the race. It holds nothing to save.
                process.kill()
            else:
                process.terminate()
            alive.append(process)
    for process in alive:
        with contextlib.suppress(psutil.Error):
            process.resume()  # a suspended process acts on SIGTERM once it runs again
    _, survivors = psutil.wait_procs(alive, timeout=grace)
    for process in survivors:
        with contextlib.suppress(psutil.Error):
            process.kill()
    psutil.wait_procs(survivors, timeout=grace)


def _freeze_descendants(rounds: int = 20) -> list[psutil.Process]:
    """Suspend every descendant, round after round, until no new one appears; return them all.

    A worker may be starting a kernel, or a kernel its NER pool, at the moment
    of the interrupt: a process born after a single snapshot would be missed
    and, once its parent is gone, escape this process's tree. Frozen, nothing
    starts anything, so the last round's list is the whole tree.
    """
    frozen: dict[int, psutil.Process] = {}
    for _ in range(rounds):
        new = [p for p in _descendants() if p.pid not in frozen]
        if not new:
            break
        for process in new:
            with contextlib.suppress(psutil.Error):
                process.suspend()
            frozen[process.pid] = process
    return list(frozen.values())


def _ignore_sigint() -> None:
    """Worker-side: Ctrl-C is the runner's to handle; it stops the workers and kernels in order.

    A process group of its own keeps the terminal's Ctrl-C away from the
    worker (nbclient would otherwise catch it and race the runner's cleanup).
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    with contextlib.suppress(OSError):
        os.setpgrp()


def _descendants() -> list[psutil.Process]:
    """Every process this one started, however deep (workers, kernels, their pools).

    Leaves out multiprocessing's resource tracker: it ends by itself with this
    process, and killed early it reports the pool's semaphores as leaked.
    """
    found = []
    try:
        children = psutil.Process().children(recursive=True)
    except psutil.Error:
        return found
    for child in children:
        with contextlib.suppress(psutil.Error):
            if "resource_tracker" not in " ".join(child.cmdline()):
                found.append(child)
    return found


@contextlib.contextmanager
def _terminate_raises() -> Iterator[None]:
    """Inside: SIGTERM raises KeyboardInterrupt like Ctrl-C, so one cleanup path serves both."""

    def interrupt(signum, frame):
        raise KeyboardInterrupt(f"signal {signum}")

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _publish_figures(staging: Path, target: Path, notebooks: list[Path], complete: bool) -> None:
    """Move a run's figures into ``target``: the whole folder, or the run's notebooks' prefixes.

    A complete run replaces ``target`` by ``staging`` (renamed into place, the
    old folder deleted afterwards), so nothing an earlier run wrote survives
    (hidden files such as ``.gitkeep`` are carried over). A partial run
    deletes, for each notebook it ran, the figures with that notebook's number
    prefix, and moves its new ones in.
    """
    if complete:
        old = target.with_name(f".{target.name}-old-{os.getpid()}")
        if target.exists():
            for hidden in target.glob(".*"):
                if not (staging / hidden.name).exists():
                    shutil.move(str(hidden), staging / hidden.name)
            target.rename(old)
        staging.rename(target)
        shutil.rmtree(old, ignore_errors=True)
        return
    target.mkdir(parents=True, exist_ok=True)
    for path in notebooks:
        prefix = path.stem.split("_")[0] + "_"
        for stale in target.glob(f"{prefix}*"):
            if stale.is_file():
                stale.unlink()
    for file in sorted(staging.iterdir()):
        shutil.move(str(file), target / file.name)
    shutil.rmtree(staging, ignore_errors=True)


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
    target = figures_dir()
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-run-", dir=target.parent))
    staging.chmod(target.stat().st_mode & 0o7777)  # swapped in later: same permissions
    previous_figures = os.environ.get(FIGURES_ENV_VAR)
    os.environ[FIGURES_ENV_VAR] = str(staging)  # the workers and their kernels inherit it
    pool = None
    try:
        with _terminate_raises(), tempfile.TemporaryDirectory(prefix="reports-") as tmp:
            pool = ProcessPoolExecutor(
                max_workers=jobs, mp_context=get_context("spawn"), initializer=_ignore_sigint
            )
            pages = Path(tmp)
            entries = _run_all(pool, notebooks, timeout, pages)
            if complete or not (out_dir / "index.html").exists():
                (pages / "index.html").write_text(_index_html(entries, corpus), encoding="utf-8")
            pool.shutdown()
            pool = None
            _publish_figures(staging, target, notebooks, complete)
            out_dir.mkdir(parents=True, exist_ok=True)
            written = []
            for file in sorted(pages.iterdir()):
                destination = out_dir / file.name
                shutil.copyfile(file, destination)
                written.append(destination)
    except BaseException:
        if pool is not None:
            # Kernels sit in sessions of their own: stop the whole tree, not just the workers.
            _stop_tree(_freeze_descendants())
            pool.shutdown(wait=False, cancel_futures=True)
        raise
    finally:
        if previous_figures is None:
            os.environ.pop(FIGURES_ENV_VAR, None)
        else:
            os.environ[FIGURES_ENV_VAR] = previous_figures
        shutil.rmtree(staging, ignore_errors=True)
    return written


def _run_all(
    pool: ProcessPoolExecutor, notebooks: list[Path], timeout: int, pages: Path
) -> list[tuple[str, str, str]]:
    """Run ``notebooks`` in ``pool`` and write their HTML into ``pages``; the index entries."""
    entries: list[tuple[str, str, str]] = []
    started = time.perf_counter()
    futures = [pool.submit(_execute_to_json, path, timeout) for path in notebooks]
    for number, (path, future) in enumerate(zip(notebooks, futures, strict=True), start=1):
        executed, error = future.result()
        if error is not None:
            for pending in futures:
                pending.cancel()
            print(f"[{number}/{len(notebooks)}] {path.name} FAILED", flush=True)
            raise CellExecutionError(*error)
        notebook = nbformat.reads(executed, as_version=4)
        (pages / f"{path.stem}.html").write_text(_to_html(notebook), encoding="utf-8")
        title, blurb = _describe(notebook)
        entries.append((f"{path.stem}.html", title or path.stem, blurb))
        elapsed = time.perf_counter() - started
        print(f"[{number}/{len(notebooks)}] {path.name} done ({elapsed:.0f} s)", flush=True)
    return entries


def corpus_problem(folder: Path) -> str | None:
    """Why the notebooks cannot run on ``folder`` (missing, a file, no articles), or None.

    Checked before any notebook starts, so `make` stops with one clear line
    instead of five notebooks failing on an empty table.
    """
    hint = f"set {CORPUS_ENV_VAR}=/path/to/articles"
    if not folder.exists():
        return f"corpus folder {folder} does not exist ({hint})"
    if not folder.is_dir():
        return f"corpus folder {folder} is a file, not a folder ({hint} to the folder holding it)"
    corpus = load_corpus(folder, warn=False)
    if len(corpus):
        return None
    problems = corpus.attrs["problems"]
    if problems.empty:
        suffixes = ", ".join(sorted(ARTICLE_SUFFIXES))
        return f"corpus folder {folder} holds no articles ({suffixes} files); {hint}"
    lines = [f"  {r.path}: {r.problem} ({r.detail})" for r in problems.head(10).itertuples()]
    more = f"\n  ... and {len(problems) - 10} more" if len(problems) > 10 else ""
    return (
        f"corpus folder {folder} holds no article that could be read; "
        f"{len(problems)} problem(s):\n" + "\n".join(lines) + more
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: every notebook")
    parser.add_argument("--timeout", type=int, default=DEFAULT_CELL_TIMEOUT, help="seconds/cell")
    parser.add_argument("--out", type=Path, default=REPORTS_DIR, help="HTML folder (reports/)")
    parser.add_argument(
        "--jobs", type=int, default=None, help="notebooks run at once (default 2; 1 saves memory)"
    )
    args = parser.parse_args(argv)
    problem = corpus_problem(corpus_dir())
    if problem is not None:
        print(f"error: {problem}", file=sys.stderr)
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
        written = render_reports(
            args.notebooks or None, args.out, timeout=args.timeout, jobs=args.jobs
        )
    except CellExecutionError as exc:
        print(
            f"\nA notebook failed; reports/ and figures/ were left unchanged.\n{exc}",
            file=sys.stderr,
        )
        return 1
    except KeyboardInterrupt:
        print(
            "\nInterrupted: every kernel stopped; reports/ and figures/ left unchanged.",
            file=sys.stderr,
        )
        return 130
    print(f"Wrote {len(written)} files to {args.out} (open {args.out.name}/index.html)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
