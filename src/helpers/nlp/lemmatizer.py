"""Russian lemmas for word forms: pymorphy3 plus rules for names it does not know.

pymorphy3 knows Russian words, common names and the larger places, but this
corpus is full of Kazakh towns, companies and surnames that are not in its
dictionary. For those it *guesses* from the word's ending, and the guess is
often a Russian common word: «Жанаозен» becomes the adjective «жанаозный»,
«Жезказгана» the participle «жезказгать». A reader notices at once.

:class:`Lemmatizer` keeps pymorphy3's answer for ordinary words and applies
one general rule to capitalised words it does not find in its dictionary:
such a word is a name, and a name's lemma is its nominative, reached by
stripping a Russian case ending (see :meth:`Lemmatizer._name_lemma`):

* surnames in -ов/-ев/-ин/-ын lose their case ending and take the masculine
  form (Курманова, Курмановым, Ахметовой → курманов, ахметов), as pymorphy
  does for the surnames it knows (Назарбаева → назарбаев);
* a name ending in a consonant is already nominative (Жанаозен, Шымкент);
* otherwise a case ending is stripped when pymorphy's own noun hypotheses
  offer the consonant stem as a nominative (Жанаозене, Жезказгана,
  Казахмыса, Шымкента → жанаозен, жезказган, казахмыс, шымкент), and a name
  pymorphy reads as indeclinable stays as written (Актобе, Темиртау).

Abbreviations (an all-capital word pymorphy does not know, such as СДК, ЖМЗ,
КРИ) stay one lemma, lower-cased like every other lemma. Residual cases the
rule cannot decide (an indeclinable name that looks inflected, such as
Шетпе) go in the editable file ``data/lemma_overrides.txt``.

Every lemma is computed once per word form and cached, and the analyser uses
pymorphy3's C DAWG reader (package ``DAWG2``), about five times faster than
the pure-Python reader it falls back to.
"""

from __future__ import annotations

import re
import warnings
from functools import cache, lru_cache
from pathlib import Path

import numpy as np
import pymorphy3

from helpers.cache import code_version, content_hash, watched
from helpers.paths import DATA_DIR

__all__ = [
    "LEMMA_OVERRIDES_FILE",
    "Lemmatizer",
    "c_dawg_in_use",
    "contextual_lemmas",
    "get_lemmatizer",
    "is_abbreviation_shape",
    "is_known",
    "lemmatizer_version",
    "load_overrides",
    "morph_analyzer",
    "parses",
]

#: Editable ``form lemma`` pairs applied before any rule (one pair a line, ``#`` comments).
LEMMA_OVERRIDES_FILE = DATA_DIR / "lemma_overrides.txt"

#: pymorphy3 grammemes that mark a proper name.
NAME_GRAMMEMES = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"})

# Pieces of the name rule.
_VOWELS = set("аеёиоуыэюя")
#: A surname in the nominative: Токаев, Колобков, Серикбаев, Путин, Ахметов.
_NOMINATIVE_SURNAME = re.compile(r"^\w{3,}(?:ов|ев|ёв|ин|ын)$")
_SURNAME = re.compile(r"^(?P<stem>\w{2,}?(?:ов|ев|ёв|ин|ын))(?:а|у|ым|ом|е|ой|ою|ы|ых|ыми)$")
#: Adjectives made from names (Жезказганского, Мангистауской): lemma from pymorphy's guess.
_PLACE_ADJECTIVE = re.compile(r"[сц]к(?:ий|ого|ому|им|ом|ая|ой|ую|ое|ие|их|ими)$")
_INSTRUMENTAL = ("ом", "ем", "ём")
_SINGLE_VOWEL_ENDINGS = ("а", "я", "у", "ю", "е", "ы", "и")
#: An all-capital word of at most this many letters (or with no vowel) can be an abbreviation.
ABBREVIATION_MAX_LETTERS = 4


def is_abbreviation_shape(word: str) -> bool:
    """True when ``word`` is short enough to be an abbreviation when written in capitals.

    The project's one definition: at most :data:`ABBREVIATION_MAX_LETTERS`
    letters (hyphens not counted: СДК, МВД, ЕАЭС) or no vowel at all
    (a run of consonants such as «ВЛКСМ»). Whether it *is* one also
    needs the capitals: the lemmatizer checks the form, :func:`helpers.words.lemma_labels`
    how the word is usually written.
    """
    letters = word.replace("-", "").lower()
    return bool(letters) and (
        len(letters) <= ABBREVIATION_MAX_LETTERS or not _VOWELS & set(letters)
    )


