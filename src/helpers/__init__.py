"""Helpers for the Kazakhstan labour-press notebooks.

The notebooks stay thin: they call these functions, show the tables and
figures, and explain them. Every function takes or returns a tidy pandas
DataFrame (one row per document, token, mention, date or demand), and every
offset points into the ``text`` column of :func:`load_corpus`.
"""

from helpers.corpus import CorpusError, CorpusWarning, load_corpus
from helpers.display import show_table
from helpers.explore import report_header, search, select, show_search
from helpers.paths import corpus_dir

__all__ = [
    "CorpusError",
    "CorpusWarning",
    "corpus_dir",
    "load_corpus",
    "report_header",
    "search",
    "select",
    "show_search",
    "show_table",
]
