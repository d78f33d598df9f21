"""The language layer's patterns: what counts as a word, and the Russian month names.

Every module that needs a word or a month reads it from here, so a word
counted by the loader is the word tokens and entities see, and a month read
from frontmatter is the month read from the text.
"""

from __future__ import annotations

import re

__all__ = ["MONTH_FORMS", "WORD", "count_words", "fold", "fold_yo", "month_number", "words"]


#: A word: a run of letters, a hyphenated compound counting once; numbers are not words.
WORD = re.compile(r"[^\W\d_]+(?:[-‐][^\W\d_]+)*")


def count_words(text: str) -> int:
    """Runs of letters, a hyphenated compound counting once (numbers are not words)."""
    return len(WORD.findall(text))


def words(text: str) -> list[re.Match[str]]:
    """The words of ``text`` as matches (offsets with ``.start()``/``.end()``)."""
    return list(WORD.finditer(text))


def fold_yo(text: str) -> str:
    """ё written as е (and Ё as Е): the one ё-folding of the project.

    Russian print mostly omits the dots, pymorphy3's lemmas keep them
    («молодёжный»): anything that compares words written by different hands
    (rules-file words and text, a name and its alias) folds both sides.
    """
    return text.replace("ё", "е").replace("Ё", "Е")


def fold(text: str) -> str:
    """The key two spellings of one name or word share: lower case, ё as е, single spaces."""
    return " ".join(fold_yo(text.casefold()).split())


#: Every case form of each Russian month name, as a regular expression, by month number
#: (января, январь, январе, январю; мая, май, мае, маю; марта, март, марте, марту).
#: The one month table of the project: frontmatter dates here, dates in the text in
#: :mod:`helpers.dates.extract`.
MONTH_FORMS = {
    1: "январ[ьяюе]",
    2: "феврал[ьяюе]",
    3: "март[ауе]?",
    4: "апрел[ьяюе]",
    5: "ма[йяюе]",
    6: "июн[ьяюе]",
    7: "июл[ьяюе]",
    8: "август[ауе]?",
    9: "сентябр[ьяюе]",
    10: "октябр[ьяюе]",
    11: "ноябр[ьяюе]",
    12: "декабр[ьяюе]",
}
_MONTH_FORM = {number: re.compile(form) for number, form in MONTH_FORMS.items()}


def month_number(word: str) -> int | None:
    """1-12 for any case form of a Russian month name («мая», «Декабре»), else ``None``."""
    word = word.strip().casefold()
    return next((n for n, form in _MONTH_FORM.items() if form.fullmatch(word)), None)
