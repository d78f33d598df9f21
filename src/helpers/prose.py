"""Findings prose computed from the corpus at hand, shown as Markdown with corpus text escaped.

Each notebook ends with "what we found": bullets built by its capability's
``findings`` function from the tables it just computed, so a report rendered
for another corpus states what is true of that corpus, never what the seeds
show. Text taken from the corpus (titles, words, names, demands) goes
through :func:`helpers.display.quote`, which escapes HTML and Markdown, so an article's
``<script>`` or ``**`` reaches the reader as the characters it is.
"""

from __future__ import annotations

from helpers.display import quote

__all__ = ["bullets", "count", "quote", "show"]


def count(n: int, one: str, many: str | None = None) -> str:
    """«1 document», «2,345 documents»: a number with its noun in the right number."""
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def bullets(lines: list[str], heading: str | None = None) -> str:
    """Markdown: an optional ``###`` heading and one bullet per line (empty lines dropped)."""
    body = "\n".join(f"- {line}" for line in lines if line)
    return f"### {heading}\n\n{body}" if heading else body


def show(lines: list[str], heading: str | None = None):
    """Display ``lines`` as Markdown bullets in a notebook (returns the IPython object)."""
    from IPython.display import Markdown

    return Markdown(bullets(lines, heading))
