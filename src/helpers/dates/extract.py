"""Find the dates an article talks about: one row per date expression in its text.

:func:`referenced_dates` reads Russian date expressions in ``corpus["text"]``
and returns a tidy table (one row per expression) with offsets into that text,
the date it names, how precise it is and whether it is a real date:

=================================  ===================  =========  =========================
Written                            ``date``             precision  note
=================================  ===================  =========  =========================
«16 декабря 2011г.»                2011-12-16           day
«17 декабря 2013 года»             2013-12-17           day
«28 июня» (published 2013-06-30)   2013-06-28           day        year inferred
«16.12.2011», «2011-12-16»         2011-12-16           day
«16.12.11»                         2011-12-16           day        two-digit year
«декабре 2011 года»                2011-12-01           month
«в мае» (published 2013-06-30)     2013-05-01           month      year inferred
«мае прошлого года»                (publication year-1) month      year inferred
«2011 году», «2011 г.»             2011-01-01           year
«с 1 по 5 мая 2012 года»           2012-05-01 … 05-05   day        range: ``date_end``
«2011–2012 годах»                  2011 … 2012          year       range: ``date_end``
«16.12.20011»                      NaT                  day        ``valid=False``, why
«в декабре прошлого, 2014 года»    2014-12-01           month      the written year wins
=================================  ===================  =========  =========================

Decisions, so that counts mean one thing:

* A **range** is one row: its ``text`` is the whole expression («с 1 по 5 мая»),
  ``date`` is the first day and ``date_end`` the last (``NaT`` for single
  dates). A range is one reference to one stretch of time, so counting it
  twice would inflate the tables.
* A date **without a year** («28 июня», «в мае») is placed by what the text
  says (:func:`_place_years`, :mod:`helpers.dates.placing`), with
  ``year_inferred=True`` and the rule in ``note``: the year of a date
  written with one in the same sentence («16 декабря 2011 г. … 17
  декабря»: the nearest such day); else, from the publication date, the
  first such date on or after it when the sentence looks forward (future or
  present tense «пройдет», «стартующего», a plan «намерен провести», a
  deadline «до 15 августа», «назначен на») and the latest on or before it
  otherwise (past tense «вышли», or nothing to go by); a sentence with no
  such sign takes the year of a dated expression in its paragraph first.
  With no publication date the nearest date with a year in the text decides;
  with none either the row is kept with ``valid=True``, ``date=NaT`` and a
  note saying the year is unknown: nothing is guessed.
* An agency **dateline** («МОСКВА, 9 августа. /ТАСС/», «АЛМАТЫ, 30 ноября.
  КазТАГ.»: a place in capitals, or with a credit after the date, at the
  start of a line) is ``kind="dateline"``: the day of the report, not a date
  the article talks about (every other row is ``kind="reference"``). The
  timeline's tables and figures leave datelines out.
* A **malformed** date («16.12.20011», «31 июня 2012», «в 20011 году») is kept
  with ``valid=False``, ``date=NaT`` and a note naming the problem and, when
  there is one, the likely reading («probably 2011»). Rows are never dropped.
* A date **after the publication date** is valid (articles announce rallies)
  and says so in its note.
* ``date`` is the first day of the period for month and year precision.
* Case does not matter («16 Декабря», «ДЕКАБРЕ 2011»); ordinal days
  («16-го декабря») and years («2011-го года», «2013-му году») are read.
* Not read: decades («90-е годы», «1990-х годов»), centuries, times, «16.12» without a year
  (too often a time or a score), bare four-digit numbers without «год»/«г.»
  (too often an amount), and days of the week.

Why a compact regular-expression grammar rather than natasha's
``DatesExtractor`` (yargy): on the seeds both find the four well-formed dates,
but natasha misses the malformed «16.12.20011», reads «с 1 по 5 мая 2012
года» as 5 May only, «в 2011—2012 годах» as 2012 only, and does not read
ISO dates or «в мае»; on the synthetic corpus it finds nothing the grammar
misses, and it is about a hundred times slower (``benchmarks/bench_timeline.py``
measures both in one run). The grammar below is a handful of patterns applied
in priority order (ranges, then full dates, then month + year, then year,
then month alone); where two overlap the earlier, more specific one wins.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import pandas as pd

from helpers.cache import cached_per_document, code_version
from helpers.dates import placing
from helpers.nlp import patterns, segment
from helpers.nlp.patterns import MONTH_FORMS, month_number
from helpers.nlp.segment import MAX_SENTENCE_CHARS
from helpers.runner import per_document

__all__ = [
    "DATE_COLUMNS",
    "DateProblemWarning",
    "extract_dates",
    "referenced_dates",
]

#: Columns of :func:`referenced_dates`, in order.
DATE_COLUMNS = [
    "doc_id",
    "para",
    "sent",
    "start",
    "stop",
    "text",
    "date",
    "precision",
    "valid",
    "note",
    "date_end",
    "year_inferred",
    "kind",
]
#: What the parser gives per date; ``para`` and ``sent`` come from :mod:`helpers.nlp.segment`.
_ROW_COLUMNS = [c for c in DATE_COLUMNS if c not in ("para", "sent")]

#: Plausible years for a press article's references; outside them a date is not valid.
MIN_YEAR, MAX_YEAR = 1800, 2100
#: Earlier years are read only with the year word spelt out («с 1706 года», not «1706 г.»),
#: back to the first full year pandas' nanosecond timestamps hold.
_OLD_YEAR_MIN = 1678


class DateProblemWarning(UserWarning):
    """A document could not be searched for dates (it is skipped, the run goes on)."""


# --------------------------------------------------------------------------- grammar
#
# The patterns run on a lower-cased copy of the text (Cyrillic and Latin letters only, one
# character for one, so offsets are the same) instead of with re.IGNORECASE, which makes
# Python's matcher several times slower on month alternations. Each pattern starts with a
# plain character (a digit, «с», «в», a month's first letter) and checks what comes before
# it with a look-behind placed after that character: the matcher can then skip ahead to
# candidate characters instead of trying every position.

_LOWER = str.maketrans(
    "АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяabcdefghijklmnopqrstuvwxyz",
)
_LETTER = r"[а-яёa-z]"
_NOT_LETTER_AFTER = rf"(?!{_LETTER})"
_NOT_NUMBER_AFTER = r"(?!\d|[.,]\d)"


def _digits(n: str, name: str | None = None) -> str:
    """``n`` digits (a quantifier body such as ``1,2``), not the tail of 3.16, 1,5, 12/16, 12-16.

    A dash alone before them is no number's tail: «-23 июля 2004 года» (a list
    marker or a stray hyphen) is read.
    """
    body = rf"\d(?<![\d.,/]\d)(?<!\d-\d)\d{{{_shift(n)}}}"
    return rf"(?P<{name}>{body})" if name else body


def _shift(n: str) -> str:
    """A quantifier one digit shorter: the first digit is matched on its own."""
    return ",".join(str(int(part) - 1) for part in n.split(","))


def _word(word: str) -> str:
    """A whole lower-case word: its first letter must not continue a previous word."""
    return rf"{word[0]}(?<!{_LETTER}{word[0]}){word[1:]}"


# Any case form of a month name (the project's one month table, in helpers.nlp.patterns).
_MONTH_FORMS = tuple(MONTH_FORMS.values())
_MONTH = "(?:" + "|".join(_MONTH_FORMS) + ")" + _NOT_LETTER_AFTER
# A month that starts a word (no day before it): «декабре 2011», not «подекабре».
_MONTH_WORD = "(?:" + "|".join(_word(m) for m in _MONTH_FORMS) + ")" + _NOT_LETTER_AFTER
# Prepositional case only, used for «в мае» with no day and no year.
_MONTH_LOCATIVE = (
    r"(?:январе|феврале|марте|апреле|мае|июне|июле|августе|сентябре|октябре|ноябре|декабре)"
    + _NOT_LETTER_AFTER
)
_DAY = _digits("1,2") + r"(?!\d)"
# A year word after the number: году, года, год, годы, годах, г., гг.; «2011-го года», «2011-м
# году». Not «1990-х годов» or «1990-е годы»: those are decades.
_YEAR_WORD = r"(?:-(?:го|му|м|й))?\s*(?:год(?:ом|ами|ах|ов|а|у|е|ы)?|гг?\.?)" + _NOT_LETTER_AFTER
# An ordinal ending after a day: «16-го декабря», «1-е мая».
_ORDINAL = r"(?:-?(?:го|ое|е))?"
_RELATIVE_WORD = r"(?:прошлого|позапрошлого|этого|текущего|нынешнего|сего|следующего|будущего)"
_RELATIVE_YEAR = rf"(?P<rel>{_RELATIVE_WORD[3:-1]})\s+года" + _NOT_LETTER_AFTER
# «в декабре прошлого, 2014 года»: a relative word glossed by the year itself (the year wins).
_GLOSS = rf"(?:{_RELATIVE_WORD},?\s+)?"
_DASH = r"\s*[-–—]\s*"
_FROM = _word("с") + r"\s+"  # the preposition «с» of «с 1 по 5 мая»

# A pattern whose alternatives start with different kinds of characters («с» or a digit)
# loses the matcher's skip-ahead, so each range form is its own pattern.
_RANGE_END = (
    rf"\s+(?P<m2>{_MONTH})"
    rf"(?:\s+(?P<y2>\d{{4,5}}(?!\d))(?P<yw>{_YEAR_WORD})?|\s+{_RELATIVE_YEAR})?"
)
_DAY_RANGES = (
    # «с 1 по 5 мая 2012 года», «с 28 мая по 2 июня», «с 28 декабря 2011 г. по 3 января 2012 г.»
    re.compile(
        rf"{_FROM}(?P<d1>{_DAY}){_ORDINAL}(?:\s+(?P<m1>{_MONTH}))?"
        rf"(?:\s+(?P<y1>\d{{4}})(?:\s*г\.?|\s+года)?)?"
        rf"\s+(?:по|до)\s+(?P<d2>{_DAY}){_ORDINAL}" + _RANGE_END
    ),
    # «1–5 мая 2012», «16-17 декабря 2011г.», «27 марта – 4 июня 2012 г.»
    re.compile(
        rf"(?P<d1>{_DAY})(?:\s+(?P<m1>{_MONTH}))?{_DASH}(?P<d2>\d{{1,2}}(?!\d))" + _RANGE_END
    ),
)
_YEAR_RANGES = (
    # «с 2005 по 2010 год», «с 2005 года по 2010 год»
    re.compile(
        rf"{_FROM}{_digits('4', 'y1')}(?:{_YEAR_WORD})?\s+по\s+"
        rf"(?P<y2>\d{{4}})(?!\d)(?P<yw>{_YEAR_WORD})"
    ),
    # «2011–2012 годах», «2011-2012 гг.»
    re.compile(rf"{_digits('4', 'y1')}{_DASH}(?P<y2>\d{{4}})(?!\d)(?P<yw>{_YEAR_WORD})"),
)
# «16 декабря 2011г.», «17 декабря 2013 года», «28 июня», «5 мая прошлого года»
_DAY_MONTH = re.compile(
    rf"(?P<d>{_DAY}){_ORDINAL}\s+(?P<m>{_MONTH})"
    rf"(?:\s+{_GLOSS}(?P<y>\d{{4,5}}(?!\d))(?P<yw>{_YEAR_WORD})?|\s+{_RELATIVE_YEAR})?"
)
# «16.12.2011», «16/12/2011», «16.12.11», «16.12.20011» (malformed, kept)
_NUMERIC = re.compile(
    rf"{_digits('1,2', 'd')}(?P<sep>[./])(?P<m>\d{{1,2}})(?P=sep)(?P<y>\d{{2,6}})"
    rf"{_NOT_NUMBER_AFTER}(?:\s*г\.|\s+года?{_NOT_LETTER_AFTER})?"
)
# «2011-12-16»
_ISO = re.compile(rf"{_digits('4', 'y')}-(?P<m>\d{{2}})-(?P<d>\d{{2}}){_NOT_NUMBER_AFTER}")
# «декабре 2011 года», «декабрь 2011», «мае прошлого года»
_MONTH_YEAR = re.compile(
    rf"(?P<m>{_MONTH_WORD})"
    rf"(?:\s+{_GLOSS}(?P<y>\d{{4,5}}(?!\d))(?P<yw>{_YEAR_WORD})?|\s+{_RELATIVE_YEAR})"
)
# «2011 году», «2011 г.», «2011-го года»; «в 20011 году» (malformed, kept)
_YEAR = re.compile(rf"{_digits('4,5', 'y')}(?!\d)(?P<yw>{_YEAR_WORD})")
# «в мае», «во ... » (month alone, only after в)
_MONTH_ALONE = re.compile(rf"{_word('в')}о?\s+(?P<m>{_MONTH_LOCATIVE})")

_RELATIVE_OFFSET = {
    "позапрошлого": -2,
    "прошлого": -1,
    "этого": 0,
    "текущего": 0,
    "нынешнего": 0,
    "сего": 0,
    "следующего": 1,
    "будущего": 1,
}


@dataclass
class _Found:
    """One date expression before it becomes a row."""

    start: int
    stop: int
    date: pd.Timestamp | None
    precision: str
    valid: bool = True
    note: str = ""
    date_end: pd.Timestamp | None = None
    year_inferred: bool = False
    kind: str = "reference"
    #: (month, day, end month, end day) of a date written with no year at all, to be placed.
    bare: tuple[int, int | None, int | None, int | None] | None = None


def _month_number(word: str) -> int:
    number = month_number(word)
    if number is not None:
        return number
    raise ValueError(f"not a month: {word!r}")  # unreachable: the grammar only matches months


def _likely_years(digits: str, published: pd.Timestamp | None = None) -> list[int]:
    """Plausible years one typo away from ``digits`` («20011» → 2011, 2001), likeliest first.

    Likeliest is the nearest to the publication year (or to 2000 when unknown),
    preferring years not after it: an article mostly recalls the past.
    """
    candidates: set[int] = set()
    if len(digits) == 5:
        candidates = {int(digits[:i] + digits[i + 1 :]) for i in range(5)}
    elif len(digits) == 3:
        candidates = {int(digits[:i] + d + digits[i:]) for i in range(4) for d in "0123456789"}
        candidates = {c for c in candidates if 1990 <= c <= 2030}
    anchor = published.year if published is not None else 2000
    plausible = [c for c in candidates if 1900 <= c <= 2100]
    return sorted(plausible, key=lambda c: (c > anchor, abs(anchor - c), c))


def _looks_like_year(digits: str) -> bool:
    """A year, or a five-digit typo of one («20011»); «10000» or «1500» after a month is a count."""
    if len(digits) == 4:
        return MIN_YEAR <= int(digits) <= MAX_YEAR
    return len(digits) == 5 and bool(_likely_years(digits))


def _year_problem(digits: str, published: pd.Timestamp | None = None) -> str | None:
    """Why ``digits`` is not a usable year, or None when it is one."""
    year = int(digits)
    if len(digits) == 4 and MIN_YEAR <= year <= MAX_YEAR:
        return None
    likely = _likely_years(digits, published)
    if likely:
        others = f" (or {', '.join(map(str, likely[1:]))})" if likely[1:] else ""
        hint = f"; probably {likely[0]}{others}"
    else:
        hint = ""
    if len(digits) != 4:
        return f"year {digits!r} has {len(digits)} digits{hint}"
    return f"year {digits} outside {MIN_YEAR}–{MAX_YEAR}"


def _make_date(year: int, month: int, day: int) -> pd.Timestamp | None:
    try:
        return pd.Timestamp(dt.date(year, month, day))
    except ValueError:
        return None


_MONTH_NAMES_EN = [
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def _infer_year(month: int, day: int | None, published: pd.Timestamp | None) -> int | None:
    """The year of the latest ``day month`` (or ``month``) on or before ``published``."""
    if published is None:
        return None
    year = published.year
    for _ in range(9):  # 29 February may need to look back up to eight years
        if day is None:
            if (year, month) <= (published.year, published.month):
                return year
        else:
            candidate = _make_date(year, month, day)
            if candidate is not None and candidate <= published:
                return year
        year -= 1
    return None


def _resolve_year(
    digits: str | None, relative: str | None, published: pd.Timestamp | None
) -> tuple[int | None, str | None, bool]:
    """(year, problem, inferred) from an explicit year, «прошлого года» or nothing."""
    if digits is not None:
        problem = _year_problem(digits, published)
        return (None, problem, False) if problem else (int(digits), None, False)
    if relative is not None:
        if published is None:
            return None, None, True
        return published.year + _RELATIVE_OFFSET[relative.casefold()], None, True
    return None, None, True


def _day_date(
    start: int,
    stop: int,
    day: int,
    month: int,
    year_digits: str | None,
    relative: str | None,
    published: pd.Timestamp | None,
) -> _Found:
    """A day-precision row, with the year given, relative or inferred."""
    if not 1 <= day <= 31:
        return _Found(start, stop, None, "day", False, f"day {day} does not exist")
    year, problem, inferred = _resolve_year(year_digits, relative, published)
    if problem:
        return _Found(start, stop, None, "day", False, problem)
    if year is None and relative is None:
        year = _infer_year(month, day, published)
        if year is None and published is not None:
            return _Found(
                start, stop, None, "day", False, f"{day} {_MONTH_NAMES_EN[month]} never exists"
            )
    if year is None:
        return _Found(
            start,
            stop,
            None,
            "day",
            True,
            "no year in the text and no publication date",
            None,
            True,
            bare=(month, day, None, None) if relative is None else None,
        )
    date = _make_date(year, month, day)
    if date is None:
        return _Found(
            start, stop, None, "day", False, f"{day} {_MONTH_NAMES_EN[month]} {year} does not exist"
        )
    note = _inferred_note(relative, published) if inferred else ""
    found = _Found(start, stop, date, "day", True, note, None, inferred)
    if inferred and relative is None:
        found.bare = (month, day, None, None)
    return found


def _inferred_note(relative: str | None, published: pd.Timestamp | None) -> str:
    assert published is not None
    if relative:
        return f"year from «{relative.casefold()} года» and publication date {published:%Y-%m-%d}"
    return f"year inferred from publication date {published:%Y-%m-%d}"


def _future_note(found: _Found, published: pd.Timestamp | None) -> None:
    """Say so when a valid date lies after the publication date (kept, it may be announced)."""
    if published is None or found.date is None or not found.valid:
        return
    if found.date > published:
        found.note = "; ".join(filter(None, [found.note, "after the publication date"]))


# --------------------------------------------------------------------------- readers


def _read_day_ranges(text: str, published: pd.Timestamp | None) -> Iterator[_Found]:
    for pattern in _DAY_RANGES:
        for m in pattern.finditer(text):
            yield from _day_range(m, published)


def _day_range(m: re.Match[str], published: pd.Timestamp | None) -> Iterator[_Found]:
    g = m.groupdict()
    d1, d2 = int(g["d1"]), int(g["d2"])
    m2 = _month_number(g["m2"])
    m1 = _month_number(g["m1"]) if g["m1"] else m2
    stop = m.end()
    y2 = g["y2"]
    if y2 is not None and not g["yw"] and not _looks_like_year(y2):
        # «1-5 мая 10000 человек»: the number is not a year, the range ends at the month.
        y2, stop = None, m.end("m2")
    start = m.start()
    end = _day_date(start, stop, d2, m2, y2, g["rel"], published)
    y1 = g.get("y1")
    first = _day_date(start, stop, d1, m1, y1 or y2, g["rel"], published)
    if first.valid and end.valid and first.date is not None and end.date is not None:
        if y1 is None and m1 > m2:
            # «с 28 декабря по 3 января 2012»: the start is in the year before.
            first = _day_date(start, stop, d1, m1, str(end.date.year - 1), None, published)
            first.year_inferred = end.year_inferred
            first.note = end.note
        if first.date is not None and first.date > end.date:
            yield _Found(start, stop, None, "day", False, "range ends before it starts")
            return
        first.date_end = end.date
        first.bare = (m1, d1, m2, d2) if end.bare else None
        _future_note(first, published)
        yield first
    elif not first.valid or not end.valid:
        bad = first if not first.valid else end
        yield _Found(start, stop, None, "day", False, f"range: {bad.note}")
    else:  # both valid but the year is unknown (no publication date)
        first.bare = (m1, d1, m2, d2) if end.bare else None
        yield first


def _read_year_ranges(text: str, published: pd.Timestamp | None) -> Iterator[_Found]:
    for pattern in _YEAR_RANGES:
        for m in pattern.finditer(text):
            y1, y2 = m.group("y1"), m.group("y2")
            problem = _year_problem(y1) or _year_problem(y2)
            if problem:
                yield _Found(m.start(), m.end(), None, "year", False, f"range: {problem}")
                continue
            if int(y2) < int(y1):
                yield _Found(m.start(), m.end(), None, "year", False, "range ends before it starts")
                continue
            found = _Found(
                m.start(),
                m.end(),
                pd.Timestamp(int(y1), 1, 1),
                "year",
                date_end=pd.Timestamp(int(y2), 1, 1),
            )
            _future_note(found, published)
            yield found


def _read_day_months(text: str, published: pd.Timestamp | None) -> Iterator[_Found]:
    for m in _DAY_MONTH.finditer(text):
        y, stop = m.group("y"), m.end()
        if y is not None and not m.group("yw") and not _looks_like_year(y):
            y, stop = None, m.end("m")  # «28 июня 10000 человек»: not a year
        found = _day_date(
            m.start(),
            stop,
            int(m.group("d")),
            _month_number(m.group("m")),
            y,
            m.group("rel"),
            published,
        )
        _future_note(found, published)
        yield found


def _read_numeric(text: str, published: pd.Timestamp | None) -> Iterator[_Found]:
    for m in _NUMERIC.finditer(text):
        day, month, digits = int(m.group("d")), int(m.group("m")), m.group("y")
        start, stop = m.start(), m.end()
        if len(digits) == 2:
            if len(m.group("d")) != 2 or len(m.group("m")) != 2:
                continue  # «1.2.10» is more often a section number than a date
            latest = (published.year if published is not None else 2030) + 1
            year = 2000 + int(digits) if 2000 + int(digits) <= latest else 1900 + int(digits)
            found = _numeric_found(start, stop, day, month, year)
            if found.valid:
                found.note = f"two-digit year read as {year}"
        else:
            problem = _year_problem(digits, published)
            if problem:
                found = _Found(start, stop, None, "day", False, problem)
            else:
                found = _numeric_found(start, stop, day, month, int(digits))
        _future_note(found, published)
        yield found


def _numeric_found(start: int, stop: int, day: int, month: int, year: int) -> _Found:
    if not 1 <= month <= 12:
        return _Found(start, stop, None, "day", False, f"month {month} does not exist")
    date = _make_date(year, month, day)
    if date is None:
        return _Found(
            start, stop, None, "day", False, f"{day:02d}.{month:02d}.{year} does not exist"
        )
    return _Found(start, stop, date, "day")


def _read_iso(text: str, published: pd.Timestamp | None) -> Iterator[_Found]:
    for m in _ISO.finditer(text):
        problem = _year_problem(m.group("y"))
        if problem:
            found = _Found(m.start(), m.end(), None, "day", False, problem)
        else:
            found = _numeric_found(
                m.start(), m.end(), int(m.group("d")), int(m.group("m")), int(m.group("y"))
            )
        _future_note(found, published)
        yield found


def _month_found(
    start: int,
    stop: int,
    month: int,
    year_digits: str | None,
    relative: str | None,
    published: pd.Timestamp | None,
) -> _Found:
    year, problem, inferred = _resolve_year(year_digits, relative, published)
    if problem:
        return _Found(start, stop, None, "month", False, problem)
    if year is None and relative is None:
        year = _infer_year(month, None, published)
    bare = (month, None, None, None) if inferred and relative is None else None
    if year is None:
        return _Found(
            start,
            stop,
            None,
            "month",
            True,
            "no year in the text and no publication date",
            None,
            True,
            bare=bare,
        )
    note = _inferred_note(relative, published) if inferred else ""
    found = _Found(start, stop, pd.Timestamp(year, month, 1), "month", True, note, None, inferred)
    found.bare = bare
    _future_note(found, published)
    return found


def _read_month_years(text: str, published: pd.Timestamp | None) -> Iterator[_Found]:
    for m in _MONTH_YEAR.finditer(text):
        y = m.group("y")
        if y is not None and not m.group("yw") and not _looks_like_year(y):
            continue  # «мае 10000 человек»: not a date
        yield _month_found(
            m.start(), m.end(), _month_number(m.group("m")), y, m.group("rel"), published
        )


def _read_years(text: str, published: pd.Timestamp | None) -> Iterator[_Found]:
    for m in _YEAR.finditer(text):
        digits = m.group("y")
        problem = _year_problem(digits, published)
        old = len(digits) == 4 and _OLD_YEAR_MIN <= int(digits) < MIN_YEAR
        if problem and old and "год" in m.group("yw"):
            problem = None  # «с 1706 года»: a spelt-out year word, not «г.» of grams
        if problem:
            if len(digits) == 4:
                continue  # «3000 г.» is grams or an amount, not a year out of range
            yield _Found(m.start(), m.end(), None, "year", False, problem)
            continue
        found = _Found(m.start(), m.end(), pd.Timestamp(int(digits), 1, 1), "year")
        _future_note(found, published)
        yield found


def _read_months_alone(text: str, published: pd.Timestamp | None) -> Iterator[_Found]:
    for m in _MONTH_ALONE.finditer(text):
        yield _month_found(
            m.start("m"), m.end("m"), _month_number(m.group("m")), None, None, published
        )


#: Readers in priority order: where two expressions overlap, the earlier reader wins.
_READERS = (
    _read_day_ranges,
    _read_year_ranges,
    _read_day_months,
    _read_numeric,
    _read_iso,
    _read_month_years,
    _read_years,
    _read_months_alone,
)


_ANY_DIGIT = re.compile(r"\d")


def extract_dates(text: str, published: pd.Timestamp | None = None) -> list[_Found]:
    """All date expressions in ``text``, sorted by offset, none overlapping.

    ``published`` (the document's publication date) anchors dates written
    without a year. Low-level: :func:`referenced_dates` is the tidy version.
    """
    if published is not None and pd.isna(published):
        published = None
    # Without a digit only «в мае» and «мае прошлого года» can be there.
    readers = _READERS if _ANY_DIGIT.search(text) else (_read_month_years, _read_months_alone)
    original, text = text, text.translate(_LOWER)  # same length: offsets hold
    # One flag per character marks what an earlier reader took: checking and
    # marking a span costs its length, so the whole pass stays linear.
    taken = bytearray(len(text))
    kept: list[_Found] = []
    for reader in readers:
        for found in reader(text, published):
            if taken.find(1, found.start, found.stop) >= 0:
                continue
            taken[found.start : found.stop] = b"\x01" * (found.stop - found.start)
            kept.append(found)
    kept.sort(key=lambda f: f.start)
    for found in kept:
        if _is_dateline(original, found):
            found.kind = "dateline"
    _place_years(original, kept, published)
    return kept


# --------------------------------------------------------------------------- datelines

# «МОСКВА, 9 августа. /ТАСС/», «АЛМАТЫ, 30 ноября. КазТАГ.», «Москва, 9 августа — РИА Новости»:
# a place at the start of a line, a comma, the date, then a full stop, comma or dash.
_PLACE_CAPS = r"[A-ZА-ЯЁ][A-ZА-ЯЁ-]+(?:[ -][A-ZА-ЯЁ][A-ZА-ЯЁ-]+){0,3}"
_PLACE_TITLE = r"[A-ZА-ЯЁ][a-zа-яё-]+(?:[ -][A-ZА-ЯЁа-яё][a-zа-яё-]+){0,3}"
_DATELINE_PLACE = re.compile(
    rf"(?:^|\n)[ \t*_]*(?:(?P<caps>{_PLACE_CAPS})|{_PLACE_TITLE})"
    r"(?:\s*\([^()\n]{1,40}\))?\s*,\s*$"
)
_DATELINE_END = re.compile(r"\s*(?:[.,]|\s[-–—])")
# Without capitals the place needs a credit after the date: «/ТАСС/», «(РИА Новости)»,
# «— Интерфакс».
_CREDIT = re.compile(
    r"\s*[.,]?\s*(?:/[^/\n]{2,40}/|\([^()\n]{2,40}\)|[-–—]\s*[A-ZА-ЯЁ][\w-]*(?:\s+\w+)?\s*[.,])"
)


#: How far before its date a dateline's line may start (a place of four words and an aside).
_DATELINE_REACH = 200


def _is_dateline(text: str, found: _Found) -> bool:
    """True when the date opens an agency dateline (the place and day of the report).

    The place is a few words at the start of a line, so only the last
    ``_DATELINE_REACH`` characters before the date are read.
    """
    line_start = text.rfind("\n", max(0, found.start - _DATELINE_REACH), found.start) + 1
    if line_start == 0 and found.start > _DATELINE_REACH:
        return False  # the line began further back: no dateline
    head = _DATELINE_PLACE.search(text, max(0, line_start - 1), found.start)
    if head is None or head.end() != found.start or not found.valid:
        return False
    if head.group("caps") and len(head.group("caps")) >= 3:
        return bool(_DATELINE_END.match(text, found.stop))
    return bool(_CREDIT.match(text, found.stop))


# --------------------------------------------------------------------------- dates without a year


def _candidates(month: int, day: int | None, years: Iterable[int]) -> Iterator[pd.Timestamp]:
    for year in years:
        date = _make_date(year, month, day or 1)
        if date is not None:
            yield date


def _placed_by_publication(
    month: int, day: int | None, published: pd.Timestamp, way: str | None
) -> pd.Timestamp | None:
    """The first such date on or after ``published`` (forward), else the latest on or before."""
    day_of_pub = published.normalize()
    if day is None:  # a month: compare months
        day_of_pub = pd.Timestamp(published.year, published.month, 1)
    if way == "forward":
        years = range(published.year, published.year + 9)
        return next((d for d in _candidates(month, day, years) if d >= day_of_pub), None)
    years = range(published.year, published.year - 9, -1)
    return next((d for d in _candidates(month, day, years) if d <= day_of_pub), None)


def _placed_by_anchor(month: int, day: int | None, anchor: _Found) -> pd.Timestamp | None:
    """The such date nearest to ``anchor``'s (in its very year for a year-precision anchor)."""
    assert anchor.date is not None
    if anchor.precision == "year":
        return next(_candidates(month, day, [anchor.date.year]), None)
    years = range(anchor.date.year - 1, anchor.date.year + 2)
    options = list(_candidates(month, day, years))
    return min(options, key=lambda d: abs(d - anchor.date)) if options else None


@dataclass
class _Anchors:
    """Dates that lend their year, in text order, with what finding the nearest needs."""

    found: list[_Found]
    starts: list[int]  # of ``found``
    newlines: list[int]  # offsets of the text's line breaks

    @classmethod
    def of(cls, text: str, found: list[_Found]) -> _Anchors:
        newlines = [m.start() for m in re.finditer("\n", text)]
        return cls(found, [a.start for a in found], newlines)


def _nearest_anchor(text: str, found: _Found, anchors: _Anchors, scope: str) -> _Found | None:
    """The nearest date with a written year in the same sentence, paragraph or ``text``.

    ``anchors`` are in text order. A sentence end or line break between a
    date and the nearest anchor on one side lies between it and every farther
    one too, so only the nearest anchor on each side is tested: two tests per
    date, whatever the number of anchors (linear in a page of dates).
    """
    i = bisect.bisect_left(anchors.starts, found.start)
    near = [
        a for a in anchors.found[max(0, i - 1) : i + 1] if _in_scope(text, a, found, scope, anchors)
    ]
    if not near:
        return None
    # The nearest; a date before the one to place wins a tie (the story has set the year).
    return min(
        near,
        key=lambda a: (
            min(abs(found.start - a.stop), abs(a.start - found.stop)),
            a.start > found.start,
        ),
    )


def _in_scope(text: str, anchor: _Found, found: _Found, scope: str, anchors: _Anchors) -> bool:
    """Whether ``anchor`` is in ``found``'s sentence (a sentence's length at most) or paragraph."""
    if scope == "text":
        return True
    before = anchor.start <= found.start
    lo, hi = (anchor.stop, found.start) if before else (found.stop, anchor.start)
    if scope == "sentence":
        return hi - lo <= MAX_SENTENCE_CHARS and placing.same_sentence(
            text, (anchor.start, anchor.stop), (found.start, found.stop)
        )
    # Same paragraph: no line break between them (found by bisection, not by scanning).
    return lo >= hi or bisect.bisect_left(anchors.newlines, lo) == bisect.bisect_left(
        anchors.newlines, hi
    )


def _enclosed(text: str, found: _Found) -> bool:
    """True inside «…» or (…) on its line: a name («Улица 1905 года») or an aside (a birth date).

    Looked for at most ``MAX_SENTENCE_CHARS`` back, so a page on one line costs
    no more per date than a paragraph does.
    """
    line_start = text.rfind("\n", max(0, found.start - MAX_SENTENCE_CHARS), found.start) + 1
    before = text[max(line_start, found.start - MAX_SENTENCE_CHARS) : found.start]
    return before.count("«") > before.count("»") or before.count("(") > before.count(")")


def _place_years(text: str, kept: list[_Found], published: pd.Timestamp | None) -> None:
    """Give each date written with no year its year from what the text says (module docstring).

    In order: a date with a year in the same sentence («16 декабря 2011 г. …
    17 декабря»: the nearest such day); else, with a publication date, the
    way the sentence points (:func:`helpers.dates.placing.direction`: the
    first such date on or after publication when it looks forward, the
    latest on or before it otherwise; a dateline is the day of the report,
    so on or before); else the nearest date with a year in the same
    paragraph, then anywhere in the text. A date inside quotes or brackets
    lends no year (a name such as «Улица 1905 года», a birth date in an
    aside), nor does a range over several years («с 1994 по 2005 годы»).
    ``note`` says which rule decided. ``text`` is the document as written
    (sentences are cut on it); the note quotes it in lower case.
    """
    lower = text.translate(_LOWER)
    lenders = [
        f
        for f in kept
        if f.valid
        and f.date is not None
        and not f.year_inferred
        and f.kind == "reference"
        and not _enclosed(text, f)
        and not (f.date_end is not None and f.date_end.year != f.date.year)
    ]
    anchors = _Anchors.of(text, lenders)  # kept is in text order, so these are too
    placed: list[_Found] = []  # dates without a year placed so far, in text order
    for found in kept:
        if found.bare is None or not found.valid:
            continue
        month, day, end_month, end_day = found.bare
        if not any(_candidates(month, day, range(2000, 2008))):
            found.valid, found.date, found.date_end = False, None, None
            found.note = f"{day} {_MONTH_NAMES_EN[month]} never exists"
            continue
        date, why = None, ""
        anchor = _nearest_anchor(text, found, anchors, "sentence")
        scope = "the same sentence"
        if anchor is None and published is not None:
            if found.kind == "dateline":
                way, why = "back", "dateline, the day of the report"
            else:
                way, why = placing.direction(text, found.start, found.stop)
            if way is None:
                anchor = _nearest_anchor(text, found, anchors, "paragraph")
                scope = "the same paragraph"
            set_on = _term_set_on(text, found, placed) if why.startswith("term") else None
            if anchor is None and set_on is not None:
                # «12 августа арестовал до 11 октября»: the term runs from the day it was set
                date = _placed_by_publication(month, day, set_on.date, "forward")
                why = f"{why}: first on or after «{lower[set_on.start : set_on.stop]}», when set"
            elif anchor is None:
                date = _placed_by_publication(month, day, published, way)
                rule = "first on or after" if way == "forward" else "latest on or before"
                why = f"{why}: {rule} publication {published:%Y-%m-%d}"
        elif anchor is None:
            anchor = _nearest_anchor(text, found, anchors, "text")
            scope = "the text (no publication date)"
        if anchor is not None:
            date = _placed_by_anchor(month, day, anchor)
            why = f"year of «{lower[anchor.start : anchor.stop]}» in {scope}"
        if anchor is None and published is None:
            continue  # nothing to go by: the reader's «no year … no publication date» stands
        if date is None:
            found.valid, found.date, found.date_end = False, None, None
            found.note = f"no such date ({why})"
            continue
        found.date = date
        found.note = why
        placed.append(found)
        if end_month is not None and end_day is not None:
            end_year = date.year + (1 if (end_month, end_day) < (month, day or 1) else 0)
            found.date_end = _make_date(end_year, end_month, end_day)
        _future_note(found, published)


def _term_set_on(text: str, found: _Found, placed: list[_Found]) -> _Found | None:
    """The date placed before ``found`` in its sentence: the day a term ending on it was set."""
    for earlier in reversed(placed):
        if earlier.date is not None and placing.same_sentence(
            text, (earlier.start, earlier.stop), (found.start, found.stop)
        ):
            return earlier
    return None


def _empty_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "doc_id": pd.Series(dtype="object"),
            "start": pd.Series(dtype="int64"),
            "stop": pd.Series(dtype="int64"),
            "text": pd.Series(dtype="object"),
            "date": pd.Series(dtype="datetime64[ns]"),
            "precision": pd.Series(dtype="object"),
            "valid": pd.Series(dtype="bool"),
            "note": pd.Series(dtype="object"),
            "date_end": pd.Series(dtype="datetime64[ns]"),
            "year_inferred": pd.Series(dtype="bool"),
            "kind": pd.Series(dtype="object"),
        }
    )


