"""Dates: when the articles appeared, and which dates they talk about.

* :mod:`.extract`: :func:`referenced_dates`, every date expression in the texts;
* :mod:`.timeline`: publication counts, the event timeline and their figures
  (notebook 01).
"""

from helpers.dates.extract import DATE_COLUMNS, DateProblemWarning, extract_dates, referenced_dates

__all__ = ["DATE_COLUMNS", "DateProblemWarning", "extract_dates", "referenced_dates"]
