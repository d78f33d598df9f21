"""Large tables that sort and search in the rendered report, offline.

:func:`show_table` displays a DataFrame as an interactive table (itables,
DataTables): a search box that filters rows, sortable columns, pages. The
first call in a kernel embeds the DataTables library itself in the notebook's
output (``connected=False``), so the HTML report written by ``make`` works
when opened with the network off, and can be mailed as one file.

Corpus text is data, not markup: cells are HTML-escaped by itables (its
``allow_html`` stays off), so a title such as ``<script>…`` is shown, not run.
Outside a notebook (a terminal, a script) the table is printed as text.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["MAX_ROWS", "show_table"]

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