def c_dawg_in_use(morph: pymorphy3.MorphAnalyzer) -> bool:
    """True when ``morph`` reads its dictionary with the DAWG2 C extension."""
    words = morph.dictionary.words
    return any(cls.__module__ == "dawg" for cls in type(words).__mro__)


@cache
def morph_analyzer() -> pymorphy3.MorphAnalyzer:
    """The one pymorphy3 analyser of the process (building it takes about a second)."""
    morph = pymorphy3.MorphAnalyzer()
    if not c_dawg_in_use(morph):
        warnings.warn(
            "pymorphy3 is using the pure-Python DAWG reader (package DAWG2 missing): "
            "lemmatisation is about five times slower; install 'pymorphy3[fast]'",
            RuntimeWarning,
            stacklevel=2,
        )
    return morph


def parse_word(morph: pymorphy3.MorphAnalyzer, word: str) -> list:
    """``morph.parse(word)``, never raising: the one call into pymorphy3's parser.

    pymorphy3 raises ``ValueError`` on a word that starts with a letter Unicode
    gives no name (U+17000 «𗀀», found by the property tests); such a word gets
    one unknown-word parse («UNKN», itself as its lemma), as pymorphy3 gives
    any other word it cannot read.
    """
    try:
        return morph.parse(word)
    except ValueError:
        unknown = morph.parse("ыы")[0]  # an unknown-word parse to copy the UNKN tag from
        tag = morph.TagClass("UNKN")
        return [unknown._replace(word=word, tag=tag, normal_form=word, methods_stack=())]


@lru_cache(maxsize=300_000)
def parses(word: str) -> tuple:
    """pymorphy3's analyses of a word form, as given (callers lower-case it); cached.

    The one way the capabilities see pymorphy's grammar (case, number,
    grammemes, ``inflect``) when they need more than a lemma.
    """
    return tuple(parse_word(morph_analyzer(), word))


@lru_cache(maxsize=300_000)
def is_known(word: str) -> bool:
    """Whether pymorphy3's dictionary has the word form (not only a guess from its ending)."""
    return morph_analyzer().word_is_known(word)


def _is_dictionary_parse(parse) -> bool:
    """True when pymorphy found the word itself in its dictionary (not a guess)."""
    stack = parse.methods_stack
    return len(stack) == 1 and type(stack[0][0]).__name__ == "DictionaryAnalyzer"


