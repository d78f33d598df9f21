"""Everything that shows corpus text as HTML or Markdown: the one escaping layer.

Reports are shared with readers who open them in a browser, and an article may
contain ``<script>``, ``<img onerror=...>`` or half a tag cut by a concordance
window. Text from a corpus is data, never markup, so every display of it goes
through this module:

* :func:`escape` escapes one value for HTML;
* :func:`quote` makes corpus text safe inside Markdown prose (findings):
  Markdown markup characters and HTML both escaped, one line, shortened;
* :func:`styled` is ``frame.style`` with every cell, index label and column
  label HTML-escaped (pandas' plain ``DataFrame`` display already escapes; a
  ``Styler`` does not unless told to);
* :func:`show_table` shows a large table that sorts and searches in the
  rendered report, offline (itables with its library embedded,
  ``connected=False``; cells escaped by itables, ``allow_html`` off), so the
  HTML report written by ``make`` works with the network off;
* :func:`use_safe_display` turns off MathJax in pandas tables, so a ``$`` in
  an article is shown as written, not typeset.
"""

from __future__ import annotations

import html
import re
from typing import Any

import pandas as pd
from pandas.io.formats.style import Styler

__all__ = ["MAX_ROWS", "escape", "quote", "show_table", "styled", "use_safe_display"]

#: Characters Markdown would read as markup (emphasis, code, links, tables, headings, lists).
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")


def escape(value: Any) -> str:
    """``value`` as text safe inside HTML element content or a quoted attribute."""
    return html.escape("" if value is None else str(value), quote=True)


def quote(text: object, width: int | None = 120) -> str:
    """Corpus text made safe for Markdown/HTML: one line, at most ``width`` characters, escaped."""
    flat = " ".join(str(text).split())
    if width is not None and len(flat) > width:
        flat = flat[: width - 1].rstrip() + "…"
    return escape(_MARKDOWN.sub(r"\\\1", flat))


def styled(frame: pd.DataFrame) -> Styler:
    """``frame.style`` with every cell and label HTML-escaped; style it further as usual."""
    return (
        frame.style.format(escape="html", na_rep="")
        .format_index(escape="html", axis=0)
        .format_index(escape="html", axis=1)
    )


def use_safe_display() -> None:
    """Show tables' text literally: no MathJax typesetting of ``$...$`` in pandas output."""
    pd.set_option("display.html.use_mathjax", False)
    pd.set_option("styler.html.mathjax", False)


#: Rows embedded in a report. Beyond this the table shows the first rows and says so:
#: every row is data in the HTML file, and a report of 100,000 rows would not open.
MAX_ROWS = 5000

_STATE = {"initialised": False}


def _init() -> None:
    """Embed the DataTables library in this notebook's output, once per kernel."""
    if _STATE["initialised"]:
        return
    import itables

    itables.init_notebook_mode(all_interactive=False, connected=False)
    _STATE["initialised"] = True


def show_table(
    df: pd.DataFrame,
    *,
    caption: str | None = None,
    page_length: int = 10,
    max_rows: int = MAX_ROWS,
) -> None:
    """Display ``df`` as a sortable, searchable table (first ``max_rows`` rows).

    The index is shown only when it carries information (a named or
    non-default index). A table cut to ``max_rows`` says so in its caption;
    the full table is the DataFrame the caller holds (save it with ``to_csv``).
    """
    from IPython.display import display

    shown = df.head(max_rows)
    if len(df) > max_rows:
        note = f"first {max_rows:,} of {len(df):,} rows"
        caption = f"{caption} ({note})" if caption else note
    default_index = isinstance(shown.index, pd.RangeIndex) and shown.index.name is None
    try:
        _init()
        import itables

        itables.show(
            shown,
            caption=caption,
            showIndex=not default_index,
            pageLength=page_length,
            classes="display compact",
            maxBytes=0,
            allow_html=False,
        )
    except ImportError:  # pragma: no cover - itables is a dependency; plain table as fallback
        display(shown)
