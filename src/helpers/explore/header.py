"""The first screen of every report: which corpus, which selection, how many documents.

:func:`report_header` is called by the first cells of every notebook. It
applies the selection (the notebook's ``SELECT`` parameter or the ``SELECT``
setting), shows one short block naming the corpus folder, the selection and
what it left (documents, stories, sources, dates, languages), and returns the
selected documents for the rest of the notebook. With ``russian_only=True``
(notebooks whose analyses are Russian: lemmas, NER, demands) documents in
other languages are set aside, counted and listed, not fed to them.

A selection that matches nothing stops the notebook with
:class:`EmptySelectionError`, which says which criterion left nothing.
"""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd

from helpers.explore.selection import select, selection_setting
from helpers.nlp.language import RUSSIAN

__all__ = ["EmptySelectionError", "header_lines", "report_header"]

#: Documents in other languages listed by name in the header; the rest are counted.
LIST_OTHER_LANGUAGES = 10


class EmptySelectionError(ValueError):
    """The selection left no document; the message says which criterion emptied it."""


def _span(dates: pd.Series) -> str:
    present = dates.dropna()
    undated = len(dates) - len(present)
    if present.empty:
        return "no dates"
    span = f"{present.min():%Y-%m-%d} – {present.max():%Y-%m-%d}"
    return f"{span}, {undated:,} undated" if undated else span


def _count(n: int, word: str) -> str:
    plural = word[:-1] + "ies" if word.endswith("y") else word + "s"
    return f"{n:,} {word if n == 1 else plural}"


def _languages(corpus: pd.DataFrame) -> str:
    if "language" not in corpus.columns:
        return "—"
    counts = corpus["language"].fillna("?").value_counts()
    return ", ".join(f"{lang} {n:,}" for lang, n in counts.items())


def header_lines(corpus: pd.DataFrame, selected: pd.DataFrame) -> list[str]:
    """The header as plain-text lines (what :func:`report_header` shows, unescaped)."""
    folder = Path(str(corpus.attrs.get("corpus_dir", "?"))).name
    chosen = selected.attrs.get("selection")
    described = chosen.describe() if chosen is not None else "everything"
    lines = [f"Corpus: {folder}/ — {_count(len(corpus), 'document')} ({_span(corpus['date'])})"]
    if described == "everything":
        lines.append("Selection: everything (set SELECT to narrow it)")
    else:
        lines.append(f"Selection: {described}")
    n_stories = selected["story_id"].nunique() if "story_id" in selected else len(selected)
    n_sources = selected["source"].nunique() if "source" in selected else 0
    counts = ", ".join(
        _count(n, word)
        for n, word in ((len(selected), "document"), (n_stories, "story"), (n_sources, "source"))
    )
    lines.append(f"Left: {counts}, {_span(selected['date'])}; languages: {_languages(selected)}")
    return lines


def _empty_message(corpus: pd.DataFrame, selected: pd.DataFrame) -> str:
    steps = selected.attrs.get("steps", [])
    trail = " → ".join(f"{step}: {n:,}" for step, n in steps)
    emptied = next((step for step, n in steps if n == 0), "the selection")
    folder = Path(str(corpus.attrs.get("corpus_dir", "?"))).name
    return (
        f"The selection matches no document of the {len(corpus):,} in {folder}/: "
        f"{emptied} left nothing (documents left after each criterion: {trail}). "
        "Widen or change SELECT."
    )


def report_header(
    corpus: pd.DataFrame,
    selection=None,
    *,
    russian_only: bool = False,
    display: bool = True,
) -> pd.DataFrame:
    """Apply the selection, show the report's header, return the selected documents.

    ``selection``: a ``SELECT`` string or :class:`helpers.explore.Selection`;
    ``None`` reads the ``SELECT`` setting. ``russian_only``: keep Russian
    documents (and those without letters) for the analyses that follow, and
    list the others. Raises :class:`EmptySelectionError` when nothing is left.
    """
    chosen = selection_setting(selection)
    selected = select(corpus, selection=chosen)
    if selected.empty:
        raise EmptySelectionError(_empty_message(corpus, selected))
    lines = header_lines(corpus, selected)
    others = pd.DataFrame()
    if russian_only and "language" in selected.columns:
        is_russian = selected["language"].isna() | (selected["language"] == RUSSIAN)
        others = selected.loc[~is_russian, ["doc_id", "title", "language"]]
        if len(others):
            lines.append(
                f"Russian analyses below read {int(is_russian.sum()):,} of them; "
                f"{len(others):,} in other languages are set aside:"
            )
        kept = selected[is_russian].copy()
        kept.attrs = dict(selected.attrs)
        selected = kept
        if selected.empty:
            raise EmptySelectionError(
                "The selection has no Russian document; the analyses of this notebook are "
                "Russian (lemmas, entities, demands). Documents by language: " + _languages(others)
            )
    if display:
        _show(lines, others)
    return selected


def _show(lines: list[str], others: pd.DataFrame) -> None:
    from IPython.display import HTML
    from IPython.display import display as show

    items = "".join(f"<div>{html.escape(line)}</div>" for line in lines)
    listed = ""
    if len(others):
        rows = others.head(LIST_OTHER_LANGUAGES)
        listed = "<ul>" + "".join(
            f"<li>{html.escape(str(r.doc_id))} ({html.escape(str(r.language))}): "
            f"{html.escape(str(r.title))}</li>"
            for r in rows.itertuples()
        )
        if len(others) > LIST_OTHER_LANGUAGES:
            listed += f"<li>… and {len(others) - LIST_OTHER_LANGUAGES:,} more</li>"
        listed += "</ul>"
    style = "border-left:4px solid #4a7bb7;padding:4px 10px;margin:4px 0;background:#f4f7fb"
    show(HTML(f'<div class="helpers-report-header" style="{style}">{items}{listed}</div>'))