def _parse_overrides(data: bytes, path: Path) -> dict[str, str]:
    """Parse ``form lemma`` lines; blank lines and ``#`` comments are skipped."""
    overrides: dict[str, str] = {}
    for number, line in enumerate(data.decode("utf-8").splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        parts = line.split()
        if len(parts) != 2:
            raise ValueError(f"{path}:{number}: expected 'form lemma', got {line!r}")
        overrides[parts[0].lower()] = parts[1].lower()
    return overrides


_NO_OVERRIDES: dict[str, str] = {}


def load_overrides(path: str | Path | None = None) -> dict[str, str]:
    """The lemma overrides file (default :data:`LEMMA_OVERRIDES_FILE`), as ``{form: lemma}``.

    Parsed once per content: the file is checked on every call (a ``stat``)
    and read again when it changed, so an edit made while a kernel runs is
    used by the next :func:`get_lemmatizer`. A missing file means no overrides.
    The same dict object is returned while the content is unchanged.
    """
    file = Path(path) if path is not None else LEMMA_OVERRIDES_FILE
    try:
        overrides, _ = watched(file, _parse_overrides)
    except FileNotFoundError:
        return _NO_OVERRIDES
    return overrides


class Lemmatizer:
    """Lemma and part of speech for one word form, cached per form.

    ``lemmatize(form)`` returns ``(lemma, pos)``. Lemmas are lower case.
    ``pos`` is pymorphy3's part of speech (``NOUN``, ``VERB``, ``ADJF`` ...),
    ``ABBR`` for an abbreviation pymorphy does not know, ``LATN`` for a
    word in Latin letters and ``LETTER`` for an initial or a piece of an
    abbreviation such as «т. е.». The result depends only on the form as written
    (capitalisation matters: «Жанаозене» is read as a name), so it is cached
    per form; a corpus of millions of tokens has only tens of thousands of
    distinct forms.
    """

    def __init__(
        self,
        morph: pymorphy3.MorphAnalyzer | None = None,
        overrides: dict[str, str] | None = None,
    ):
        self.morph = morph if morph is not None else morph_analyzer()
        self.overrides = load_overrides() if overrides is None else overrides
        #: A hash of the overrides this lemmatizer applies (part of every lemma cache key).
        self.overrides_digest = content_hash(self.overrides)
        self._cache: dict[str, tuple[str, str]] = {}
        self._parses: dict[str, list] = {}

    def _parse(self, lower: str) -> list:
        """pymorphy3's parses, once per lower-cased word («Рабочие» and «рабочие» share them)."""
        parses = self._parses.get(lower)
        if parses is None:
            parses = self._parses[lower] = parse_word(self.morph, lower)
        return parses

    def lemmatize(self, form: str) -> tuple[str, str]:
        """Return ``(lemma, pos)`` for a word form (letters, maybe hyphenated)."""
        try:
            return self._cache[form]
        except KeyError:
            result = self._cache[form] = self._lemmatize(form)
            return result

    def lemma(self, form: str) -> str:
        """The lemma alone."""
        return self.lemmatize(form)[0]

    # ------------------------------------------------------------------ rules

    def _lemmatize(self, form: str) -> tuple[str, str]:
        lower = form.lower()
        if lower in self.overrides:
            return self.overrides[lower], "NOUN"
        if lower.isascii():
            return lower, "LATN"
        parses = self._parse(lower)
        if len(lower) == 1:
            # A letter is its own lemma: pymorphy reads the «т» of «т. е.» as «так».
            # Prepositions and conjunctions (в, с, и, а) keep their part of speech;
            # initials and abbreviation pieces are LETTER.
            best = parses[0]
            pos = best.tag.POS if best.normal_form == lower and best.tag.POS else "LETTER"
            return lower, str(pos)
        is_caps = form.isupper()
        is_capitalised = form[0].isupper() and not is_caps
        if not (is_caps or is_capitalised):
            best = parses[0]
            return best.normal_form, str(best.tag.POS or "X")

        known = [p for p in parses if _is_dictionary_parse(p)]
        if known and is_capitalised and (surname := self._nominative_surname(lower, known)):
            return surname, "NOUN"
        if known:
            best = known[0]
            if is_capitalised and best.tag.POS == "NOUN":
                # «Марка» mid-sentence is the name Марк; but «Тем» is тот, not the name Тёма.
                names = [p for p in known if p.tag.grammemes & NAME_GRAMMEMES]
                best = names[0] if names else best
            return best.normal_form, str(best.tag.POS or "X")
        if is_caps and is_abbreviation_shape(lower):
            return lower, "ABBR"
        if "-" in lower:
            # Hyphenated words pymorphy splits itself (рабочих-нефтяников).
            best = parses[0]
            return best.normal_form, str(best.tag.POS or "X")
        return self._name_lemma(lower, parses)

    @staticmethod
    def _nominative_surname(word: str, known: list) -> str | None:
        """A capitalised «-ов/-ев/-ин» word read as a surname in the nominative, or None.

        pymorphy reads «Токаев» as the genitive plural of «токай», «Колобков» of
        «колобок», «Ахметов» first as the genitive plural of the name Ахмет; but
        a capitalised word of this shape is a man's surname, as its case forms
        (Токаева, Токаеву → токаев) already are. A dictionary surname in the
        nominative wins; otherwise, when the dictionary knows the form only as
        a plural, the word itself is the lemma. At the start of a sentence the
        capital is no evidence: :func:`contextual_lemmas` decides there.
        """
        if not _NOMINATIVE_SURNAME.match(word):
            return None
        for p in known:
            if "Surn" in p.tag.grammemes and p.tag.case == "nomn" and p.tag.number == "sing":
                return p.normal_form
        nouns = [p for p in known if p.tag.POS == "NOUN"]
        if nouns and all(p.tag.number == "plur" for p in nouns) and len(nouns) == len(known):
            return word
        return None

    @staticmethod
    def _name_lemma(word: str, parses) -> tuple[str, str]:
        """Nominative of a capitalised word pymorphy only guessed at (see module docstring)."""
        if match := _SURNAME.match(word):
            return match.group("stem"), "NOUN"
        if _PLACE_ADJECTIVE.search(word):
            adjectives = [p for p in parses if p.tag.POS == "ADJF"]
            if adjectives:
                return adjectives[0].normal_form, "ADJF"  # Мангистауской → мангистауский
        nouns = [p for p in parses if p.tag.POS == "NOUN"]
        nominatives = {p.normal_form for p in nouns}
        if word[-1] not in _VOWELS:
            for ending in _INSTRUMENTAL:
                stem = word[: -len(ending)]
                if word.endswith(ending) and len(stem) >= 3 and stem in nominatives:
                    return stem, "NOUN"
            return word, "NOUN"
        if word.endswith(_SINGLE_VOWEL_ENDINGS):
            stem = word[:-1]
            for candidate in (stem, stem + "й", stem + "ь"):
                if candidate in nominatives and candidate[-1] not in _VOWELS:
                    return candidate, "NOUN"
        # No consonant stem on offer: an indeclinable name (Актобе, Сапаргали).
        return word, "NOUN"


_FEMININE_SURNAME_FORM = re.compile(r"(?:ов|ев|ёв|ин|ын)(?:а|ой|ою|у)$")
_SURNAME_LEMMA = re.compile(r"(?:ов|ев|ёв|ин|ын)$")
_PROPER = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"})


def _common_reading(lemmatizer: Lemmatizer, form: str, lemma: str) -> str | None:
    """The lemma of a capitalised ``form`` read as an ordinary word, where that differs."""
    if not (form[:1].isupper() and not form.isupper()):
        return None
    lower = form.lower()
    if lower in lemmatizer.overrides:
        return None
    known = [p for p in lemmatizer._parse(lower) if _is_dictionary_parse(p)]
    if not known or any(p.tag.grammemes & _PROPER for p in known):
        return None
    common = known[0].normal_form
    return common if common != lemma else None


def _noun_reading(lemmatizer: Lemmatizer, form: str, lemma: str, pos: str) -> tuple | None:
    """(noun lemma, agreeing parses) for a participle or adjective that is also a noun.

    «данные» is first the participle of «дать», «данным» the adjective «данный»;
    both are also the noun «данные». Returns None for words without such a noun.
    """
    if pos not in ("PRTF", "ADJF") or not form[1:].islower():
        return None
    parses = lemmatizer._parse(form.lower())
    nouns = [
        p
        for p in parses
        if p.tag.POS == "NOUN" and p.normal_form != lemma and _is_dictionary_parse(p)
    ]
    if not nouns:
        return None
    modifiers = [p for p in parses if p.tag.POS in ("PRTF", "ADJF")]
    return nouns[0].normal_form, modifiers


def _agrees(lemmatizer: Lemmatizer, modifiers: list, next_form: str | None) -> bool:
    """Whether the next word is a noun or adjective a modifier reading can agree with."""
    if not next_form or not next_form[:1].isalpha():
        return False
    for p in lemmatizer._parse(next_form.lower()):
        if p.tag.POS not in ("NOUN", "ADJF", "PRTF"):
            continue
        for m in modifiers:
            if m.tag.case == p.tag.case and m.tag.number == p.tag.number:
                return True
    return False


def contextual_lemmas(
    lemmatizer: Lemmatizer,
    vocabulary: list[str],
    lemmas: list[tuple[str, str]],
    forms: list[int],
    sents: list[int],
    words: list[bool],
) -> dict[int, tuple[str, str]]:
    """Token index -> (lemma, pos) where the words around a token change its lemma.

    ``vocabulary[k]`` is a distinct form with per-form ``lemmas[k]``;
    ``forms``, ``sents`` and ``words`` are per token (form index, a key that
    differs between sentences, whether the form is a word). Three rules, each
    on evidence in the text:

    * **sentence start**: a capital is no evidence of a name in the first word
      of a sentence: «Домов не хватает» is дом. A capitalised form read as a
      name is read as the ordinary word there, unless the corpus writes the same
      form with a capital inside a sentence, another capitalised form of it has
      the same lemma (Токаева, Токаеву → токаев), or the next word is capitalised;
    * **women's surnames**: «Курманова», «Курмановой» after a woman's first name
      (Анна, Айгуль) is the surname курманова, not курманов in the genitive
      (unless the corpus also writes the name without its «а», as Айнур/Айнура);
    * **substantivised participles**: «данные», «данным» are the noun данные
      unless the next word is a noun or adjective they agree with («данные
      сведения» stays the participle).
    """
    forms_arr = np.asarray(forms, dtype=np.int64)
    sents_arr = np.asarray(sents, dtype=np.int64)
    words_arr = np.asarray(words, dtype=bool)
    n = len(forms_arr)
    word_at = np.flatnonzero(words_arr)
    first_word = np.zeros(n, dtype=bool)
    if len(word_at):
        sent_of = sents_arr[word_at]
        first_word[word_at[np.r_[True, sent_of[1:] != sent_of[:-1]]]] = True
    common: dict[int, str] = {}
    feminine: set[int] = set()
    nouns: dict[int, tuple] = {}
    female_names: set[int] = set()
    written = set(vocabulary)
    for k, form in enumerate(vocabulary):
        lemma, pos = lemmas[k]
        if not form[:1].isalpha():
            continue
        if (reading := _common_reading(lemmatizer, form, lemma)) is not None:
            common[k] = reading
        if (
            form[:1].isupper()
            and _FEMININE_SURNAME_FORM.search(form.lower())
            and _SURNAME_LEMMA.search(lemma)
        ):
            feminine.add(k)
        if form[:1].isupper():
            parses = [p for p in lemmatizer._parse(form.lower()) if _is_dictionary_parse(p)]
            names = [p for p in parses if "Name" in p.tag.grammemes]
            # «Айнура» is a woman's name, or the man's name Айнур in the genitive when the
            # corpus writes «Айнур» too.
            if names and all(p.tag.gender == "femn" for p in names) and form[:-1] not in written:
                female_names.add(k)
        if (reading := _noun_reading(lemmatizer, form, lemma, pos)) is not None:
            nouns[k] = reading
    out: dict[int, tuple[str, str]] = {}
    if not (common or feminine or nouns):
        return out
    capital = np.fromiter((v[:1].isupper() for v in vocabulary), bool, len(vocabulary))
    inside = words_arr & ~first_word & capital[forms_arr]
    mid_forms = set(np.unique(forms_arr[inside]).tolist())
    mid_lemmas = {lemmas[k][0] for k in mid_forms}
    wanted = np.fromiter(
        (k in common or k in feminine or k in nouns for k in range(len(vocabulary))),
        bool,
        len(vocabulary),
    )
    sents, words = sents_arr, words_arr

    def next_word(i: int) -> str | None:
        j = i + 1
        if j < n and sents[j] == sents[i] and words[j]:
            return vocabulary[forms[j]]
        return None

    for i in np.flatnonzero(wanted[forms_arr] & words_arr).tolist():
        k = forms[i]
        if k in common and first_word[i] and k not in mid_forms:
            following = next_word(i)
            if lemmas[k][0] not in mid_lemmas and not (following and following[:1].isupper()):
                word = vocabulary[k].lower()
                out[i] = (common[k], str(lemmatizer._parse(word)[0].tag.POS or "X"))
                continue
        previous_female = i > 0 and words[i - 1] and sents[i - 1] == sents[i]
        if k in feminine and previous_female and forms[i - 1] in female_names:
            out[i] = (lemmas[k][0] + "а", "NOUN")
            continue
        if k in nouns:
            noun, modifiers = nouns[k]
            if not _agrees(lemmatizer, modifiers, next_word(i)):
                out[i] = (noun, "NOUN")
    return out


_SHARED: list[Lemmatizer] = []


def get_lemmatizer() -> Lemmatizer:
    """The shared :class:`Lemmatizer` (its cache grows with every corpus it sees).

    Rebuilt, with the same pymorphy3 analyser, when the overrides file's
    content changed since it was built: anything that memoises lemmas must
    key on the lemmatizer object (or its :attr:`~Lemmatizer.overrides_digest`).
    """
    overrides = load_overrides()
    if not _SHARED or _SHARED[0].overrides is not overrides:
        _SHARED[:] = [Lemmatizer(overrides=overrides)]
    return _SHARED[0]


def lemmatizer_version(lemmatizer: Lemmatizer | None = None) -> str:
    """Changes whenever a lemma could: this module's code, the overrides, the dictionary.

    The overrides are those ``lemmatizer`` applies (default: the shared one,
    as just reloaded), never a second reading of the file. Caches of anything
    built from lemmas (tokens, demand actions, entity forms) put it in their key.
    """
    import sys
    from importlib.metadata import version

    lemmatizer = lemmatizer or get_lemmatizer()
    extra = lemmatizer.overrides_digest + version("pymorphy3-dicts-ru")
    return code_version(sys.modules[__name__], extra=extra)
