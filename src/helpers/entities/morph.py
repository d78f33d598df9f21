"""Dictionary forms of mentions, with the alternatives a reader would weigh.

Russian names are inflected: «Назарбаева» is «Назарбаев» in the genitive (or a
woman's surname in the nominative), «Айнура Курманова» is «Айнур Курманов» in
the genitive or a woman called Айнура Курманова. Out of context the dictionary
cannot tell. So :func:`normal_forms` returns the candidate dictionary forms of a
mention, most likely first, and :mod:`helpers.entities.group` picks among them
with what the document itself writes elsewhere.

Only the words inside mentions are looked up (the language layer's pymorphy3
analyses, :func:`helpers.nlp.lemmatizer.parses`, cached per word form), which
is far cheaper than tagging every token of the text with natasha's morphology
model. A place or organisation named by a word the dictionary does not know
(«Жанаозена», «Казахмыса») takes the project lemmatizer's lemma first, so the
entity is named as the token table and the demand rules name it (see
:func:`_name_lemma` for when).
"""

from __future__ import annotations

import re
from functools import lru_cache

from helpers.nlp.lemmatizer import get_lemmatizer, is_known, parses
from helpers.nlp.patterns import WORD, fold

__all__ = ["fold", "is_known", "normal_forms", "parses", "words"]

PERSON_TAGS = frozenset({"Name", "Surn", "Patr"})
PROPER_TAGS = PERSON_TAGS | {"Geox", "Orgn", "Trad", "Abbr"}
CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
#: How often names stand in each case in news, roughly: breaks ties between readings
#: the dictionary finds equally likely («Арину» as Арин in the dative or Арина in the accusative).
_CASE_PRIOR = {"nomn": 1.0, "gent": 0.9, "accs": 0.8, "datv": 0.7, "ablt": 0.6, "loct": 0.5}
#: Endings of a man's first name with a consonant stem (Айнур → Айнура, Айнуру, Айнуром, Айнуре),
#: used when the dictionary only knows the name as a woman's («Айнура»).
_MASC_ENDINGS = {
    "gent": ("а", "я"),
    "accs": ("а", "я"),
    "datv": ("у", "ю"),
    "ablt": ("ом", "ем"),
    "loct": ("е",),
}
_ADJECTIVES = ("ADJF", "PRTF", "NUMR")
_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
# Word-final consonant pairs that Russian words do end in (the first letter of the pair is
# a consonant). A guessed base form ending otherwise («Шетп» from «Шетпе») is not a word:
# the name is indeclinable and keeps its written form.
_CLUSTER_LIST = (
    "ст зд шт жд ск зк сп кт пт фт хт кс пс бс дс тс вс зм см зн сн вн дн тр др бр пр вр "
    "гр кр фр хр тл бл пл кл гл вл дл сл зл мл нк нг нт нд нс нз нц нш нч нж рт рд рк рг "
    "рс рз рм рн рп рб рв рф рх рц рч рш рж рл лт лд лк лг лс лз лм лн лп лб лв лф лх лц "
    "лч лш лж мп мб мс мз мн мт мд мк мф мв тц дц гд вт вд вк вз вс вш кв тв дв св зв шк "
    "жк щ ц"
)
_FINAL_CLUSTERS = frozenset(_CLUSTER_LIST.split())
_VOWELS = frozenset("аеёиоуыэюяaeiouy")
#: Endings of a place adjective (Мангистауской, Жезказганского, Алматинская).
_ADJECTIVE_ENDING = re.compile(r"(?:ск|цк|инск|н)(?:ий|ой|ая|ое|ого|ому|ым|ом|ую|ие|их|ими)$")


def words(text: str) -> list[tuple[int, int, str]]:
    """Letter runs (hyphenated compounds kept whole) with their offsets in ``text``."""
    return [(m.start(), m.end(), m.group()) for m in WORD.finditer(text)]


def _shape(word: str, like: str) -> str:
    """Write ``word`` (lower case) with the capitalisation of ``like``."""
    if like.isupper() and len(like) > 1:
        return word.upper()
    if like[:1].isupper():
        return "-".join(part[:1].upper() + part[1:] for part in word.split("-"))
    return word


def _replace(text: str, spans: list[tuple[int, int, str]], new: dict[int, str]) -> str:
    """Put ``new[i]`` in place of the i-th word of ``text`` (other characters unchanged)."""
    parts, last = [], 0
    for i, (a, b, word) in enumerate(spans):
        parts.append(text[last:a])
        parts.append(_shape(new[i], word) if i in new else word)
        last = b
    parts.append(text[last:])
    return "".join(parts)


