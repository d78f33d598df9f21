"""Fixes for what natasha's tagger gets wrong on these texts, each a general rule.

Every rule is small, works on spans in document offsets, and records its name
on the spans it changes (the ``fixed_by`` column of :func:`helpers.entities.mentions`),
so a reader can see what post-processing did. The rules were written against
mistakes seen on the seed articles and checked not to undo natasha's correct
spans on ordinary news (``tests/data/news_entities.txt``):

``trim``
    Spans lose surrounding spaces and punctuation, and brackets or quotes left
    unbalanced («Молодежная коммунистическая организация «» → without the «;
    «Киевская городская организация)» → without the bracket).
``line``
    A span never crosses a line break (a signatories' list, one name a line).
``initial``
    A span with no word of two letters or more (an initial cut off from its
    surname, «Ю.») is dropped.
``caps``
    A span written in capitals and made only of ordinary dictionary words is
    a slogan, not a name («СТРАН» from «ПРОЛЕТАРИИ ВСЕХ СТРАН, СОЕДИНЯЙТЕСЬ!»);
    acronyms and capitalised names («СМИ», «КАЗАХСТАН») stay.
``place``
    A "person" whose words the dictionary knows as a place and never as a
    first name, surname or patronymic is a place («Жезказгана»).
``genitive``
    An organisation followed directly by a place in the genitive takes the
    place into its name («Социалистического Движения» + «Казахстана»,
    «Союз коммунистов» + «Украины»).
"""

from __future__ import annotations

from helpers.entities.morph import PERSON_TAGS, PROPER_TAGS, is_known, parses, words

__all__ = ["Span", "fix_spans"]

#: (start, stop, type, unit index, names of the rules that changed it)
Span = tuple[int, int, str, int, str]

_OPEN = {"«": "»", "(": ")", "„": "“", "“": "”", "[": "]"}
_CLOSE = {v: k for k, v in _OPEN.items()}
_EDGE_JUNK = " \t\n,;:!?-–—/|•*."


def fix_spans(text: str, raw: list[tuple[int, int, str, int]]) -> list[Span]:
    """Apply every rule to natasha's spans of one document; return sorted spans."""
    spans: list[Span] = [(a, b, t, u, "") for a, b, t, u in raw]
    spans = [s for span in spans for s in _split_lines(text, span)]
    spans = [s for s in (_trim(text, span) for span in spans) if s is not None]
    spans = [s for s in spans if not _caps_slogan(text, s) and _has_word(text, s)]
    spans = [_place_not_person(text, s) for s in spans]
    spans = _merge_genitive_places(text, sorted(spans))
    return _drop_overlaps(spans)


def _note(span: Span, rule: str) -> str:
    return f"{span[4]},{rule}" if span[4] else rule


def _split_lines(text: str, span: Span) -> list[Span]:
    a, b, kind, unit, _ = span
    piece = text[a:b]
    if "\n" not in piece:
        return [span]
    out, offset = [], a
    for line in piece.split("\n"):
        if any(ch.isalpha() for ch in line):
            out.append((offset, offset + len(line), kind, unit, _note(span, "line")))
        offset += len(line) + 1
    return out


def _trim(text: str, span: Span) -> Span | None:
    a, b, kind, unit, _ = span
    start, stop = a, b
    changed = True
    while changed and start < stop:
        changed = False
        while start < stop and text[start] in _EDGE_JUNK:
            start, changed = start + 1, True
        while start < stop and text[stop - 1] in _EDGE_JUNK and not _initial_at(text, start, stop):
            stop, changed = stop - 1, True
        piece = text[start:stop]
        # A closing mark at the end with no opening one inside: drop it.
        if piece and piece[-1] in _CLOSE and _CLOSE[piece[-1]] not in piece:
            stop, changed = stop - 1, True
        # An opening mark at the start whose partner is not inside: drop it.
        elif piece and piece[0] in _OPEN and _OPEN[piece[0]] not in piece:
            start, changed = start + 1, True
        # An opening mark at the end (natasha stopping at «): drop it.
        elif piece and piece[-1] in _OPEN:
            stop, changed = stop - 1, True
    piece = text[start:stop]
    # A name left open inside («Компания «Ромашка») closes right after the span: take the mark.
    for opening, closing in _OPEN.items():
        if piece.count(opening) > piece.count(closing) and text[stop : stop + 1] == closing:
            stop += 1
            piece = text[start:stop]
    if not any(ch.isalpha() for ch in piece):
        return None
    if (start, stop) == (a, b):
        return span
    return (start, stop, kind, unit, _note(span, "trim"))


def _initial_at(text: str, start: int, stop: int) -> bool:
    """Whether the span ends in an initial («Ю.»): its full stop belongs to it."""
    return (
        stop - start >= 2
        and text[stop - 1] == "."
        and text[stop - 2].isupper()
        and (stop - start == 2 or not text[stop - 3].isalpha())
    )


def _has_word(text: str, span: Span) -> bool:
    """A mention needs a word of two letters or more: an initial alone («Ю.») names no one."""
    return any(len(w) >= 2 for _, _, w in words(text[span[0] : span[1]]))


def _caps_slogan(text: str, span: Span) -> bool:
    tokens = words(text[span[0] : span[1]])
    if not tokens or not all(w.isupper() and len(w) > 1 for _, _, w in tokens):
        return False
    for _, _, word in tokens:
        lower = word.lower()
        if not is_known(lower):
            return False  # an acronym the dictionary does not know: СДК, ЖМЗ
        if any(PROPER_TAGS & p.tag.grammemes for p in parses(lower)):
            return False
    return True


def _place_not_person(text: str, span: Span) -> Span:
    a, b, kind, unit, _ = span
    if kind != "PER":
        return span
    tokens = [w.lower() for _, _, w in words(text[a:b])]
    if not tokens:
        return span
    place = False
    for word in tokens:
        found = parses(word)
        if any(PERSON_TAGS & p.tag.grammemes for p in found):
            return span
        place = place or any("Geox" in p.tag.grammemes for p in found)
    if not place:
        return span
    return (a, b, "LOC", unit, _note(span, "place"))


def _genitive_place(text: str, span: Span) -> bool:
    tokens = [w.lower() for _, _, w in words(text[span[0] : span[1]])]
    if not tokens:
        return False
    last = parses(tokens[-1])
    return any(p.tag.case == "gent" for p in last) and not any(p.tag.case == "nomn" for p in last)


def _merge_genitive_places(text: str, spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for span in spans:
        if out:
            prev = out[-1]
            gap = text[prev[1] : span[0]]
            if (
                prev[2] == "ORG"
                and span[2] == "LOC"
                and prev[3] == span[3]
                and gap.strip(" ") == ""
                and 0 < len(gap) <= 2
                and _genitive_place(text, span)
            ):
                out[-1] = (prev[0], span[1], "ORG", prev[3], _note(prev, "genitive"))
                continue
        out.append(span)
    return out


def _drop_overlaps(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for span in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
        if out and span[0] < out[-1][1]:
            continue
        out.append(span)
    return out
