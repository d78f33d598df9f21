"""Explore an archive: narrow it, search it, follow terms over time, compare sources.

* :mod:`.terms`: a user's word, phrase or entity matched in any inflection (through lemmas);
* :mod:`.selection`: :func:`select` and the ``SELECT`` setting (a subcorpus for every notebook);
* :mod:`.header`: the first-screen header of every report (corpus, selection, documents left);
* :mod:`.search`: a concordance for any word, phrase or entity, with title, date and source;
* :mod:`.trends`: terms over time, per 10,000 words and as a share of documents;
* :mod:`.sources`: articles per source over time, distinctive words and entities per source.
"""

from helpers.explore.header import EmptySelectionError, report_header
from helpers.explore.search import search, search_counts, show_search
from helpers.explore.selection import (
    SELECT_ENV_VAR,
    Selection,
    parse_selection,
    select,
    selection_setting,
)
from helpers.explore.sources import (
    distinctive_by_source,
    entities_by_source,
    language_table,
    plot_sources_over_time,
    sources_over_time,
    story_table,
)
from helpers.explore.trends import plot_trends, trends

__all__ = [
    "SELECT_ENV_VAR",
    "EmptySelectionError",
    "Selection",
    "distinctive_by_source",
    "entities_by_source",
    "language_table",
    "parse_selection",
    "plot_sources_over_time",
    "plot_trends",
    "report_header",
    "search",
    "search_counts",
    "select",
    "selection_setting",
    "show_search",
    "sources_over_time",
    "story_table",
    "trends",
]