def _name_lemma(word: str) -> str | None:
    """The shared lemmatizer's nominative of a capitalised name pymorphy only guesses at.

    Only for a plain capitalised word (not «УралМетКом», «Карнеги-холл», an
    acronym) whose lemma ends in a consonant: the name rule found its stem
    («Жанаозена» → жанаозен) or the word is already one (Сычуань, Уфанет).
    A vowel-final lemma is the rule's "indeclinable, as written" fallback
    («Росгвардии»), and a stem Russian words do not end in («Кентукк»,
    «Хезболл») a wrong cut: there pymorphy's readings and the document decide.
    """
    if _fixed(word) or "-" in word or not (word[:1].isupper() and word[1:].islower()):
        return None
    lemma = get_lemmatizer().lemma(word)
    return lemma if lemma[-1:] not in _VOWELS and _plausible_lemma(lemma) else None


def _plausible_lemma(lemma: str) -> bool:
    """Whether a guessed base form ends the way Russian words end."""
    lemma = lemma.casefold()
    if len(lemma) < 2 or lemma[-1] in _VOWELS or lemma[-1] in "ьйъ" or lemma[-2] in _VOWELS:
        return True
    return lemma[-2:] in _FINAL_CLUSTERS or lemma[-2] in "ьй"


def _indeclinable() -> frozenset[str]:
    """Indeclinable names: words the lemma overrides give as their own lemma («жанарту»)."""
    return _indeclinable_in(get_lemmatizer().overrides_digest)


@lru_cache(maxsize=4)
def _indeclinable_in(overrides_digest: str) -> frozenset[str]:
    """:func:`_indeclinable` for one version of the overrides (reloaded when the file changes)."""
    return frozenset(w for w, lemma in get_lemmatizer().overrides.items() if w == lemma)


def _fixed(word: str) -> bool:
    """Acronyms, Latin words, initials and known indeclinable names are never inflected."""
    if len(word) == 1 or not _CYRILLIC.search(word):
        return True
    if word.lower() in _indeclinable():
        return True
    if word.isupper():
        lower = word.lower()
        if len(word) <= 4:
            return True  # «АСТ», «МИД», «ЦСКА»: short words in capitals are acronyms
        return not is_known(lower) or any("Abbr" in p.tag.grammemes for p in parses(lower))
    return False


def normal_forms(text: str, kind: str) -> list[str]:
    """Candidate dictionary forms of a mention, most likely first (never empty).

    ``kind`` is PER, ORG or LOC. A person's words are put in the nominative
    together, in one gender and one case (so «Айнура Курманова» yields
    «Айнура Курманова» for a woman and «Айнур Курманов» for a man in the
    genitive). For an organisation or place the head noun and the adjectives
    before it are put in the nominative and the words after it (genitive
    dependents, quoted names) stay as written: «Жезказганского медеплавильного
    завода» → «Жезказганский медеплавильный завод», «Комитета за Рабочий
    Интернационал» → «Комитет за Рабочий Интернационал». The written form is
    among the candidates whenever the name may be indeclinable.
    """
    spans = words(text)
    if not spans or text[:1] in "«\"'“„" or not _CYRILLIC.search(text):
        return [text]
    out = _person_forms(text, spans) if kind == "PER" else _phrase_forms(text, spans)
    seen: dict[str, None] = {}
    for form in [*out, text]:
        seen.setdefault(form, None)
    return list(seen)


# ----------------------------------------------------------------------------- persons


#: A Russian surname with a case ending (Серикбаеву, Курмановой): declined, known or not.
_RUSSIAN_SURNAME = re.compile(r"(?:ов|ев|ёв|ин|ын|ск|цк)(?:а|у|ым|ом|е|ой|ою|ой|ую|ого|ому|ым)$")


def _foreign_indeclinable(word: str) -> bool:
    """A name the dictionary does not know that ends in и, о or э (Спейси, Джоли, Бардо).

    Foreign names so ending are not declined in Russian, so the written form is
    the name («Спейси» is not «Спейся» in the genitive). Endings that are also
    Russian case endings of consonant stems (Сноудене, Сноудену) are left to the
    dictionary's readings.
    """
    lower = word.lower()
    return lower[-1:] in "иеоуюэ" and not is_known(lower) and not _RUSSIAN_SURNAME.search(lower)


