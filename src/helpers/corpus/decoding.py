"""Bytes to text: the encoding a file is really in, or the finding that it is not text.

Scraped and merged archives hold UTF-8 with the odd broken byte, Windows-1251
and KOI8-R from old Russian sites, Latin-1 from Western ones, UTF-16 saved by
Windows editors, and the stray binary renamed ``.txt``. The rule:

* a byte-order mark decides (UTF-8, UTF-16, UTF-32);
* otherwise each candidate (UTF-8 with bad bytes replaced, cp1251, KOI8-R,
  Latin-1) is scored by how well its text reads: the share of letters that
  sit in plausible words (one script, lower, Capitalised or UPPER case, few
  accented Latin letters in a row) with control characters and replacement
  marks counting against it. UTF-8 wins ties, so a UTF-8 article with one
  stray byte stays UTF-8 with that byte replaced (and counted);
* a text that reads badly in every encoding is not text.

Linear in the size of the file: each candidate is decoded and scanned once.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

__all__ = ["Decoded", "decode"]

#: Fallback encodings tried when the bytes are not valid UTF-8, in order of preference.
FALLBACKS = ("cp1251", "koi8-r", "latin-1")
#: Below this reading score (share of letters in plausible words) bytes are not text.
MIN_SCORE = 0.6
#: A fallback must read at least this much better than UTF-8 with replacements.
MARGIN = 0.02

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_WORD = re.compile(r"[^\W\d_]+")
_BAD = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_COMMON_RUSSIAN = re.compile(r"[оеаинтсрвлкмдпуОЕАИНТСРВЛКМДПУ]")


@dataclass(frozen=True)
class Decoded:
    """The text (``None`` when the bytes are not text), the encoding used, bad bytes replaced."""

    text: str | None
    encoding: str
    replaced: int = 0
    score: float = 1.0


def _plausible(word: str) -> bool:
    """One script, a normal case pattern, and not a run of accented Latin letters.

    Cyrillic bytes read as Latin-1 come out as runs of accented letters
    («Ïðèâåò»); UTF-8 read as a code page, or KOI8-R read as cp1251, as words
    that mix cases or scripts («РџСЂРёРІРµС‚»).
    """
    if not (word.islower() or word.isupper() or (word[0].isupper() and word[1:].islower())):
        return False
    cyrillic = len(_CYRILLIC.findall(word))
    if cyrillic:
        return cyrillic == len(word)
    accented = len(_NON_ASCII.findall(word))
    return accented == 0 or (accented * 2 <= len(word) and len(word) > 1)


def score(text: str) -> tuple[float, float]:
    """(preference, readability) of a decoded text.

    Readability is the share of letters in plausible words, with control
    characters and replacement marks counted as misses (0 to 1). Preference
    adds the share of letters that are the fifteen commonest Russian ones
    (о е а и н т с р в л к м д п у make up about 80% of Russian letters): the
    two Cyrillic code pages read as each other swap cases and letters, so only
    letter frequency tells them apart in a text written in capitals.
    """
    readable = letters = 0
    for match in _WORD.finditer(text):
        n = match.end() - match.start()
        letters += n
        if _plausible(match.group()):
            readable += n
    total = letters + len(_BAD.findall(text))
    if total == 0:
        return 1.0, 1.0
    common = len(_COMMON_RUSSIAN.findall(text))
    return readable / total + common / total, readable / total


def decode(raw: bytes) -> Decoded:
    """Decode ``raw`` by the rule in the module docstring."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            text = raw.decode(encoding, errors="replace").removeprefix("\ufeff")
            return Decoded(text, encoding, text.count("\ufffd"))
    if b"\x00" in raw:  # binary, or UTF-16 without a byte-order mark: not readable text
        return Decoded(None, "binary", score=0.0)
    try:
        return Decoded(raw.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    utf8 = raw.decode("utf-8", errors="replace")
    best, best_score = Decoded(utf8, "utf-8", utf8.count("\ufffd")), score(utf8)
    for encoding in FALLBACKS:
        text = raw.decode(encoding, errors="replace")
        scored = score(text)
        if scored[0] > best_score[0] + MARGIN:
            best, best_score = Decoded(text, encoding, text.count("\ufffd")), scored
    readable = best_score[1]
    if readable < MIN_SCORE:
        return Decoded(None, best.encoding, best.replaced, readable)
    return Decoded(best.text, best.encoding, best.replaced, readable)
