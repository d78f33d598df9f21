"""Run a per-document step over a corpus: one odd document never stops the run.

Real collections hold thousands of articles, and sooner or later one of them
trips a tokenizer, a parser or a model. Every per-document stage (tokens,
referenced dates, demands) goes through :func:`per_document`, so each
behaves the same way: a progress bar on long runs, a warning that names the
document and the problem, and a list of the documents skipped (which the
stage cache uses to retry them next time instead of remembering "no rows").
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

import pandas as pd

from helpers.progress import progress as show_progress

__all__ = ["per_document"]

T = TypeVar("T")


def per_document(
    corpus: pd.DataFrame,
    step: Callable[[str, str], T],
    *,
    what: str,
    warning: type[Warning],
    skipped: list[str],
    progress: bool | None = None,
    desc: str | None = None,
) -> Iterator[tuple[str, str, T]]:
    """Yield ``(doc_id, text, step(doc_id, text))`` for every document, in corpus order.

    Lazily, so a stage can fold millions of rows as they come. A document
    whose text is not a string, or whose step raises, is skipped with a
    ``warning`` such as «doc_7: text is missing; no tokens for it» (``what``
    names the output: "tokens", "dates", "demands") and its id is appended
    to ``skipped``.
    """
    missing = {"doc_id", "text"} - set(corpus.columns)
    if missing:
        raise ValueError(
            f"corpus needs columns doc_id and text (from helpers.load_corpus); "
            f"missing: {', '.join(sorted(missing))}"
        )
    pairs: Iterable[tuple[str, object]] = show_progress(
        zip(corpus["doc_id"].astype(str).tolist(), corpus["text"].tolist(), strict=True),
        total=len(corpus),
        desc=desc or what.capitalize(),
        enabled=progress,
    )
    for doc_id, text in pairs:
        if text is None or (isinstance(text, float) and text != text):
            problem = "text is missing"
        elif not isinstance(text, str):
            problem = f"text is {type(text).__name__}, not a string"
        else:
            try:
                result = step(doc_id, text)
            except Exception as exc:  # one odd document must not stop a run over thousands
                problem = f"{what} could not be read ({type(exc).__name__}: {exc})"
            else:
                yield doc_id, text, result
                continue
        skipped.append(doc_id)
        warnings.warn(f"{doc_id}: {problem}; no {what} for it", warning, stacklevel=3)