def _person_forms(text: str, spans: list[tuple[int, int, str]]) -> list[str]:
    inflectable = [
        i for i, (_, _, w) in enumerate(spans) if not _fixed(w) and not _foreign_indeclinable(w)
    ]
    if not inflectable:
        return [text]
    options: dict[int, list] = {}
    for i in inflectable:
        nouns = [
            p for p in parses(spans[i][2].lower()) if p.tag.POS == "NOUN" and p.tag.number != "plur"
        ]
        person = [p for p in nouns if PERSON_TAGS & p.tag.grammemes]
        surname = [p for p in person if "Surn" in p.tag.grammemes]
        # A person named by one word is named by the surname («Токаева» is Токаев in the
        # genitive far more often than a woman called Токаева by her first name).
        options[i] = (surname if len(inflectable) == 1 else []) or person or nouns
    inflectable = [i for i in inflectable if options[i]]  # no noun reading: keep as written
    if not inflectable:
        return [text]
    readings: list[tuple[float, dict[int, str]]] = []
    for gender in ("masc", "femn"):
        for case in CASES:
            score, forms, guessed = _CASE_PRIOR[case], {}, 0
            for i in inflectable:
                fitting = [
                    p
                    for p in options[i]
                    if (p.tag.case == case or "Fixd" in p.tag.grammemes)
                    and (p.tag.gender in (gender, None) or "ms-f" in p.tag.grammemes)
                ]
                if not fitting and gender == "masc":
                    # «Манделы», «Никиты»: a man's name declined like «мама» (Мандела, Фома)
                    # is read as feminine when the dictionary only guesses at it.
                    fitting = [
                        p
                        for p in options[i]
                        if p.tag.case == case
                        and p.normal_form[-1:] in "ая"
                        and "Name" not in p.tag.grammemes
                        and not is_known(spans[i][2].lower())
                    ]
                if fitting:
                    best = max(fitting, key=lambda p: p.score)
                    lemma = best.inflect({"nomn"}) if best.tag.case != "nomn" else best
                    forms[i] = (
                        (lemma.word if lemma else best.word)
                        if "Fixd" not in best.tag.grammemes
                        else spans[i][2].lower()
                    )
                    score *= max(best.score, 1e-3)
                    continue
                stem = _masc_stem(spans[i][2], case) if gender == "masc" else None
                last = spans[i][2][-1:].lower()
                if stem is None and (
                    last in "иеоуюэ"
                    or (gender == "femn" and i > 0 and last not in _VOWELS and last.isalpha())
                ):
                    # No reading of «Фриске» fits «Жанны»: a foreign surname, not declined;
                    # nor do a woman's surnames ending in a consonant decline («Анны Франк»,
                    # «Юлии Скрипаль», «Серены Уильямс»).
                    stem = spans[i][2].lower()
                if stem is None:
                    break
                forms[i] = stem
                guessed += 1
                score *= 1e-3
            else:
                if guessed < len(inflectable):
                    readings.append((score, forms))
    # Readings that give the same name add up (Токаев in the genitive and in the accusative).
    totals: dict[str, float] = {}
    for score, forms in readings:
        name = _replace(text, spans, forms)
        totals[name] = totals.get(name, 0.0) + score
    return sorted(totals, key=lambda name: -totals[name]) or [text]


_ADJ_CASE_ENDING = re.compile(
    r"(?:ого|его|ому|ему|ыми|ими|ой|ей|ую|юю|ая|яя|ое|ее|ые|ие|ых|их|ым|им|ом|ем|ый|ий)$"
)


def _adjective_nominative(word: str, readings: list, want: set[str]) -> str:
    """An adjective of a name put in the nominative, keeping its own stem.

    pymorphy reads «Высшей» only as the superlative of «высокий», and inflecting
    that reading gives «Высочайшая»: a name is not reworded. Readings that are
    not comparative or superlative come first; an inflection that changes the
    written stem is replaced by the nominative ending on that stem («высшая»).
    """
    plain = sorted(readings, key=lambda a: bool({"Supr", "Cmp2", "COMP"} & a.tag.grammemes))
    stem = _ADJ_CASE_ENDING.sub("", word)
    for reading in plain:
        inflected = reading.inflect(want)
        if inflected is not None and inflected.word.startswith(stem):
            return inflected.word
    if stem == word:
        return word
    soft = word[len(stem) : len(stem) + 1] in "иеяю" and stem[-1:] not in "жшчщгкхц"
    hushing = stem[-1:] in "жшчщгкх"
    if "plur" in want:
        ending = "ие" if soft or hushing else "ые"
    elif "femn" in want:
        ending = "яя" if soft else "ая"
    elif "neut" in want:
        ending = "ее" if soft or stem[-1:] in "жшчщ" else "ое"
    else:
        ending = "ий" if soft or hushing else "ый"
    return stem + ending