def referenced_dates(corpus: pd.DataFrame, *, cache: bool = True) -> pd.DataFrame:
    """One row per date expression in ``corpus["text"]``; see the module docstring.

    Columns: ``doc_id``, ``para`` and ``sent`` (paragraph and sentence the
    expression starts in, the ids of :mod:`helpers.nlp.segment` shared with
    the token table), ``start``, ``stop`` (``corpus.text[start:stop]`` is
    ``text``), ``text``, ``date`` (Timestamp; first day of the month or year
    for coarser precision; NaT when not valid or the year is unknown),
    ``precision`` (``day``, ``month`` or ``year``), ``valid``, ``note`` (why
    a row is not valid, how a year was inferred, or empty), ``date_end``
    (last day of a range, else NaT), ``year_inferred``, ``kind``
    (``dateline`` for an agency dateline, else ``reference``). Sorted by
    ``doc_id`` and ``start``. The publication date comes from
    ``corpus["date"]`` when there is one.

    A document whose text is not a string, or whose dates cannot be read
    (an unexpected error in the parser or a publication date that is not a
    date), is skipped with a :class:`DateProblemWarning` naming it and the
    run goes on; the skipped ids are listed in ``result.attrs["skipped"]``.

    Results are cached per document, keyed by its text, its publication date
    and this module's code (:mod:`helpers.cache`); ``cache=False`` skips it.
    """
    missing = {"doc_id", "text"} - set(corpus.columns)
    if missing:
        raise ValueError(
            "referenced_dates needs a corpus from load_corpus(); "
            f"missing column(s): {sorted(missing)}"
        )
    key_columns = ("text", "date") if "date" in corpus.columns else ("text",)
    version = code_version(sys.modules[__name__], patterns, placing)
    frame = cached_per_document(
        corpus, _read_dates, stage="dates", version=version, key_columns=key_columns, cache=cache
    )
    skipped = frame.attrs.get("skipped", [])
    frame = frame.sort_values(["doc_id", "start"], kind="stable").reset_index(drop=True)
    frame = segment.attach_ids(frame, corpus, cache=cache)
    frame.attrs["skipped"] = skipped
    return frame


