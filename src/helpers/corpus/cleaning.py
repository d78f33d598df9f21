"""Turn an article's markdown body into the plain ``text`` every module gives offsets into.

Kept apart from file reading so the rules can be read (and tested) on their
own: markdown to text, Latin look-alikes inside Cyrillic words, the title
heading and byline that scraped articles repeat, and frontmatter dates.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pandas as pd

from helpers.nlp.patterns import month_number

__all__ = [
    "date_problem",
    "drop_repeated_header",
    "fix_homoglyphs",
    "markdown_to_text",
    "parse_date",
]


# Latin letters that look exactly like Cyrillic ones, mapped to their twin.
_LATIN_TO_CYRILLIC = str.maketrans(
    "AaBCcEeHKMOoPpTXxyY",
    "АаВСсЕеНКМОоРрТХхуУ",
)
_LATIN_TWINS = frozenset("AaBCcEeHKMOoPpTXxyY")
_MIXED_SCRIPT = re.compile(r"[A-Za-z][А-Яа-яЁё]|[А-Яа-яЁё][A-Za-z]")
_LETTER_RUN = re.compile(r"[^\W\d_]+")
_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
_LATIN = re.compile(r"[A-Za-z]")


def fix_homoglyphs(text: str) -> tuple[str, int]:
    """Replace Latin look-alikes inside Cyrillic words; return the text and how many.

    Only words that mix both scripts are touched, and only when every Latin
    letter in the word has a Cyrillic twin («Kaзахстана» → «Казахстана»), so
    real Latin words and mixed codes such as «iPhone-ы» stay as written. Each
    replacement is one character for one, so offsets do not move.
    """
    if not any(ch in text for ch in _LATIN_TWINS) or not _MIXED_SCRIPT.search(text):
        return text, 0
    fixed = 0
    parts: list[str] = []
    last = 0
    for match in _LETTER_RUN.finditer(text):
        word = match.group()
        if not (_CYRILLIC.search(word) and _LATIN.search(word)):
            continue
        latin = [ch for ch in word if "A" <= ch <= "z" and ch.isascii()]
        if not all(ch in _LATIN_TWINS for ch in latin):
            continue
        parts.append(text[last : match.start()])
        parts.append(word.translate(_LATIN_TO_CYRILLIC))
        last = match.end()
        fixed += len(latin)
    if not fixed:
        return text, 0
    parts.append(text[last:])
    return "".join(parts), fixed


# Every pattern below is linear in the text's length: a span is bounded by the
# next marker of its kind (or the end of its line or paragraph), never by the
# end of the text, and runs are matched only from their first character. A
# scraped page of unbalanced ``**`` or ``[`` would otherwise make each opener
# scan to the end of the text: quadratic, minutes for a few hundred KB.
_IMAGE = re.compile(r"!\[([^\[\]\n]*)\]\(([^()\[\]\s]*)(?:[ \t]+\"[^\"\n]*\")?\)")
_LINK = re.compile(r"\[([^\[\]\n]*)\]\(([^()\[\]\s]*)(?:[ \t]+\"[^\"\n]*\")?\)")
_AUTOLINK = re.compile(r"<(https?://[^<>\s]+)>")
# Bold: from one ``**`` (or ``__``) to the next, within a paragraph.
_STRONG = re.compile(r"(\*\*|__)(?=\S)((?:(?!\1)(?:[^\n]|\n(?![ \t]*\n)))+?)(?<=\S)\1")
_EMPHASIS_STAR = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![\w*])")
_EMPHASIS_UNDERSCORE = re.compile(r"(?<![\w_])_(?=[^\s_])([^_\n]+?)(?<=[^\s_])_(?![\w_])")
_HEADING_LINE = re.compile(r"^[ \t]{0,3}#{1,6}(?:[ \t]+|$)", re.MULTILINE)
_TRAILING_SPACE = re.compile(r"(?<![ \t])[ \t]+$", re.MULTILINE)
_MANY_BLANK_LINES = re.compile(r"\n{3,}")


def _strip_headings(body: str) -> str:
    """``# Heading #`` lines as their text: markers found once per line, linear time."""
    parts: list[str] = []
    last = 0
    for match in _HEADING_LINE.finditer(body):
        end = body.find("\n", match.end())
        end = len(body) if end < 0 else end
        content = body[match.end() : end].rstrip(" \t")
        bare = content.rstrip("#")
        if bare != content and (not bare or bare[-1] in " \t"):  # closing «###»
            content = bare.rstrip(" \t")
        parts.append(body[last : match.start()])
        parts.append(content)
        last = end
    parts.append(body[last:])
    return "".join(parts)