def _masc_stem(word: str, case: str) -> str | None:
    """A man's first name in ``case`` put back in the nominative (Айнура → Айнур), or None."""
    if case == "nomn":
        return None
    lower = word.lower()
    for ending in _MASC_ENDINGS.get(case, ()):
        stem = lower[: -len(ending)]
        if lower.endswith(ending) and len(stem) >= 3 and stem[-1] not in _VOWELS:
            if ending in ("я", "ю", "ем"):
                stem += "ь"  # Игоря, Скрипаля → Игорь, Скрипаль (a vowel stem never gets here)
            return stem
    return None


# ----------------------------------------------------------------------------- phrases


def _phrase_forms(text: str, spans: list[tuple[int, int, str]]) -> list[str]:
    head = None
    for i, (_, _, word) in enumerate(spans):
        if _fixed(word):
            if i == 0:
                return [text]  # «СДК», «ЦК профсоюза»: an acronym heads the name
            break
        if i + 1 < len(spans) and any(p.tag.POS in _ADJECTIVES for p in parses(word.lower())):
            continue  # an adjective before its noun: «Жезказганского медеплавильного завода»
        head = i
        break
    if head is None:
        return [text]
    head_word = spans[head][2].lower()
    known = is_known(head_word)
    if len(spans) == 1 and not known and _ADJECTIVE_ENDING.search(head_word):
        # «Мангистауской» alone: the noun it agrees with («области») is cut off, and
        # read as a noun it would become «Мангистауска». Keep it an adjective.
        adjective = [p for p in parses(head_word) if p.tag.POS == "ADJF" and p.tag.number == "sing"]
        if adjective:
            genders = {p.tag.gender for p in adjective}
            gender = "masc" if "masc" in genders else adjective[0].tag.gender or "masc"
            best = next(p for p in adjective if p.tag.gender in (gender, None))
            nominative = best.inflect({"nomn", "sing", gender})
            if nominative is not None:
                return [_replace(text, spans, {head: nominative.word}), text]
    singular_reading = any(
        p.tag.POS == "NOUN" and p.tag.number != "plur" for p in parses(head_word)
    )
    out: list[tuple[int, float, str]] = []
    lemma = _name_lemma(spans[0][2]) if head == 0 and not known else None
    if lemma is not None:
        # A name the dictionary does not know: the project's lemma comes first (one lemma
        # for tokens, demands and entities: «Жанаозена», «Ньюарка» → Жанаозен, Ньюарк).
        out.append((0, -2.0, _replace(text, spans, {0: lemma})))
    for p in parses(head_word):
        if p.tag.POS != "NOUN":
            continue
        # An unknown word is read as plural only when nothing else fits («Жанаозен» is not
        # the genitive plural of «Жанаозня»); the written form ranks above such guesses.
        rank = 1 if (not known and p.tag.number == "plur" and not singular_reading) else 0
        if "Fixd" in p.tag.grammemes or p.tag.case == "nomn":
            out.append((rank, -p.score, text))
            continue
        nominative = p.inflect({"nomn"})
        if nominative is None:
            continue
        if not known and not _plausible_lemma(nominative.word):
            out.append((rank, -p.score, text))
            continue
        forms: dict[int, str] = {head: nominative.word}
        agree = True
        for j in range(head):
            adj = [
                a
                for a in parses(spans[j][2].lower())
                if a.tag.POS in _ADJECTIVES
                and a.tag.case == p.tag.case
                and a.tag.number == p.tag.number
                and (p.tag.number == "plur" or a.tag.gender in (p.tag.gender, None))
            ]
            if not adj:
                agree = False
                break
            want = {"nomn", p.tag.number}
            if p.tag.number == "sing" and p.tag.gender:
                want.add(p.tag.gender)
            forms[j] = _adjective_nominative(spans[j][2].lower(), adj, want)
        if agree:
            out.append((rank, -p.score, _replace(text, spans, forms)))
    if not known:
        out.append((1, 0.0, text))
    out.sort(key=lambda r: (r[0], r[1]))
    return [form for _, _, form in out] or [text]
