"""Protest events: who protested, where, when, in what form, how many, demanding what.

* :mod:`.extract`: :func:`protest_events`, one row per event report (an event
  as one article tells it), with the rules written down;
* :mod:`.group`: :func:`events` (reports of one event across articles),
  :func:`mass_mobilization` (the event table in Mass Mobilization's columns);
* :mod:`.gazetteer`: places by Russian name, offline (GeoNames + ``data/places.tsv``);
* :mod:`.lexicon`: the words each field is read from;
* :mod:`.figures`: notebook 05's figures and the map.
"""

from helpers.events.extract import REPORT_COLUMNS, EventWarning, events_in_text, protest_events
from helpers.events.gazetteer import Gazetteer, Place, get_gazetteer
from helpers.events.group import (
    EVENT_COLUMNS,
    MM_COLUMNS,
    events,
    link_reports,
    mass_mobilization,
    participants_category,
)

__all__ = [
    "EVENT_COLUMNS",
    "MM_COLUMNS",
    "REPORT_COLUMNS",
    "EventWarning",
    "Gazetteer",
    "Place",
    "events",
    "events_in_text",
    "get_gazetteer",
    "link_reports",
    "mass_mobilization",
    "participants_category",
    "protest_events",
]
