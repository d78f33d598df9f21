"""Styled tables of corpus text: every cell, label and value HTML-escaped.

Reports are shared with readers who open them in a browser, and an article may
contain ``<script>``, ``<img onerror=...>`` or half a tag cut by a concordance
window. Text from a corpus is data, never markup, so every display function
that builds HTML goes through here (a pandas ``Styler``), :mod:`helpers.prose`
(Markdown findings) or :mod:`helpers.tables` (interactive tables):

* :func:`styled` is ``frame.style`` with every cell, index label and column
  label HTML-escaped (pandas' plain ``DataFrame`` display already escapes; a
  ``Styler`` does not unless told to);
* :func:`escape` escapes one value for HTML (findings prose shown as
  Markdown escapes with :func:`helpers.prose.quote`);
* :func:`use_safe_display` turns off MathJax in pandas tables, so a ``$`` in
  an article is shown as written, not typeset.
"""

from __future__ import annotations

import html
from typing import Any

import pandas as pd
from pandas.io.formats.style import Styler

__all__ = ["escape", "styled", "use_safe_display"]


def escape(value: Any) -> str:
    """``value`` as text safe inside HTML element content or a quoted attribute."""
    return html.escape("" if value is None else str(value), quote=True)


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