def _read_dates(corpus: pd.DataFrame) -> pd.DataFrame:
    """Uncached :func:`referenced_dates`: what the cache stores per document."""
    published_col = (
        corpus["date"] if "date" in corpus.columns else pd.Series(pd.NaT, index=corpus.index)
    )
    published = dict(zip(corpus["doc_id"].astype(str), published_col, strict=True))

    def read(doc_id: str, text: str) -> list[_Found]:
        pub = published[doc_id]
        return list(extract_dates(text, None if pd.isna(pub) else pd.Timestamp(pub)))

    rows: list[tuple] = []
    skipped: list[str] = []
    for doc_id, text, found in per_document(
        corpus, read, what="dates", warning=DateProblemWarning, skipped=skipped
    ):
        for f in found:
            rows.append(
                (
                    doc_id,
                    f.start,
                    f.stop,
                    text[f.start : f.stop],
                    f.date,
                    f.precision,
                    f.valid,
                    f.note,
                    f.date_end,
                    f.year_inferred,
                    f.kind,
                )
            )
    if not rows:
        frame = _empty_frame()
    else:
        frame = pd.DataFrame(rows, columns=_ROW_COLUMNS)
        for column in ("date", "date_end"):
            frame[column] = pd.to_datetime(frame[column]).astype("datetime64[ns]")
        frame = frame.astype(
            {"start": "int64", "stop": "int64", "valid": bool, "year_inferred": bool}
        )
        frame = frame.sort_values(["doc_id", "start"], kind="stable").reset_index(drop=True)
    frame.attrs["skipped"] = skipped
    return frame
