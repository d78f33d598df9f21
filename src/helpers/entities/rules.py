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
``gloss``
    A name followed by a bracketed one («Брендт Кристенсен (Brendt
    Christensen)», «Фонда борьбы с коррупцией (ФБК)») is two mentions, also
    where natasha stopped inside the brackets («Карсона Ёнга (Carson Yeung»);
    :mod:`helpers.entities.group` makes them one entity where the second is
    another name of the first. An acronym after a person is an organisation
    («Жанболат Мамай (ДПК)»).
``initial``
    A span that is only initials (an initial cut off from its surname, «Ю.»)
    is dropped; short names with digits or signs (G7, G20, S&P) stay.
``caps``
    A span written in capitals and made only of ordinary dictionary words is
    a slogan, not a name («СТРАН» from «ПРОЛЕТАРИИ ВСЕХ СТРАН, СОЕДИНЯЙТЕСЬ!»);
    acronyms and capitalised names («ФСБ», «КАЗАХСТАН») stay, and so does a
    single word short enough to be an abbreviation («ИГ», «ЕР», «МИД»), even
    where the dictionary also knows it as a word.
``common``
    An abbreviation of a common noun, which names no one («СМИ», the media;
    «ЖКХ», «ГК», «вуз»), is dropped: the dictionary knows every reading of it
    as an abbreviation and none as an organisation's, a place's or a
    person's name (ФСБ, МВД, РФ stay).
``place``
    A "person" whose words the dictionary knows as a place and never as a
    first name, surname or patronymic is a place («Жезказгана»).
``lead``
    A person's span that starts with an ordinary word, the capitalised first
    word of a sentence or a title («Музыканты Шевчук», «Оптимизм Чилингарова»,
    «Президент Путин»), loses that word: the dictionary knows it and never as
    a first name, surname or patronymic. So does an adjective opening a
    sentence («Семидесятилетний Караджич»), unless a first name follows (a
    surname first: «Лихой Сергей Петрович»).
``title``
    A place or organisation that is only a title and its lower-case
    dependents («Аким области», «Губернатор края») is dropped: the title
    belongs to the person named next (the ``role`` column).
``person``
    A one-word place or organisation that the document writes as part of a
    person's full name (the same stem: «Арчилом» after «Арчила Геловани») is
    that person.
``propagate``
    A name tagged once in a document is tagged again where natasha missed it,
    written the same way (a paragraph that opens with the name: «Обама
    активно…» after «Барак Обама»).
``institution``
    A place in the genitive after an institution noun written in lower case
    (``data/institution_nouns.txt``: «правительства России», «власти
    Москвы», «посольство США») is one organisation with it.
``genitive``
    An organisation followed directly by a place in the genitive takes the
    place into its name («Социалистического Движения» + «Казахстана»,
    «Союз коммунистов» + «Украины»).
"""

from __future__ import annotations

import re
from pathlib import Path

from helpers.cache import watched
from helpers.entities.context import role_parse
from helpers.entities.morph import PERSON_TAGS, PROPER_TAGS, is_known, parses, words
from helpers.entities.ner import text_units
from helpers.nlp.lemmatizer import is_abbreviation_shape
from helpers.paths import DATA_DIR

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
    spans = [s for span in spans for s in _split_gloss(text, span)]
    spans = [
        s
        for s in spans
        if not _caps_slogan(text, s) and not _common_abbreviation(text, s) and _has_word(text, s)
    ]
    spans = [s for s in (_drop_lead(text, s) for s in spans) if s is not None]
    spans = [s for s in spans if not _title_as_place(text, s)]
    people = _person_words(text, spans)
    # «Руанды» inside «президент Руанды Поль Кагаме» tagged as one name is no reason to
    # read «Руанде» as a person; but «Хьюстон» after «Уитни Хьюстон» stays the singer.
    not_places = {stem for stem, word in people.items() if not _place_word(word)}
    spans = [_person_by_document(text, s, not_places) for s in spans]
    spans = [_place_not_person(text, s, set(people)) for s in spans]
    spans = _merge_genitive_places(text, sorted(spans))
    spans = _institutions(text, spans)
    spans = _drop_overlaps(spans)
    return _drop_overlaps(spans + _propagate(text, spans))


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
    if "|" in text[a:b]:
        start = a + text[a:b].rindex("|") + 1  # «Уго|Уго Чавеса»: a wiki link's target and text
    changed = True
    while changed and start < stop:
        changed = False
        while start < stop and text[start] in _EDGE_JUNK:
            start, changed = start + 1, True
        while (
            start < stop
            and text[stop - 1] in _EDGE_JUNK
            and not _initial_at(text, start, stop)
            and not _name_bang(text, start, stop)
        ):
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


def _split_gloss(text: str, span: Span) -> list[Span]:
    """«X (Y)» as one span: X and Y, each a mention of the same type (rule ``gloss``).

    So is «X (Y» where natasha stopped inside the brackets («Bundesbank (ЦБ
    ФРГ», «Карсона Ёнга (Carson Yeung»): Y runs to the span's end.
    """
    a, b, kind, unit, _ = span
    piece = text[a:b]
    closed = piece.endswith(")") and piece.count("(") == 1 and piece.count(")") == 1
    left_open = piece.count("(") == 1 and ")" not in piece
    if not (closed or left_open):
        return [span]
    opening = a + piece.index("(")
    head_stop = opening
    while head_stop > a and text[head_stop - 1].isspace():
        head_stop -= 1
    head, gloss = text[a:head_stop], text[opening + 1 : b - 1 if closed else b]
    if head_stop == opening or not gloss.strip() or not _has_letters(head, gloss):
        return [span]
    g_start = opening + 1 + (len(gloss) - len(gloss.lstrip()))
    g_stop = (b - 1 if closed else b) - (len(gloss) - len(gloss.rstrip()))
    note = _note(span, "gloss")
    # «Жанболат Мамай (ДПК)»: an acronym after a person is the organisation he belongs to
    gloss_kind = "ORG" if kind == "PER" and _ACRONYM.fullmatch(gloss.strip()) else kind
    pieces = [(a, head_stop, kind, unit, note), (g_start, g_stop, gloss_kind, unit, note)]
    return [p for p in (_trim(text, piece) for piece in pieces) if p is not None]


_ACRONYM = re.compile(r"[A-ZА-ЯЁ]{2,6}")


def _has_letters(*pieces: str) -> bool:
    return all(any(ch.isalpha() for ch in piece) for piece in pieces)


def _name_bang(text: str, start: int, stop: int) -> bool:
    """Whether a final «!» belongs to the name («Yahoo!», «Экозащита!»): the sentence goes on."""
    if text[stop - 1] != "!" or stop - start < 3 or not text[stop - 2].isalnum():
        return False
    after = text[stop : stop + 3].lstrip(" ")
    return after[:1] in ("»", '"', "”", ",") or after[:1].islower()


def _initial_at(text: str, start: int, stop: int) -> bool:
    """Whether the span ends in an initial («Ю.»): its full stop belongs to it."""
    return (
        stop - start >= 2
        and text[stop - 1] == "."
        and text[stop - 2].isupper()
        and (stop - start == 2 or not text[stop - 3].isalpha())
    )


_INITIALS = re.compile(r"(?:[^\W\d_]\.\s*)*[^\W\d_]\.?")


def _has_word(text: str, span: Span) -> bool:
    """A mention needs more than initials: «Ю.» names no one; «G7», «S&P», «Ъ» do."""
    piece = text[span[0] : span[1]]
    if any(len(w) >= 2 for _, _, w in words(piece)):
        return True
    if not _INITIALS.fullmatch(piece):
        return True  # digits or signs: «G7», «S&P», «U2»
    # A lone capital letter not followed by a full stop («Ъ», the newspaper) is a name.
    return len(piece) == 1 and piece.isupper() and text[span[1] : span[1] + 1] != "."


def _drop_lead(text: str, span: Span) -> Span | None:
    a, b, kind, unit, _ = span
    if kind != "PER":
        return span
    tokens = words(text[a:b])
    if len(tokens) < 2:
        return span
    first = tokens[0][2]
    if not first[:1].isalpha() or first.isupper():
        return span
    lower = first.lower()
    if (
        first[:1].isupper()
        and _adjective_word(lower)
        and _sentence_start(text, a)
        and not any("Name" in p.tag.grammemes for p in parses(tokens[1][2].lower()))
    ):
        # «Известный Шевчук», «Шестидесятивосьмилетняя Руссефф»: an adjective opening the
        # sentence, glued on
        return (a + tokens[1][0], b, kind, unit, _note(span, "lead"))
    if not _known_word(lower) or any(PERSON_TAGS & p.tag.grammemes for p in parses(lower)):
        return span
    if first.islower() and not any(
        p.tag.POS == "NOUN" and p.tag.animacy == "anim" for p in parses(lower)
    ):
        return span  # «фон Беттихер», «де Голль»: a particle of the name, not a title
    if first[:1].isupper():
        if not _sentence_start(text, a):
            return span  # a capital inside a sentence: part of the name, as far as we can tell
        # «Алмаз Сатпаев» may be a name the dictionary lacks; «Музыканты Шевчук» (a plural),
        # «Президент Путин» (a title) and «Оптимизм Чилингарова» (a name in another case)
        # are not.
        found = parses(lower)
        if not any(p.tag.POS == "NOUN" for p in found):
            return span  # «Серена», «Всемирно»: not a noun, so not a word glued on
        plural = all(p.tag.number == "plur" for p in found if p.tag.POS == "NOUN")
        title = any(p.tag.POS == "NOUN" and p.tag.animacy == "anim" for p in found)
        rest_word = tokens[1][2].lower()
        rest = parses(rest_word)
        genders = {p.tag.gender for p in found if p.tag.POS == "NOUN"}
        # «Оптимизм Чилингарова»: read in the nominative the surname would be a woman's,
        # which a masculine first word cannot go with; so it is in another case.
        agreeing = [
            p
            for p in rest
            if p.tag.case == "nomn"
            and (p.tag.gender in genders or p.tag.gender is None or "ms-f" in p.tag.grammemes)
        ]
        if "masc" in genders and re.fullmatch(r"\w{3,}(?:ов|ев|ёв|ин|ын)", rest_word):
            agreeing = [None]  # «Сатпаев»: a man's surname in the nominative (pymorphy: plural)
        other_case = not agreeing and rest_word.endswith(
            ("а", "я", "ов", "ев", "ой", "ого", "ы", "и", "у", "ю", "ым", "им")
        )
        if not (plural or title or other_case):
            return span
    return (a + tokens[1][0], b, kind, unit, _note(span, "lead"))


#: First parts of hyphenated titles the dictionary lacks whole («пресс-агент», «экс-мэр»).
TITLE_PREFIXES = frozenset({"пресс", "экс", "вице", "генерал", "шеф", "бизнес", "обер", "контр"})


def _known_word(lower: str) -> bool:
    """Whether the dictionary has the word, or it is a title prefix and a word it has.

    pymorphy3 knows «агент» but not «пресс-агент»: a title written with a
    prefix (:data:`TITLE_PREFIXES`: «Пресс-агент Гибсона») is still a known
    common noun, and so are two common nouns joined («Писатель-сатирик»).
    Other hyphenated words are names as far as this rule goes («Ак-Бота»,
    «Мамин-Сибиряк»: «мамин» is no noun).
    """
    if is_known(lower):
        return True
    prefix, _, rest = lower.partition("-")
    if prefix in TITLE_PREFIXES and is_known(rest):
        return True
    parts = lower.split("-")
    return len(parts) > 1 and all(
        is_known(part)
        and all(p.tag.POS == "NOUN" and not PERSON_TAGS & p.tag.grammemes for p in parses(part))
        for part in parts
    )


_ADJECTIVE_END = re.compile(r"(?:ый|ий|ой|ая|яя|ое|ее|ые|ие)$")


def _adjective_word(lower: str) -> bool:
    """A word that is only an adjective or participle: known so, or long and shaped so.

    No reading of it may be a first name, surname or patronymic (Толстой,
    Горький stay names); an unknown word must have eight letters or more and
    an adjective's ending («шестидесятивосьмилетняя»), so a short foreign
    first name is never taken for one.
    """
    found = parses(lower)
    if not found or any(PERSON_TAGS & p.tag.grammemes for p in found):
        return False
    if not all(p.tag.POS in ("ADJF", "PRTF") for p in found):
        return False
    return is_known(lower) or (len(lower) >= 8 and bool(_ADJECTIVE_END.search(lower)))


def _title_as_place(text: str, span: Span) -> bool:
    """A «place» or «organisation» that is a title and its dependents («Аким области»).

    Its first word is a person's title (an animate common noun the dictionary
    never has as a place) and nothing after it is capitalised: no name is
    left once the title is gone.
    """
    a, b, kind, _, _ = span
    tokens = words(text[a:b])
    if kind == "PER" or len(tokens) < 2 or any(w[:1].isupper() for _, _, w in tokens[1:]):
        return False
    first = tokens[0][2]
    if first.isupper():
        return False
    found = parses(first.lower())
    if not is_known(first.lower()) or any(
        {"Surn", "Geox", "Orgn"} & p.tag.grammemes for p in found
    ):
        return False
    best = found[0]
    if not (
        best.tag.POS == "NOUN"
        and best.tag.animacy == "anim"
        and best.tag.number == "sing"
        and best.tag.case == "nomn"
    ):
        return False  # «Братья мусульмане», «Левые демократы», «Мёртвом море» are names
    # Only genitive dependents follow: «Аким области», «Губернатор Приморского края».
    return all(any(p.tag.case == "gent" for p in parses(w.lower())) for _, _, w in tokens[1:])


def _sentence_start(text: str, at: int) -> bool:
    """Whether ``at`` begins a line or follows a sentence end («. », «! », «? », «…»)."""
    before = text[max(0, at - 6) : at].rstrip(' \t«"(')
    return not before or before[-1] in "\n.!?…:" or at == 0


#: Tags that make an abbreviation a name: an organisation's, a place's, a person's, a brand's.
_NAME_TAGS = PROPER_TAGS - {"Abbr"}


def _common_abbreviation(text: str, span: Span) -> bool:
    """Whether the span is one abbreviation the dictionary knows only as a common noun."""
    tokens = words(text[span[0] : span[1]])
    if len(tokens) != 1 or tokens[0][2] != text[span[0] : span[1]]:
        return False
    lower = tokens[0][2].lower()
    found = parses(lower)
    return (
        is_known(lower)
        and bool(found)
        and all("Abbr" in p.tag.grammemes for p in found)
        and not any(_NAME_TAGS & p.tag.grammemes for p in found)
    )


def _caps_slogan(text: str, span: Span) -> bool:
    tokens = words(text[span[0] : span[1]])
    if not tokens or not all(w.isupper() and len(w) > 1 for _, _, w in tokens):
        return False
    if len(tokens) == 1 and is_abbreviation_shape(tokens[0][2]):
        return False
    for _, _, word in tokens:
        lower = word.lower()
        if not is_known(lower):
            return False  # an acronym the dictionary does not know: СДК, ЖМЗ
        if any(PROPER_TAGS & p.tag.grammemes for p in parses(lower)):
            return False
    return True


_CASE_ENDING = re.compile(r"(?:ом|ем|ём|ой|ей|ым|им|ою|ею|ов|ев|а|я|у|ю|е|и|ы)$")


def _stem(word: str) -> str:
    """A name without its case ending («Арчилом», «Арчила» → арчил), at least three letters."""
    lower = word.lower()
    stem = _CASE_ENDING.sub("", lower)
    return stem if len(stem) >= 3 else lower


def _person_words(text: str, spans: list[Span]) -> dict[str, str]:
    """Stem -> word for the words of the document's multi-word person names (мурс -> Мурси)."""
    out: dict[str, str] = {}
    for a, b, kind, _, _ in spans:
        tokens = words(text[a:b])
        if kind == "PER" and len(tokens) >= 2:
            for _, _, w in tokens:
                if len(w) >= 2:
                    out.setdefault(_stem(w), w)
    return out


def _place_word(word: str) -> bool:
    """Whether the dictionary itself knows the word as a place («Руанды» in a title)."""
    lower = word.lower()
    return is_known(lower) and any("Geox" in p.tag.grammemes for p in parses(lower))


def _person_by_document(text: str, span: Span, people: set[str]) -> Span:
    """A one-word «place» or «organisation» the document names a person by is that person.

    natasha, reading a paragraph alone, sometimes types a surname or first name
    it has just tagged as part of a full name as LOC or ORG («С Арчилом» after
    «Арчила Геловани», «Макеенко» after «Виктора Макеенко»).
    """
    a, b, kind, unit, _ = span
    tokens = words(text[a:b])
    if kind == "PER" or len(tokens) != 1 or text[a:b].isupper():
        return span
    if _stem(tokens[0][2]) not in people:
        return span
    return (a, b, "PER", unit, _note(span, "person"))


def _propagate(text: str, spans: list[Span]) -> list[Span]:
    """Names the tagger found once in a document, found again where it missed them.

    natasha reads each paragraph alone and often misses a name that opens one
    («Обама активно…», «Шевчук - бывший…»). Where the same capitalised word or
    phrase is a mention elsewhere in the document (a whole mention, or the
    surname of a full name), an untagged occurrence written the same way is
    a mention of the same type.
    """
    names: dict[str, str] = {}
    for a, b, kind, _, _ in spans:
        piece = text[a:b]
        tokens = words(piece)
        if not tokens or not piece[:1].isupper():
            continue
        names.setdefault(piece, kind)
        if kind == "PER" and len(tokens) >= 2 and len(tokens[-1][2]) >= 3:
            names.setdefault(tokens[-1][2], "PER")
    names = {n: k for n, k in names.items() if _propagatable(n)}
    if not names:
        return []
    taken = sorted((a, b) for a, b, *_ in spans)
    units = text_units(text)
    pattern = re.compile(
        r"(?<![\w-])(?:"
        + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        + r")(?![\w-])"
    )
    out: list[Span] = []
    for match in pattern.finditer(text):
        a, b = match.span()
        if any(x < b and a < y for x, y in taken):
            continue
        unit = next((j for j, (x, y) in enumerate(units) if x <= a < y), None)
        if unit is None:
            continue
        out.append((a, b, names[match.group()], unit, "propagate"))
    return out


def _propagatable(name: str) -> bool:
    """A name to look for again: not one ordinary word («Мир», «Путь» stay where tagged)."""
    tokens = words(name)
    if len(tokens) != 1:
        return True
    word = tokens[0][2]
    if len(word) < 3 and not word.isupper():
        return False
    lower = word.lower()
    if word.isupper():
        return len(word) >= 2
    found = parses(lower)
    return not is_known(lower) or any(PROPER_TAGS & p.tag.grammemes for p in found)


def _titled(text: str, start: int) -> bool:
    """Whether a title of one person stands right before ``start`` («президент Мурси»)."""
    role, head = role_parse(text, start)
    return bool(role) and head.tag.number == "sing"  # «рабочих Жезказгана» is no title


def _place_not_person(text: str, span: Span, people: set[str] = frozenset()) -> Span:
    a, b, kind, unit, _ = span
    if kind != "PER":
        return span
    tokens = [w.lower() for _, _, w in words(text[a:b])]
    # A full name («Уитни Хьюстон», «Лино Овьедо») is a person even where a word of it is a
    # place; so is a word the document writes in a full name elsewhere, or after a title.
    if len(tokens) != 1 or _stem(tokens[0]) in people or _titled(text, a):
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
    if any("Fixd" in p.tag.grammemes and "Geox" in p.tag.grammemes for p in last):
        return True  # «США», «РФ»: indeclinable, any case
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


INSTITUTIONS_FILE = DATA_DIR / "institution_nouns.txt"


def _parse_institutions(data: bytes, file: Path) -> frozenset[str]:
    """The lemmas of an institution-noun file: one a line, ``#`` lines are comments."""
    return frozenset(
        line.strip().lower()
        for line in data.decode("utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    )


def institutions() -> tuple[frozenset[str], str]:
    """``(lemmas, content hash)`` of :data:`INSTITUTIONS_FILE` as it is now.

    Read through :func:`helpers.cache.watched`: an edit is seen on the next
    call, and the hash is that of the bytes the lemmas were parsed from, so
    the entity cache's key (:func:`helpers.entities.pipeline.rules_version`)
    names exactly the list the rules use.
    """
    return watched(INSTITUTIONS_FILE, _parse_institutions)


def institution_nouns() -> frozenset[str]:
    """Lemmas of :data:`INSTITUTIONS_FILE` (editable), lower case."""
    return institutions()[0]


_WORD_BEFORE = re.compile(r"(?:([\w-]+) )?([\w-]+) $")


def _institutions(text: str, spans: list[Span]) -> list[Span]:
    """«правительства» + «России», «власти» + «Москвы»: one organisation.

    natasha tags the place and leaves the institution in lower case out. A
    place in the genitive right after a noun of :func:`institution_nouns`
    (and the adjective before it: «Верховный суд Израиля») becomes one ORG.
    """
    nouns = institution_nouns()
    out: list[Span] = []
    taken = [(a, b) for a, b, *_ in spans]
    for span in spans:
        a, b, kind, unit, _ = span
        if kind != "LOC" or not _genitive_place(text, span):
            out.append(span)
            continue
        match = _WORD_BEFORE.search(text, max(0, a - 60), a)
        start = None
        if match and match.end() == a:
            word = match.group(2)
            if any(p.normal_form in nouns for p in parses(word.lower())) and not word.isupper():
                start = match.start(2)
                adjective = match.group(1)
                if adjective and any(p.tag.POS == "ADJF" for p in parses(adjective.lower())):
                    start = match.start(1)
        if start is None or any(x < a and start < y for x, y in taken if (x, y) != (a, b)):
            out.append(span)
            continue
        out.append((start, b, "ORG", unit, _note(span, "institution")))
    return out


def _drop_overlaps(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for span in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
        if out and span[0] < out[-1][1]:
            continue
        out.append(span)
    return out
