"""Demands: the lists, slogans and calls of statements and resolutions, coded.

* :mod:`.extract`: :func:`demands` and :func:`demand_lists` (line by line);
* :mod:`.coding`: form, action, target and category from the editable
  ``demand_categories.toml``;
* :mod:`.figures`: notebook 04's figures.
"""

from helpers.demands.extract import (
    COLUMNS,
    LIST_COLUMNS,
    DemandWarning,
    demand_lists,
    demands,
    demands_in_text,
    find_demands,
    split_reported,
)

__all__ = [
    "COLUMNS",
    "LIST_COLUMNS",
    "DemandWarning",
    "demand_lists",
    "demands",
    "demands_in_text",
    "find_demands",
    "split_reported",
]