def markdown_to_text(body: str) -> tuple[str, list[str]]:
    """Turn a markdown body into plain text; return the text and the link targets.

    Emphasis markers, heading markers and link syntax go; link text stays and
    the targets are returned in order. List markers (``-``, ``1.``) are kept:
    they are part of what the demand-list parser reads. Paragraphs stay
    separated by one blank line.
    """
    links: list[str] = []
    # Python's regex engine scans a few ns per character, so each pass is
    # guarded by a cheap substring test: most articles need only some of them.
    if "](" in body:

        def _keep_text(match: re.Match[str]) -> str:
            links.append(match.group(2))
            return match.group(1)

        body = _IMAGE.sub(_keep_text, body)
        body = _LINK.sub(_keep_text, body)
    if "<http" in body:
        links.extend(_AUTOLINK.findall(body))
        body = _AUTOLINK.sub(r"\1", body)
    if "**" in body or "__" in body:
        body = _STRONG.sub(r"\2", body)
    if "*" in body:
        body = _EMPHASIS_STAR.sub(r"\1", body)
    if "_" in body:
        body = _EMPHASIS_UNDERSCORE.sub(r"\1", body)
    if "#" in body:
        body = _strip_headings(body)
    if " \n" in body or "\t\n" in body:
        body = _TRAILING_SPACE.sub("", body)
    if "\n\n\n" in body:
        body = _MANY_BLANK_LINES.sub("\n\n", body)
    return body.strip(), links


_SQUASH = re.compile(r"[\W_]+")


def _squash(text: str) -> str:
    """Lower-case letters and digits only: for "does this line only repeat X?"."""
    return _SQUASH.sub("", text).casefold()


def drop_repeated_header(body: str, title: str | None, date_raw: Any, author_raw: Any) -> str:
    """Drop a first line that only repeats the title, and a byline of only date and author.

    Web-scraped articles and news exports repeat the frontmatter at the top of
    the body (``# Title``, ``**Title**`` or the title as a plain line, then
    ``**2013-06-30** Author``); the title line goes only when text follows it.
    Left in, they would be counted as words and parsed as text; anything else
    on those lines keeps them.
    """
    lines = body.split("\n", 8)
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    heading = lines[i].lstrip() if i < len(lines) else ""
    wanted = _squash(title) if title else ""
    # The title repeated as the first line: a heading, bold, or plain (most news
    # exports), dropped only when some text follows it.
    if wanted and len(heading) <= 4 * len(title) + 20 and _squash(heading) == wanted:
        j = i + 1
        while j < len(lines) and not lines[j].strip():
            j += 1
        if j < len(lines):
            i = j
    if i < len(lines) and lines[i].strip():
        rest = _squash(lines[i])
        for value in _byline_parts(date_raw, author_raw):
            rest = rest.replace(value, "", 1)
        if not rest:
            i += 1
    return "\n".join(lines[i:])


def _byline_parts(date_raw: Any, author_raw: Any) -> list[str]:
    parts = []
    if date_raw not in (None, ""):
        parts.append(_squash(str(date_raw)))
        stamp = parse_date(date_raw)
        if stamp is not None:
            parts += [_squash(stamp.strftime("%Y-%m-%d")), _squash(stamp.strftime("%d.%m.%Y"))]
    if isinstance(author_raw, str) and author_raw.strip():
        parts.append(_squash(author_raw))
    return [p for p in parts if p]


_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[t ].*)?$")  # casefolded input
_DOTTED_DATE = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$")
_WORDED_DATE = re.compile(r"^(\d{1,2})\s+([а-яё]+)\s+(\d{4})(?:\s*(?:г\.?|года?))?$")


#: The days a pandas ``datetime64[ns]`` column can hold (about 1677 to 2262).
DATE_MIN = pd.Timestamp.min.ceil("D")
DATE_MAX = pd.Timestamp.max.floor("D")


def _date_parts(value: Any) -> tuple[int, int, int] | None:
    """(year, month, day) as written, not yet checked; None when it is no date form."""
    if isinstance(value, dt.datetime | dt.date):
        return value.year, value.month, value.day
    if not isinstance(value, str):
        return None
    text = value.strip().casefold()
    if match := _ISO_DATE.match(text):
        year, month, day = (int(g) for g in match.groups())
    elif match := _DOTTED_DATE.match(text):
        day, month, year = (int(g) for g in match.groups())
    elif match := _WORDED_DATE.match(text):
        day, year = int(match.group(1)), int(match.group(3))
        month = month_number(match.group(2)) or 0
    else:
        return None
    return year, month, day


def parse_date(value: Any) -> pd.Timestamp | None:
    """Parse a frontmatter date; ``None`` when missing, not a real date, or out of range.

    Accepts what YAML hands over (``datetime.date`` for unquoted dates) and
    strings in ISO form (``2013-06-30``, with or without a time), Russian
    dotted form (``30.06.2013``) and words (``30 июня 2013 г.``). Times are
    dropped: publication is counted by day. Dates pandas cannot hold
    (before 1677 or after 2262, such as a mistyped «0213-12-18») are ``None``:
    :func:`date_problem` says why.
    """
    parts = _date_parts(value)
    if parts is None:
        return None
    try:
        day = dt.date(*parts)
    except (ValueError, OverflowError):
        return None
    if not DATE_MIN.date() <= day <= DATE_MAX.date():
        return None
    return pd.Timestamp(day)


def date_problem(value: Any) -> str | None:
    """Why :func:`parse_date` rejects ``value`` (``None`` if it does not)."""
    parts = _date_parts(value)
    if parts is None:
        return None if parse_date(value) is not None else "is not a date"
    try:
        day = dt.date(*parts)
    except (ValueError, OverflowError):
        return "is not a real calendar date"
    if not DATE_MIN.date() <= day <= DATE_MAX.date():
        return (
            f"is outside the dates that can be counted "
            f"({DATE_MIN.date().isoformat()} to {DATE_MAX.date().isoformat()})"
        )
    return None
