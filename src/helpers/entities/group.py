"""From mentions to entities: one ``canonical`` name for every way a text refers to one thing.

Within a document, in this order:

1. **Dictionary form, chosen by the document.** Each mention has candidate
   dictionary forms (:func:`helpers.entities.morph.normal_forms`). If the
   document itself writes one of them elsewhere («Айнур Курманов» in the
   nominative, «Сатпаев», «Жанаозен»), that one wins; otherwise the most likely.
2. **One person, one name.** The document's full names of one person are
   shown under one spelling (:func:`_document_people`: «Жанне Фриске»,
   «Жанна Владимировна Фриске» → «Жанна Фриске»). A one-word person (or one
   with initials) joins the only person in the document with that surname
   («Курманов», «А. Курманов» → «Айнур Курманов»), or that first name; a
   surname several people share joins the one the text last named who fits
   (:func:`_last_named`: «Кастро» after «Рауль Кастро»); a name in brackets
   after another is that one («Джон Макафи (John McAfee)»).
3. **Alias table.** ``helpers/data/entity_aliases.tsv`` maps abbreviations and
   other names to one canonical name (СДК → Социалистическое движение Казахстана).
   Matching ignores case and ё/е.

Across documents (:func:`group_corpus`), spellings of one name are shown
under the most frequent one, and a person's other spellings, a surname
alone and an acronym join the name they stand for.
"""

from __future__ import annotations

import csv
import hashlib
import itertools
import os
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from helpers.entities.context import role_parse, verb_gender
from helpers.entities.morph import fold, is_known, normal_forms, parses, words
from helpers.nlp import segment
from helpers.paths import DATA_DIR

__all__ = [
    "ALIASES_PATH",
    "AliasTable",
    "corpus_key",
    "group_corpus",
    "load_aliases",
    "resolve_document",
]

ALIASES_PATH = DATA_DIR / "entity_aliases.tsv"
TYPES = ("PER", "ORG", "LOC")


@dataclass(frozen=True)
class AliasTable:
    """The alias table as lookups, with a hash of its content for cache keys."""

    canonical: dict[str, str]  # fold(alias or canonical) -> canonical
    types: dict[str, str]  # fold(canonical) -> type, where the table gives one
    digest: str
    frame: pd.DataFrame

    def lookup(self, name: str) -> tuple[str, str | None] | None:
        """(canonical, type or None) for ``name``, or None if the table does not list it."""
        found = self.canonical.get(fold(name))
        if found is None:
            return None
        return found, self.types.get(fold(found))


def load_aliases(source: str | os.PathLike[str] | pd.DataFrame | None = None) -> AliasTable:
    """Read the alias table (default: the project's ``entity_aliases.tsv``).

    ``source`` may be another TSV file with the columns ``alias``,
    ``canonical``, ``type``, or a DataFrame with those columns. Lines starting
    with ``#`` are notes. A line with a missing name, an unknown type or an
    alias that already points elsewhere raises ``ValueError`` naming the line.
    """
    if isinstance(source, pd.DataFrame):
        frame = source.copy()
        origin = "the alias DataFrame"
        lines = list(range(2, len(frame) + 2))
    else:
        path = Path(source) if source is not None else ALIASES_PATH
        origin = str(path)
        with path.open(encoding="utf-8", newline="") as handle:
            numbered = [
                (n, line)
                for n, line in enumerate(handle, 1)
                if line.strip() and not line.lstrip().startswith("#")
            ]
        rows = list(csv.reader([line for _, line in numbered], delimiter="\t"))
        if not rows or [c.strip() for c in rows[0][:3]] != ["alias", "canonical", "type"]:
            raise ValueError(
                f"{origin}: first line must be the header 'alias<TAB>canonical<TAB>type'"
            )
        lines = [n for n, _ in numbered[1:]]
        frame = pd.DataFrame(
            [[*r, "", "", ""][:3] for r in rows[1:]], columns=["alias", "canonical", "type"]
        )
    for column in ("alias", "canonical", "type"):
        if column not in frame:
            raise ValueError(f"{origin}: no column {column!r}")
        frame[column] = frame[column].fillna("").astype(str).str.strip()
    canonical: dict[str, str] = {}
    from_alias: dict[str, str] = {}
    types: dict[str, str] = {}
    for line, row in zip(lines, frame.itertuples(index=False), strict=True):
        if not row.alias or not row.canonical:
            raise ValueError(f"{origin}, line {line}: alias and canonical must both be given")
        if row.type and row.type not in TYPES:
            raise ValueError(f"{origin}, line {line}: type {row.type!r} is not one of {TYPES}")
        key = fold(row.alias)
        if key in from_alias and from_alias[key] != row.canonical:
            raise ValueError(
                f"{origin}, line {line}: {row.alias!r} already stands for {from_alias[key]!r}"
            )
        from_alias[key] = row.canonical
        canonical[key] = row.canonical
        canonical.setdefault(fold(row.canonical), row.canonical)
        if row.type:
            types[fold(row.canonical)] = row.type
    payload = frame[["alias", "canonical", "type"]].to_csv(sep="\t", index=False)
    digest = hashlib.blake2b(payload.encode(), digest_size=8).hexdigest()
    return AliasTable(canonical, types, digest, frame.reset_index(drop=True))


def resolve_document(text: str, spans: list[tuple], aliases: AliasTable) -> list[dict]:
    """Give every fixed span of one document its ``normal`` form and ``canonical`` entity.

    ``spans`` are (start, stop, type, unit, fixed_by) tuples from
    :func:`helpers.entities.rules.fix_spans`. Returns one dict per mention.
    """
    rows = []
    for start, stop, kind, unit, fixed_by in spans:
        surface = text[start:stop]
        rows.append(
            {
                "start": start,
                "stop": stop,
                "text": surface,
                "type": kind,
                "unit": unit,
                "fixed_by": fixed_by,
                "candidates": [surface]
                if _quoted(text, start, stop)
                else normal_forms(surface, kind),
                "verb_gender": verb_gender(text, start, stop) if kind == "PER" else None,
            }
        )
    _choose_forms(rows)
    _join_surnames(text, rows)
    _join_short_names(rows)
    _join_glosses(text, rows)
    for row in rows:
        name = row.get("joined") or row["normal"]
        listed = (
            aliases.lookup(name)
            or aliases.lookup(row["text"])
            or aliases.lookup(_country_spelled_out(name, aliases))
            or next(filter(None, map(aliases.lookup, row["candidates"])), None)  # «Совфеда»
        )
        if listed:
            name, kind = listed
            if kind:
                row["type"] = kind
        elif row["type"] == "ORG":
            name = _country_spelled_out(name, aliases)  # «Правительство РФ» is «… России»
        row["canonical"] = name
        del row["candidates"], row["verb_gender"]
        row.pop("joined", None)
    return rows


def _join_glosses(text: str, rows: list[dict]) -> None:
    """A name in brackets right after a name of the same type is that entity, named again.

    «Брендт Кристенсен (Brendt Christensen)», «Фонда борьбы с коррупцией
    (ФБК)», «Шону Комбсу (Diddy)»: the text itself says the two are one.
    Not for places: a place in brackets is usually where the first one lies;
    nor for a description («(Киевская городская организация)»: a branch).
    """
    for before, row in itertools.pairwise(rows):
        if (
            row["type"] == before["type"] != "LOC"  # «Бостон (Массачусетс)» is two places
            and text[before["stop"] : row["start"]].strip() == "("
            # closed right after, or left open where natasha's span ended (rule ``gloss``)
            and (text[row["stop"] : row["stop"] + 1] == ")" or "gloss" in row["fixed_by"])
            and (row["type"] == "PER" or _names_again(before["normal"], row["text"]))
        ):
            row["joined"] = before.get("joined") or before["normal"]


def _names_again(name: str, gloss: str) -> bool:
    """Whether an organisation's bracketed ``gloss`` is another name of it, not another body.

    An acronym of it, either way («Фонд борьбы с коррупцией (ФБК)», «ОПЕК
    (Организация стран - экспортёров нефти)»), a compound abbreviation, the
    same name in Latin letters (the same consonants: «Газпром (Gazprom)») or
    in a script other than Latin or Cyrillic. «Каражанбасмунай (CITIC)» names
    its owner, «Рабочий фронт Украины (Киевская городская организация)» a
    branch: two organisations.
    """
    name, gloss = name.strip(), gloss.strip()
    if not any(ch.isalpha() for ch in gloss):
        return False
    if _is_acronym(gloss) and _abbreviated(name, gloss, set()) is not None:
        return True
    if _is_acronym(name) and _abbreviated(gloss, name, set()) is not None:
        return True
    if _is_compound(gloss) and _compounded(name, gloss, set()) is not None:
        return True
    if _LATIN_LETTER.search(gloss):
        return sound_skeleton(gloss) == sound_skeleton(name)
    return bool(_FOREIGN_LETTER.search(gloss))


#: A letter of a script other than Cyrillic and Latin (Chinese, Japanese…): an original spelling.
_FOREIGN_LETTER = re.compile(r"[^\W\d_А-Яа-яЁёA-Za-z]")


def _quoted(text: str, start: int, stop: int) -> bool:
    """A name in quotation marks that the dictionary does not know («Жанарту»): keep as written.

    Russian declines names in quotes («Казахмыса» → «Казахмыс»), but a foreign
    or Kazakh name ending in a vowel other than а/я is usually left as is, and
    guessing its case from the ending («Жанарту» → «Жанарта») does more harm
    than good.
    """
    if not (start > 0 and text[start - 1] in '«"“„' and text[stop : stop + 1] in '»"”“'):
        return False
    last = text[start:stop].rstrip()[-1:].lower()
    return last in "уюеиоыэ" and not all(is_known(w.lower()) for _, _, w in words(text[start:stop]))


def _choose_forms(rows: list[dict]) -> None:
    """Pick each mention's dictionary form with what the rest of the document writes.

    A candidate is supported by every other mention, written differently,
    whose text is that candidate («Айнур Курманов» supports it for «Айнура
    Курманова») or that has it among its own candidates («Сатпаева» supports
    «Сатпаев» as the form of «Сатпаев»). The best-supported candidate wins;
    without support, the most likely one.
    """
    by_surface: dict[str, set[str]] = {}
    for row in rows:
        by_surface.setdefault(fold(row["text"]), set()).update(fold(c) for c in row["candidates"])
    for row in rows:
        own = fold(row["text"])
        best, best_support = row["candidates"][0], 0
        for candidate in row["candidates"]:
            key = fold(candidate)
            support = sum(
                1
                for surface, cands in by_surface.items()
                if surface != own and (surface == key or key in cands)
            )
            if support > best_support:
                best, best_support = candidate, support
        row["normal"] = best


def _join_surnames(text: str, rows: list[dict]) -> None:
    """Each person's mentions in a document join one name.

    Full names of one person are shown under one spelling
    (:func:`_document_people`). A surname or first name alone joins the
    document's only person with it: every dictionary form of the lone name is
    tried, most likely first, so «Куйвашева» (a woman's name, or Куйвашев in
    the genitive) joins «Евгений Куйвашев» when he is the one the document
    names in full. A surname is tried before a first name («Юлия» joins «Юлия
    Липницкая» only when no full name of the document has the surname Юлия);
    then a surname in a case the dictionary could not read
    (:func:`_declined_match`), a misspelt one (:func:`_misspelt_match`), a
    declined surname beside one man and women of it (:func:`_the_man_of`),
    and last a surname several people share (:func:`_last_named`). A
    first name with a patronymic («Юлия Вячеславовна») joins the only person
    with that first name.
    """
    shown = _document_people(rows)
    alone = _lone_words(rows)
    full: dict[str, set[str]] = {}
    first: dict[str, set[str]] = {}
    for name, person in shown.items():
        given, surname, _ = person_key(name)
        full.setdefault(surname, set()).add(person)
        first.setdefault(given, set()).add(person)
    for row in rows:
        if row["type"] != "PER":
            continue
        if row["normal"] in shown:
            if shown[row["normal"]] != row["normal"]:
                row["joined"] = shown[row["normal"]]
            continue
        names = _names(row["normal"])[0]
        if _first_name_and_patronymic(row["normal"], alone):
            # «Юлия Вячеславовна»: the document's only person with that first name
            found = first.get(first_name_key(names[0]), set())
            if len(found) == 1:
                row["joined"] = next(iter(found))
            continue
        lone = [
            form
            for c in [row["normal"], *row["candidates"]]
            if len(_names(c)[0]) == 1
            for form in dict.fromkeys([c, _without_generation(c)])
        ]
        match = _only_match(lone, full)
        if match is None and not any(fold(_names(c)[0][0]) in full for c in lone):
            given = [c for c in lone if not _names(c)[1] and len(_names(c)[0][0]) >= 2]
            match = _only_match(given, first, first_name_key)
        base = _without_generation(lone[0]) if lone else ""
        if match is None and lone:
            match = _declined_match(base, full)
        if match is None and lone and not any(fold(_names(c)[0][0]) in full for c in lone):
            match = _misspelt_match(base, full)
        if match is None and lone:
            match = _the_man_of(row["text"], base, full)
        if match is None and lone and not _GENERATION.search(row["normal"]):
            # «Нургалиев-старший» tells two Нургалиевы apart: which one, only the text knows
            match = _last_named(text, row, rows, lone, full, shown)
        if match is not None:
            row["joined"] = match


_GENERATION = re.compile(r"-(?:младш|старш)(?:ий|его|ему|им|ем|ая|ей|ую)$", re.IGNORECASE)


def _without_generation(name: str) -> str:
    """A surname without «-младший» or «-старший» («Лукашенко-младший» → «Лукашенко»).

    The suffix tells a son from his father, or sisters apart, among people of
    one surname. It is tried after the name as written («Буш-младший» beside
    «Джордж Буш-младший»), then without it: the document's one Кампрад is
    «Кампрад-старший». Among several people of the surname it names none.
    """
    return _GENERATION.sub("", name) or name


def _the_man_of(written: str, name: str, full: dict[str, set[str]]) -> str | None:
    """The document's one man of a surname, the others women, when a declined form names one.

    A foreign surname ending in a consonant is declined for a man and not for
    a woman: «Визбора» beside «Юрий Визбор» and «Варвара Визбор» is his.
    """
    words_, initials = _names(name)
    surname = fold(words_[0]) if len(words_) == 1 and not initials else ""
    people = full.get(surname, set())
    text = fold(written)
    if len(people) < 2 or surname[-1:] in _VOWELS | {"ь", "й"} or not case_form_of(text, surname):
        return None
    genders = {p: _gender(person_key(p)[0]) for p in people}
    men = [p for p, g in genders.items() if g == "masc"]
    women = [p for p, g in genders.items() if g == "femn"]
    return men[0] if len(men) == 1 and len(women) == len(people) - 1 else None


def _last_named(
    text: str,
    row: dict,
    rows: list[dict],
    lone: list[str],
    full: dict[str, set[str]],
    shown: dict[str, str],
) -> str | None:
    """Of the document's people sharing a lone surname, the one last named in full before it.

    «Фидель Кастро … Рауль Кастро заявил… Кастро добавил»: a reader takes a
    surname alone for the person the text last named of those it can be, and
    so does this rule (the recency rule of coreference). Some are ruled out
    first: a declined form of a surname ending in a consonant is a man's
    («Абрамовича» is not Лея Абрамович's), and a past-tense verb whose subject
    is the surname in the nominative (:func:`verb_gender`) rules out the
    people of the other gender; people whose first name's gender is unknown
    («Канат») stay. When the verb leaves one person of its gender, that is
    the one, wherever the text names her («Рено поступила» is Джанет, though
    her brother Роберт was named last). Otherwise a surname alone before any
    full name of its people stays alone, and so does one after a sentence, or
    a list of names one per line, naming two of them («Александр Кличко и
    Алексей Кличко открыли кафе. Кличко рассказал…»). In a later paragraph
    than the last full name, the person the text is about wins: one named in
    full before the surname at least twice as often as the last named
    («Баффет» in a profile of Уоррен Баффет that named his son Говард a
    paragraph before).
    """
    surname = next((fold(c) for c in lone if len(full.get(fold(c), ())) >= 2), None)
    if surname is None:
        return None
    people = full[surname]
    genders = _genders(text, rows, people, shown)
    if surname[-1:] not in _VOWELS | {"ь", "й"} and case_form_of(fold(row["text"]), surname):
        people = {p for p in people if genders[p] != "femn"}
    said = row["verb_gender"] if fold(row["text"]) == surname else None
    if said:
        # people of the other gender are ruled out; of unknown gender («Канат»), not
        people = {p for p in people if genders[p] in (said, None)}
        if len(people) == 1 and genders[next(iter(people))] == said:
            return next(iter(people))
    named = [
        (other["start"], shown[other["normal"]])
        for other in rows
        if other["start"] < row["start"]
        and other["type"] == "PER"
        and shown.get(other["normal"]) in people
    ]
    if not named:
        return None
    at, last = named[-1]
    opening = _stretch_start(text, at)
    if any(person != last and start >= opening for start, person in named):
        return None  # two of them named in the last sentence (or list) that names one
    if _PARAGRAPH_BREAK.search(text, at, row["start"]):
        counts = Counter(person for _, person in named)
        top, n = counts.most_common(1)[0]
        if top != last and n >= 2 * counts[last]:
            return top
    return last


def _genders(text: str, rows: list[dict], people: set[str], shown: dict[str, str]) -> dict:
    """Each of ``people`` -> «masc», «femn» or None, by the first name or what the text says.

    The first name decides where the dictionary knows it (:func:`_gender`).
    A name it does not know («Салтанат», «Гульжан»: Kazakh women's names that
    end in a consonant) takes what the text says of the person named in full
    and written as the name's dictionary form (so in the nominative, not
    «Жена Каната Кима»): the gender of a verb whose subject the name is
    («Салтанат Ким заявила») or a feminine noun standing before it as a role
    («его жена Салтанат Ким», «активистка»). Masculine role nouns say
    nothing: «министр» is a woman's title too. Contradicting evidence leaves
    the gender unknown.
    """
    out = {p: _gender(person_key(p)[0]) for p in people}
    evidence: dict[str, set[str]] = {}
    for other in rows:
        person = shown.get(other["normal"]) if other["type"] == "PER" else None
        if person not in people or out[person] is not None:
            continue
        said = evidence.setdefault(person, set())
        if fold(other["text"]) != fold(other["normal"]):
            continue  # «Жена Каната Кима», «Активиста Каната Кима задержала»: not of him
        if other["verb_gender"]:
            said.add(other["verb_gender"])
        head = role_parse(text, other["start"])[1]
        if head is not None and head.tag.gender == "femn":
            said.add("femn")
    for person, said in evidence.items():
        if len(said) == 1:
            out[person] = next(iter(said))
    return out


#: A full stop, «!», «?» or «…», then any closing quotes or brackets.
_STOP = r"[.!?…][»\"”’)\]]*"
_BLANK_LINE = r"\n[^\S\n]*\n"
#: A stretch of names ends with a stop, or a colon (a list's header) or a semicolon.
_ENDS_STRETCH = re.compile(rf"(?:{_STOP}|[:;])\s*$")
#: A blank line, or a line break after a stop: news exports write a paragraph on one
#: line, so a single line break ends one too (a list of names has no stops).
_PARAGRAPH_BREAK = re.compile(rf"{_BLANK_LINE}|{_STOP}[^\S\n]*\n")


def _stretch_start(text: str, at: int) -> int:
    """Where the sentence holding ``at`` starts, run back over sentences that end unstopped.

    The project's sentence cut (:mod:`helpers.nlp.segment`, razdel inside each
    line) keeps «род. в 1926 г.» inside its sentence but makes each line one:
    a list of names, one per line («Обращение подписали:⏎Канат Ермеков⏎Айгуль
    Ермекова»), is one stretch here, since its lines end with no stop. A
    stop, a colon or a semicolon, maybe before a closing quote or bracket
    («Мы не уйдём!»»), ends a stretch, and so does a blank line (a headline
    above its paragraph).
    """
    spans = segment.sentences(text)
    if not spans:
        return 0
    _, sent = segment.locate(text, (at,))
    k = int(sent[0])
    while (
        k > 0
        and not _ENDS_STRETCH.search(text, spans[k - 1][1], spans[k - 1][2])
        and not re.search(_BLANK_LINE, text[spans[k - 1][2] : spans[k][1]])
    ):
        k -= 1
    return spans[k][1]


def _gender(first: str) -> str | None:
    """«masc» or «femn»: the gender of a first name as written in the nominative.

    The dictionary's nominative first names decide («Роман» is a man's; «роман»
    as the genitive plural of Романа does not count). A name it does not know
    as a name is a woman's when it ends in «а» or «я» («Лея», «Серена»,
    «Динара»), as Russian and most transliterated names do; otherwise its
    gender is unknown («Салтанат», «Канат»: pymorphy's guesses from the
    ending are not used).
    """
    readings = [p for p in parses(first) if "Name" in p.tag.grammemes]
    if not is_known(first) or not readings:
        return "femn" if first[-1:] in ("а", "я") else None
    genders = {
        p.tag.gender
        for p in readings
        if {"nomn", "sing"} <= p.tag.grammemes and p.tag.gender in ("masc", "femn")
    }
    return next(iter(genders)) if len(genders) == 1 else None


def _misspelt_match(name: str, full: dict[str, set[str]]) -> str | None:
    """The document's only full name whose surname ``name`` misspells by one letter, or None.

    News copy misspells foreign surnames within one text («Крамник» and
    «Краник», «Бекхэм» and «Бэкхем»: compared as :func:`_loose` spellings, one
    letter apart at most). At least five letters, the same first
    letter, not a final «а» or «я» added or dropped (Петров and Петрова are
    two people), and not a surname of the Russian or Kazakh pattern, where
    one letter makes another family (Ахметов, Ахмедов).
    """
    words_, initials = _names(name)
    if len(words_) != 1 or initials:
        return None
    word = fold(words_[0])
    found: set[str] = set()
    for surname, people in full.items():
        if (
            min(len(word), len(surname)) >= 5
            and word[0] == surname[0]
            and not (_SLAVIC_SURNAME.search(word) or _SLAVIC_SURNAME.search(surname))
            and word != surname
            and (_loose(word) == _loose(surname) or _one_edit_apart(_loose(word), _loose(surname)))
            and not _gender_pair(word, surname)
        ):
            found |= people
    return next(iter(found)) if len(found) == 1 else None


def _first_difference(a: str, b: str) -> int:
    """The index of the first letter where ``a`` and ``b`` differ (or the shorter's length)."""
    shorter = min(len(a), len(b))
    return next((k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), shorter)


def _loose(word: str) -> str:
    """A foreign name as transliterations agree on it: «э» as «е», doubled letters once.

    «Бекхэм» and «Бэкхем» are «бекхем»; «Маккалоу» and «Макаллоу» «макалоу».
    """
    out: list[str] = []
    for ch in word.replace("э", "е"):
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


def _gender_pair(a: str, b: str) -> bool:
    """Whether two surnames differ by a final «а» or «я» (Петров, Петрова)."""
    short, long_ = sorted((a, b), key=len)
    return long_[:-1] == short and long_[-1] in "ая"


def _first_name_and_patronymic(name: str, alone: set[str]) -> bool:
    """Whether ``name`` is a first name and a patronymic, with no surname («Юлия Вячеславовна»).

    Not when the text writes the second word alone (``alone``, from
    :func:`_lone_words`): then it is a surname («Роман Абрамович», «Абрамович»).
    """
    words_, initials = _names(name)
    return (
        len(words_) == 2
        and not initials
        and _is_patronymic(words_[1])
        and fold(words_[1]) not in alone
    )


def _lone_words(rows: list[dict]) -> set[str]:
    """The folded one-word person mentions of a document, with the forms they may stand for.

    A patronymic is never written alone, so «Абрамович» alone says that «Роман
    Абрамович» is a first name and a surname.
    """
    out: set[str] = set()
    for row in rows:
        words_, initials = _names(row["normal"])
        if row["type"] == "PER" and len(words_) == 1 and not initials:
            out.update(fold(c) for c in [row["normal"], *row["candidates"]])
    return out


def _document_people(rows: list[dict]) -> dict[str, str]:
    """Each full name of a document -> the name its person is shown under in that document.

    Full names with the same first name (read by :func:`first_name_key`, so
    «Юлии» is «Юлия») and surnames that are one person's in one text are one
    person: the same surname, one a case form of the other («Жанна Фриска», a
    misread dative, beside «Жанна Фриске»), or one letter apart («Кейт
    Мидлтон» beside «Кейт Миддлтон»). So are the same surname with first
    names one letter apart or one the start of the other («Юля», «Юлия»:
    :func:`_same_first_name`). A middle name or patronymic does not matter
    («Жанна Владимировна Фриске»). The person is shown under the document's
    most frequent spelling. A first name with a patronymic and no
    surname («Юлия Вячеславовна») is not a full name here.
    """
    lone = _lone_words(rows)
    counts: Counter = Counter()
    for row in rows:
        names, initials = _names(row["normal"])
        if row["type"] != "PER" or len(names) < 2 or initials:
            continue
        if _first_name_and_patronymic(row["normal"], lone):
            continue
        counts[row["normal"]] += 1
    written = {fold(row["text"]) for row in rows}
    people: list[list[str]] = []  # names of one person, grouped
    for name, _ in counts.most_common():
        key = person_key(name)
        for person in people:
            if any(_one_person(person_key(other), key) for other in person):
                person.append(name)
                break
        else:
            people.append([name])
    shown: dict[str, str] = {}
    for person in people:
        surnames = {person_key(n)[1] for n in person}
        # ties: a name the text writes as it is, the surname's own form before a case
        # form of it («Курманов», not «Курманова»), two words before three, the fuller
        # spelling
        best = max(
            person,
            key=lambda n: (
                counts[n],
                fold(n) in written,
                not any(case_form_of(person_key(n)[1], o) for o in surnames),
                -len(n.split()),
                len(n),
                n,
            ),
        )
        shown.update((name, best) for name in person)
    return shown


def person_key(name: str) -> tuple[str, str, str]:
    """(first name, surname, patronymic or "") of a full name, folded, in either word order.

    «Владислав Юрьевич Сурков» and «Сурков Владислав Юрьевич» (the order of
    official lists and court reports) are both («владислав», «сурков»,
    «юрьевич»); so is «Сурков Владислав» when the dictionary knows the first
    word only as a surname and the second only as a first name. The first
    name is read by :func:`first_name_key`.
    """
    words_ = _names(name)[0]
    patronymic = ""
    if len(words_) >= 3 and _is_patronymic(words_[-1]) and not _is_patronymic(words_[1]):
        given, surname, patronymic = words_[1], words_[0], words_[-1]
    elif len(words_) == 2 and _surname_first(words_[0], words_[1]):
        given, surname = words_[1], words_[0]
    else:
        given, surname = words_[0], words_[-1]
        if len(words_) == 3 and _is_patronymic(words_[1]):
            patronymic = words_[1]
    return first_name_key(given), fold(surname), fold(patronymic)


def _surname_first(one: str, two: str) -> bool:
    """Whether «one two» is surname then first name, to the dictionary («Арсланов Айрат»)."""

    def tags(word: str) -> set[str]:  # of the nominative singular readings: a name as written
        found = [p for p in parses(word.lower()) if {"nomn", "sing"} <= p.tag.grammemes]
        return {g for p in found for g in p.tag.grammemes}

    tags_one, tags_two = tags(one), tags(two)
    surname_only = "Surn" in tags_one and "Name" not in tags_one
    return surname_only and "Name" in tags_two and "Surn" not in tags_two


def _one_person(a: tuple[str, str, str], b: tuple[str, str, str]) -> bool:
    """Whether two :func:`person_key` keys of one text name one person."""
    return (a[0] == b[0] and _same_surname(a[1], b[1])) or (
        a[1] == b[1] and _same_first_name(a[0], b[0])
    )


def _same_first_name(a: str, b: str) -> bool:
    """Whether two folded first names beside one surname in one text are one person's.

    Only the differences spelling makes: a case form («Милошу», «Милош»), a
    short form of at most four letters that starts the other («Джо»,
    «Джозеф»), a transliteration's difference (:func:`_foreign_spelling`:
    «Гари», «Гарри»; «Брижит», «Бриджит») or a vowel added inside («Юля»,
    «Юлия»; «Николас», «Николаус»). A final «а» or «я» makes a woman's name of a
    man's («Александр», «Александра»), and a changed vowel or consonant another
    name («Марат», «Мурат»; «Ерлан», «Ержан»): two people.
    """
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    if len(short) < 3 or _gender_pair(short, long_):
        return False
    oblique = a if case_form_of(a, b) else b if case_form_of(b, a) else None
    if oblique is not None:
        return not _nominative_name(oblique)  # «Евгения» is also a woman's name
    if len(short) <= 4 and long_.startswith(short):
        return True
    if not _one_edit_apart(a, b):
        return False
    if _foreign_spelling(a, b):
        return True
    i = _first_difference(short, long_)
    return len(long_) > len(short) and 0 < i < len(short) and long_[i] in _VOWELS


def _foreign_spelling(a: str, b: str) -> bool:
    """Whether two spellings differ where transliteration does: an «э», a doubled letter, «дж».

    «Гэбриэль»/«Габриэль», «Джеймс»/«Джэймс», «Муамар»/«Муаммар» are one name;
    «Марат»/«Мурат», «Ирина»/«Арина» are two, though both pairs are a vowel apart.
    """
    short, long_ = sorted((a, b), key=len)
    i = _first_difference(short, long_)
    if len(a) == len(b):
        return "э" in (a[i], b[i])
    return i > 0 and (long_[i] == long_[i - 1] or long_[i : i + 2] == "дж")


def _nominative_name(word: str) -> bool:
    """Whether the dictionary reads ``word`` as a first name in the nominative, as written."""
    return any(
        "Name" in p.tag.grammemes and "nomn" in p.tag.grammemes and p.word == p.normal_form
        for p in parses(word)
    )


def _same_surname(a: str, b: str) -> bool:
    """Whether two folded surnames beside one first name in one text are one person's.

    The same, or one a case form of the other, or a woman's adjectival surname
    and its misreading («Яровая», «Ярова»); or, for a foreign surname
    (not one in -ов, -ев, -ин, -ский… where one letter makes another family:
    Ахметов, Ахмедов), one letter apart («Мидлтон», «Миддлтон»).
    """
    if a == b or case_form_of(a, b) or case_form_of(b, a):
        return True
    short, long_ = sorted((a, b), key=len)
    if long_.endswith("ая") and long_[:-1] == short:
        return True  # «Ярова», misread from «Яровой», beside «Яровая»
    return (
        min(len(a), len(b)) >= 4
        and a[:2] == b[:2]
        and not (_SLAVIC_SURNAME.search(a) or _SLAVIC_SURNAME.search(b))
        and _one_edit_apart(a, b)
    )


#: Surnames of the Russian and Kazakh pattern, and their case forms.
_SLAVIC_SURNAME = re.compile(
    r"(?:ов|ев|ёв|ин|ын|ск|цк|ук|юк|енко)(?:[аеиоуыюя]|ой|ом|ым|ого|ому)?$|(?:ий|ая|ой)$"
)


def _one_edit_apart(a: str, b: str) -> bool:
    """Whether ``a`` becomes ``b`` by changing, adding or removing one letter."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = sorted((a, b), key=len)
    i = _first_difference(short, long_)
    return short[i:] == long_[i + 1 :]


@lru_cache(maxsize=65536)
def first_name_key(word: str) -> str:
    """A first name as the dictionary's first name when the word is an oblique case of one.

    «Юлии», «Жанной» → «юлия», «жанна»; a name already in the nominative
    («Александра») or unknown to the dictionary («Джохар») stays as written
    (folded); an everyday form stands for its full name (:data:`SHORT_FIRST_NAMES`:
    «Юля» → «юлия»).
    """
    lower = word.lower()
    found = [p for p in parses(lower) if "Name" in p.tag.grammemes]
    if not found or any("nomn" in p.tag.grammemes and p.word == p.normal_form for p in found):
        key = fold(word)
    else:
        key = fold(found[0].normal_form)
    return SHORT_FIRST_NAMES.get(key, key)


#: Everyday forms of Russian first names that stand for one full name only («Юля» is Юлия;
#: «Саша», «Женя», «Валя» could be a man's or a woman's name and are left out).
SHORT_FIRST_NAMES = {
    short: full
    for full, forms in {
        "анастасия": "настя",
        "анна": "аня",
        "дарья": "даша",
        "дмитрий": "дима",
        "екатерина": "катя",
        "елена": "лена",
        "елизавета": "лиза",
        "иван": "ваня",
        "ирина": "ира",
        "ксения": "ксюша",
        "мария": "маша",
        "михаил": "миша",
        "надежда": "надя",
        "наталья": "наташа",
        "николай": "коля",
        "ольга": "оля",
        "павел": "паша",
        "светлана": "света",
        "сергей": "серёжа сережа",
        "татьяна": "таня",
        "юлия": "юля",
        "юрий": "юра",
        "алексей": "лёша леша алёша алеша",
        "владимир": "вова володя",
        "константин": "костя",
        "борис": "боря",
        "григорий": "гриша",
        "анатолий": "толя",
        "виктор": "витя",
        "максим": "макс",
    }.items()
    for short in forms.split()
}


def _is_patronymic(word: str) -> bool:
    """Whether ``word`` is a patronymic (Вячеславовна): its ending says so, and the dictionary
    reads it as one (or does not know it) and never as a surname («Богданович» may be either)."""
    lower = word.lower()
    found = parses(lower)
    return (
        bool(_PATRONYMIC.search(fold(lower)))
        and (any("Patr" in p.tag.grammemes for p in found) or not is_known(lower))
        and not any("Surn" in p.tag.grammemes for p in found)
    )


#: Case endings of a declined surname (Джаггер → Джаггера, Джаггеру, Джаггером, Джаггере;
#: Мандела → Манделы, Манделе, Манделу, Манделой; Скрипаль → Скрипаля, Скрипалю, Скрипалем).
_CASE_ENDINGS = ("а", "я", "у", "ю", "ом", "ем", "ём", "е", "ы", "и", "ой", "ей", "ою", "ею")


def _declined_match(name: str, full: dict[str, set[str]]) -> str | None:
    """The document's only full name whose surname ``name`` is a case form of, or None.

    A foreign surname the dictionary does not know stays as written when it
    stands alone in an oblique case («Джаггера», «Спектеру», «Манделе»), since
    nothing in the word says which nominative it comes from. The document's
    full name says it: «Джаггера» beside «Мик Джаггер» is his genitive. The
    surname's stem (less a final ь, й, а or я) must be at least three letters
    and followed in ``name`` by a case ending.
    """
    words_, initials = _names(name)
    if len(words_) != 1:
        return None
    word = fold(words_[0])
    matches: set[str] = set()
    for surname, names in full.items():
        if not case_form_of(word, surname):
            continue
        if initials:
            names = {m for m in names if fold(m)[:1] == fold(initials[0])}
        matches |= names
    return next(iter(matches)) if len(matches) == 1 else None


def transliteration_variant(a: str, b: str) -> bool:
    """Whether two folded surnames are one foreign name spelled two ways in Cyrillic.

    Transliteration varies in vowels and doubled letters, not in consonants:
    «Кэмерон»/«Камерон», «Петреус»/«Петрэус», «Миддлтон»/«Мидлтон»,
    «Джорджо»/«Джорджио», «Анджелина»/«Анжелина». One vowel changed or added
    (not at the end, where Russian endings live: Петров and Петрова stay two
    people), one letter doubled, or «дж» for «ж»; at least five letters.
    """
    if a == b or min(len(a), len(b)) < 5:
        return False
    if len(a) == len(b):
        diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        return (
            len(diff) == 1
            and diff[0] < len(a) - 1
            and a[diff[0]] in _VOWELS
            and b[diff[0]] in _VOWELS
        )
    short, long_ = sorted((a, b), key=len)
    if len(long_) - len(short) != 1:
        return False
    i = _first_difference(short, long_)
    if not (0 < i < len(short) and short[i:] == long_[i + 1 :]):
        return False
    added = long_[i]
    return added == long_[i - 1] or added in _VOWELS or long_[i : i + 2] == "дж"


_VOWELS = frozenset("аеёиоуыэюя")


def case_form_of(word: str, surname: str) -> bool:
    """Whether folded ``word`` is ``surname`` (folded) with a case ending (Джаггера, Джаггер).

    A hyphenated surname is a case form when its first part is and the other
    parts start alike («Буша-младшего», «Буш-младший»).
    """
    if "-" in surname and word.count("-") == surname.count("-") and word != surname:
        head, *rest = word.split("-")
        base, *base_rest = surname.split("-")
        return (head == base or case_form_of(head, base)) and all(
            a[:4] == b[:4] and len(b) >= 4 for a, b in zip(rest, base_rest, strict=True)
        )
    stem = surname[:-1] if surname[-1:] in "ьйая" else surname
    return (
        len(stem) >= 3
        and word != surname
        and word.startswith(stem)
        and word[len(stem) :] in _CASE_ENDINGS
    )


def _only_match(candidates: list[str], index: dict[str, set[str]], key=fold) -> str | None:
    """The one full name in ``index`` the first fitting candidate points to, or None.

    ``key`` reads a candidate's word as the index does (:func:`fold` for
    surnames, :func:`first_name_key` for first names).
    """
    for candidate in candidates:
        names, initials = _names(candidate)
        matches = index.get(key(names[0]), set())
        if initials:
            matches = {m for m in matches if fold(m)[:1] == fold(initials[0])}
        if len(matches) == 1:
            return next(iter(matches))
    return None


def _join_short_names(rows: list[dict]) -> None:
    """An organisation named without its country joins the document's only name with one.

    «Минобороны» in a text that also writes «Минобороны России» (and no other
    «Минобороны …») is that ministry; «ФСБ» with «ФСБ РФ» likewise. The longer
    name must be the short one followed by a place: a place the document names,
    or words the dictionary knows as places («России», «РФ», «Украины»:
    «Верховная рада» beside «Верховная рада Украины»).
    """
    places = {fold(r["normal"]) for r in rows if r["type"] == "LOC"} | {
        fold(r["text"]) for r in rows if r["type"] == "LOC"
    }
    longer: dict[str, set[str]] = {}
    for row in rows:
        if row["type"] != "ORG":
            continue
        name = row["normal"]
        parts = name.split()
        for k in range(1, len(parts)):
            head, tail = " ".join(parts[:k]), " ".join(parts[k:])
            if fold(tail) in places or _dictionary_place(tail):
                longer.setdefault(fold(head), set()).add(name)
    for row in rows:
        if row["type"] == "ORG" and "joined" not in row:
            found = longer.get(fold(row["normal"]), set())
            if len(found) == 1:
                row["joined"] = next(iter(found))


def _dictionary_place(words_: str) -> bool:
    """Whether the words are, to the dictionary, a place's name in the genitive, capitalised.

    «Украины», «России», «РФ», «США» (indeclinable) after a name say whose it
    is; a nominative («Газпром Армения», a subsidiary) does not.
    """
    parts = words_.split()
    return bool(parts) and all(
        p[:1].isupper()
        and any(
            "Geox" in r.tag.grammemes and (r.tag.case == "gent" or "Fixd" in r.tag.grammemes)
            for r in parses(p.lower())
        )
        for p in parts
    )


def _acronym_names(
    frame: pd.DataFrame, canonical: pd.Series
) -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    """Acronym and full name as one organisation: name -> the more frequent of the two.

    Returns that mapping, and (document, acronym) -> full name for the texts
    where an acronym the corpus reads two ways is spelled out («СК» beside
    «Следственный комитет Белоруссии» in one text, «… России» in others: in
    each text the committee it names).

    «НХЛ» and «Национальная хоккейная лига», «СК» and «Следственный комитет
    (России)», «ЕСПЧ» and «Европейский суд по правам человека»: an acronym in
    capitals is joined to a name whose words it abbreviates (prepositions and
    conjunctions left out, a place at the end optional) when a document writes
    both. Across the corpus the acronym must expand to one name only: «СК»
    read as «Следственный комитет» in one text and as «Страховая компания»
    in another joins neither, nor does «Генпрокуратура» read as the office of
    Казахстан in one text and of Украина in another. The pair is shown under
    whichever the corpus writes more often. A compound of the first letters of
    two words is an abbreviation too («Совбез» and «Совет безопасности»,
    «Госсовет», «Генпрокуратура», «Центробанк»: :func:`_compounded`).
    """
    counts = Counter(canonical.tolist())
    kinds = frame["type"].to_numpy()
    docs = frame["doc_id"].to_numpy()
    by_doc: dict[str, list[int]] = {}
    for i, doc in enumerate(docs):
        by_doc.setdefault(doc, []).append(i)
    values = canonical.to_numpy()
    expansions: dict[str, set[str]] = {}
    bases: dict[str, set[str]] = {}
    local: dict[tuple[str, str], str] = {}
    for rows in by_doc.values():
        places = {fold(values[i]) for i in rows if kinds[i] == "LOC"}
        names = {values[i] for i in rows if kinds[i] == "ORG"}
        acronyms = {
            values[i] for i in rows if kinds[i] in ("ORG", "LOC") and _is_acronym(values[i])
        }
        compounds = {values[i] for i in rows if kinds[i] == "ORG" and _is_compound(values[i])}
        for acronym in acronyms | compounds:
            shorten = _abbreviated if acronym in acronyms else _compounded
            fits = {}
            for name in names:
                base = shorten(name, acronym, places)
                if base is not None:
                    fits[name] = base
            if len(fits) == 1:
                name, base = next(iter(fits.items()))
                expansions.setdefault(acronym, set()).add(name)
                local[(docs[rows[0]], acronym)] = name
                bases.setdefault(acronym, set()).add(base)
    out: dict[str, str] = {}
    for acronym, names in expansions.items():
        base = next(iter(bases[acronym]))
        places = {_beyond(fold(n), base) for n in names} - {""}
        if len(bases[acronym]) != 1 or len(places) > 1:
            # «Генпрокуратура» for «Генеральная прокуратура Казахстана» in one text and
            # «… Украины» in another: two offices, and the short name stands for neither
            continue
        group_ = {acronym, *names}
        shown = max(group_, key=lambda n: (counts[n], n))
        for name in group_:
            out.setdefault(name, shown)
    # joined across the corpus, or left alone: the texts need nothing of their own
    local = {key: name for key, name in local.items() if key[1] not in out}
    return out, local


def _beyond(name: str, base: str) -> str:
    """The words of folded ``name`` outside ``base`` and the skipped ones: its place, if any."""
    inside = set(base.split()) | _ACRONYM_SKIPS
    return " ".join(w for w in name.split() if w not in inside)


#: Words an acronym skips (Европейский суд по правам человека → ЕСПЧ, Фонд борьбы с
#: коррупцией → ФБК).
_ACRONYM_SKIPS = frozenset(
    ["по", "и", "в", "на", "за", "для", "при", "об", "о", "с", "со", "of", "and", "for", "the"]
)


def _place_of(words_: str, places: set[str]) -> bool:
    """Whether ``words_`` name one of the text's ``places`` or a place the dictionary knows."""
    forms = {fold(f) for f in [words_, *normal_forms(words_, "LOC")]}
    return bool(forms & places) or _dictionary_place(words_)


def _is_compound(name: str) -> bool:
    """One capitalised word long enough to be a compound abbreviation («Совбез», «Минфин»)."""
    return len(name) >= 6 and name.isalpha() and name[0].isupper() and name[1:].islower()


def _compounded(name: str, word: str, places: set[str]) -> str | None:
    """The two words of ``name`` that ``word`` compounds (folded), the rest a place; or None.

    «Совбез» is «сов» + «без» of «Совет безопасности»; «Госсовет» is «гос» +
    «совет» of «Государственный совет»; «Центробанк» takes a linking «о».
    Each part at least three letters, and the rest of the name a place of the
    text (or nothing).
    """
    kept = [p for p in name.split() if fold(p) not in _ACRONYM_SKIPS and any(map(str.isalpha, p))]
    if len(kept) < 2:
        return None
    tail = " ".join(kept[2:])
    if tail and not _place_of(tail, places):
        return None
    first, second, target = fold(kept[0]), fold(kept[1]), fold(word)
    for i in range(3, len(first) + 1):
        if not target.startswith(first[:i]):
            break
        rest = target[i:]
        for part in (rest, rest[1:] if rest[:1] == "о" else None):
            if part and len(part) >= 3 and second.startswith(part):
                return f"{first} {second}"
    return None


def _is_acronym(name: str) -> bool:
    return 2 <= len(name) <= 6 and name.isalpha() and name.isupper()


def _abbreviated(name: str, acronym: str, places: set[str]) -> str | None:
    """The words of ``name`` that ``acronym`` abbreviates (folded), the rest a place; or None.

    Dashes between words do not count («Форум стран - экспортёров газа» is
    ФСЭГ); a hyphenated word gives one letter or one per part («Чешская
    социал-демократическая партия» is ЧСДП).
    """
    kept = [p for p in name.split() if fold(p) not in _ACRONYM_SKIPS and any(map(str.isalpha, p))]
    if len(kept) < 2:
        return None
    for k in range(len(kept), 1, -1):
        tail = " ".join(kept[k:])
        if k < len(kept) and not _place_of(tail, places):
            return None  # «России» after «Следственный комитет» is a place of the text
        whole = "".join(p[0] for p in kept[:k])
        parts = "".join(q[:1] for p in kept[:k] for q in p.split("-"))
        if fold(acronym) in (fold(whole), fold(parts)):
            return fold(" ".join(kept[:k]))
    return None


def _country_spelled_out(name: str, aliases: AliasTable) -> str:
    """«Госдума РФ» as «Госдума России»: a trailing place abbreviation in the genitive name.

    The place must be in the alias table as a LOC (РФ → Россия); its genitive
    comes from the dictionary. Returns ``name`` unchanged otherwise.
    """
    parts = name.split()
    if len(parts) < 2:
        return name
    listed = aliases.lookup(parts[-1])
    if not listed or listed[1] != "LOC" or len(listed[0].split()) != 1:
        return name
    if fold(listed[0]) == fold(parts[-1]) or listed[0].isupper():
        return name  # «США», «СССР»: the name itself, nothing to spell out
    found = [p for p in parses(listed[0].lower()) if "Geox" in p.tag.grammemes]
    genitive = found[0].inflect({"gent"}) if found else None
    if genitive is None:
        return name
    word = genitive.word
    return " ".join([*parts[:-1], word[:1].upper() + word[1:]])


def group_corpus(frame: pd.DataFrame) -> pd.Series:
    """Canonical names across the whole corpus, for the mentions table ``frame``.

    Four steps on the per-document ``canonical`` names:

    1. **One spelling.** Names that differ only in case, ё/е, hyphens, quotes,
       a legal or state form (:func:`corpus_key`) or Latin letters that look
       like Cyrillic ones (BP/ВР, ТНК-BP/ТНК-ВР) are one name, shown under its
       most frequent spelling. An acronym or compound abbreviation and the name
       it abbreviates, written together in some document, are one name too
       (:func:`_acronym_names`: «НХЛ» and «Национальная хоккейная лига»).
    2. **Forms.** A name whose dictionary forms include a name the corpus
       writes more often joins it («Хасана Рухани» → «Хасан Рухани»); a name in
       Latin letters joins the one Cyrillic name that sounds alike
       (:func:`_latin_names`: «Forbes» → «Форбс»).
    3. **Full names.** «Владимир Владимирович Путин» and «Путин Владимир
       Владимирович» join «Владимир Путин» (:func:`person_key`); other
       spellings of a person join it (:func:`_spelling_of`: «Ларри Пейджу»,
       «Эдварда Сноудену», «Гэбриэль Гиффордс»), and so does a name with a
       second surname («Мигель Диас-Канель Бермудес»).
    4. **A surname or first name alone** joins the full name when the corpus
       names only one person that way: «Путин» → «Владимир Путин», «В. Путин»
       too; or one person far more often than any other of that surname
       (:data:`DOMINANT_SHARE` of the full-name mentions: «Обама» is Барак
       Обама beside a few «Мишель Обама»); «Кастро» stays alone when the corpus
       names Фидель and Рауль Кастро about as often. A surname in an oblique
       case the dictionary could not read («Спектеру») counts as its
       nominative's (:func:`case_form_of`). A first name with a
       patronymic («Владимир Владимирович») joins the one person written in
       full with both.
    """
    canonical = frame["canonical"].astype(str)
    counts = Counter(canonical.tolist())
    best: dict[str, tuple[int, str]] = {}
    for name, n in counts.items():
        key = corpus_key(name)
        if key not in best or (n, name) > best[key]:
            best[key] = (n, name)
    spelled = {name: best[corpus_key(name)][1] for name in counts}
    canonical = canonical.map(spelled)
    if "doc_id" in frame:
        acronyms, in_document = _acronym_names(frame, canonical)
        canonical = pd.Series(
            [
                in_document.get((doc, n)) or acronyms.get(n, n)
                for doc, n in zip(frame["doc_id"], canonical, strict=True)
            ],
            index=canonical.index,
            dtype=object,
        )
    canonical = canonical.map(_other_forms(canonical, frame["type"]))
    canonical = canonical.map(_latin_names(canonical, frame["type"]))
    canonical = canonical.map(_transliterated_names(canonical, frame["type"]))

    people = canonical[frame["type"].to_numpy() == "PER"]
    person_counts = Counter(people.tolist())
    full: dict[tuple[str, str], Counter] = {}
    for name, n in person_counts.items():
        words_, initials = _names(name)
        if len(words_) >= 2 and not initials:
            full.setdefault(person_key(name)[:2], Counter())[name] += n
    # The most frequent spelling of each person (first name + surname) stands for all.
    person = {key: names.most_common(1)[0][0] for key, names in full.items()}
    weight = {key: sum(names.values()) for key, names in full.items()}
    by_first_name: dict[str, list[tuple[str, str]]] = {}
    for key in full:
        by_first_name.setdefault(key[0], []).append(key)
    by_surname_key: dict[str, list[tuple[str, str]]] = {}
    for key in full:
        by_surname_key.setdefault(key[1], []).append(key)
    joins: dict[tuple[str, str], tuple[str, str]] = {}  # key -> the key it is another way of
    second_surnames: set[tuple[str, str]] = set()  # keys whose last word is not the surname
    for key in full:
        found = _spelling_of(key, by_first_name, by_surname_key, weight)
        if found is not None:
            joins[key] = found
    for name in person_counts:
        # «Мигель Диас-Канель Бермудес», «Фидель Алехандро Кастро Рус»: a second surname
        # or middle name after the name the corpus knows the person by
        words_, initials = _names(name)
        key = person_key(name)[:2] if len(words_) >= 3 and not initials else None
        if key is None or person_key(name)[2]:
            continue
        known = {(key[0], fold(w)) for w in words_[1:-1]} & set(full)
        if len(known) == 1 and key not in joins:
            joins[key] = next(iter(known))
            second_surnames.add(key)
    for key in joins:  # follow each chain of joins to its end, once round a loop
        seen, end = {key}, joins[key]
        while end in joins and end not in seen:
            seen.add(end)
            end = joins[end]
        person[key] = person[end]
    # Keys joined above show one person: count that person once, with all its mentions.
    shown_weight: Counter = Counter()
    for key, shown in person.items():
        shown_weight[shown] += weight[key]
    by_surname: dict[str, set[str]] = {}
    by_first: dict[str, set[str]] = {}
    by_patronymic: dict[tuple[str, str], set[str]] = {}
    for (first, last), shown in person.items():
        if (first, last) not in second_surnames:
            by_surname.setdefault(last, set()).add(shown)
        by_first.setdefault(first, set()).add(shown)
    for name in person_counts:
        words_, initials = _names(name)
        if len(words_) == 3 and not initials and person_key(name)[2]:
            given, surname, patronymic = person_key(name)
            by_patronymic.setdefault((given, patronymic), set()).add(person[(given, surname)])
    joined: dict[str, str] = {}
    for name in person_counts:
        words_, initials = _names(name)
        if len(words_) == 2 and not initials and _PATRONYMIC.search(fold(words_[1])):
            # «Владимир Владимирович»: the one person of the corpus named so in full
            found = by_patronymic.get((first_name_key(words_[0]), fold(words_[1])), set())
            if len(found) == 1:
                joined[name] = next(iter(found))
        elif len(words_) >= 2 and not initials:
            joined[name] = person[person_key(name)[:2]]
        elif len(words_) == 1:
            word = fold(words_[0])
            found = by_surname.get(word, set())
            if not found:  # «Спектеру» written alone, «Арлен Спектер» in another document
                found = {n for s in by_surname if case_form_of(word, s) for n in by_surname[s]}
            if initials:
                found = {n for n in found if fold(n)[:1] == fold(initials[0])}
            elif not found and len(words_[0]) >= 3:
                found = by_first.get(first_name_key(words_[0]), set())
            shown = _dominant(found, shown_weight)
            if shown is not None:
                joined[name] = shown
    is_person = frame["type"].to_numpy() == "PER"
    return canonical.where(~is_person, canonical.map(lambda n: joined.get(n, n)))


def _transliterated_names(canonical: pd.Series, types: pd.Series) -> dict[str, str]:
    """A foreign organisation's or place's name spelled two ways -> the more frequent spelling.

    «Скотленд-Ярд» and «Скотланд-Ярд», «Сазерленд-Спрингс» and «Саутерленд
    Спрингс»: the names have the same words but one, and that one is a
    :func:`transliteration_variant` of the other's that the dictionary does
    not know (Судан and Седан, both known, stay apart).
    """
    counts = Counter(zip(canonical.tolist(), types.tolist(), strict=True))
    buckets: dict[tuple[str, str], list[str]] = {}
    for name, kind in counts:
        if kind in ("ORG", "LOC"):
            buckets.setdefault((kind, sound_skeleton(name)), []).append(name)
    out: dict[str, str] = {}
    for (kind, _), names in buckets.items():
        if len(names) < 2:
            continue
        ranked = sorted(names, key=lambda n: (-counts[(n, kind)], n))
        for i, name in enumerate(ranked[1:], 1):
            heavier = [other for other in ranked[:i] if _one_word_transliterated(name, other)]
            if heavier:
                out[name] = out.get(heavier[0], heavier[0])
    return {name: out.get(name, name) for name, _ in counts}


def _one_word_transliterated(a: str, b: str) -> bool:
    """Whether two names differ in one word, a transliteration variant unknown to the dictionary."""
    one, two = fold(a).replace("-", " ").split(), fold(b).replace("-", " ").split()
    if len(one) != len(two):
        return False
    diff = [(x, y) for x, y in zip(one, two, strict=True) if x != y]
    return (
        len(diff) == 1
        and transliteration_variant(*diff[0])
        and not (is_known(diff[0][0]) or is_known(diff[0][1]))
    )


def _latin_names(canonical: pd.Series, types: pd.Series) -> dict[str, str]:
    """A name in Latin letters -> the corpus's only Cyrillic name of that type that sounds alike.

    News writes a foreign name both ways («Forbes» and «Форбс», «Larry King»
    and «Ларри Кинг», «Microsoft» and «Майкрософт»). The two are compared by
    their consonants (:func:`sound_skeleton`); the join needs at least three
    consonants and one Cyrillic name only with them. Acronyms are left alone:
    Russian reads them letter by letter (BBC is «Би-би-си»).
    """
    counts = Counter(zip(canonical.tolist(), types.tolist(), strict=True))
    cyrillic: dict[tuple[str, str], set[str]] = {}
    for name, kind in counts:
        if _CYRILLIC_LETTER.search(name) and not _LATIN_LETTER.search(name) and not name.isupper():
            key = sound_skeleton(name)
            if len(key.replace(" ", "")) >= 3:
                cyrillic.setdefault((key, kind), set()).add(name)
    out: dict[str, str] = {}
    for name, kind in counts:
        if _CYRILLIC_LETTER.search(name) or not _LATIN_LETTER.search(name) or name.isupper():
            continue
        found = cyrillic.get((sound_skeleton(name), kind), set())
        if len(found) == 1:
            out[name] = next(iter(found))
    return {name: out.get(name, name) for name, _ in counts}


_CYRILLIC_LETTER = re.compile(r"[А-Яа-яЁё]")
_LATIN_LETTER = re.compile(r"[A-Za-z]")
#: Latin spellings and the Cyrillic consonant they sound as, longest first.
_LATIN_SOUNDS = (
    ("sch", "ш"), ("tch", "ч"), ("ch", "ч"), ("ck", "к"), ("sh", "ш"), ("ph", "ф"),
    ("th", "т"), ("kh", "х"), ("zh", "ж"), ("ts", "ц"), ("dg", "дж"), ("j", "дж"),
    ("x", "кс"), ("q", "к"), ("w", "в"), ("v", "в"), ("b", "б"), ("d", "д"), ("f", "ф"),
    ("g", "г"), ("h", "х"), ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"), ("p", "п"),
    ("r", "р"), ("s", "с"), ("t", "т"), ("z", "з"),
)  # fmt: skip
#: Sounds that transliteration swaps: h is «х» or «г» (Hamburg, Гамбург).
_SOUND_CLASSES = str.maketrans({"г": "х", "щ": "ш"})


def sound_skeleton(name: str) -> str:
    """The consonants of a name as a Russian reader says them, doubled ones once.

    «Forbes» and «Форбс» are «фрбс»; «Larry King» and «Ларри Кинг» «лр кнг»;
    «Microsoft» and «Майкрософт» «мкрсфт». A Latin «c» sounds as «с» before
    e, i and y and as «к» elsewhere.
    """
    text = fold(name).replace("-", " ")
    if _LATIN_LETTER.search(text):
        text = re.sub(r"[ct]i(?=[aeou])", "sh", text)  # «associated», «nation»: «ш»
        for latin, sound in _LATIN_SOUNDS[:4]:  # the spellings with a «c»
            text = text.replace(latin, sound)
        text = re.sub(r"c(?=[eiy])", "s", text).replace("c", "k")
        for latin, sound in _LATIN_SOUNDS[4:]:
            text = text.replace(latin, sound)
    kept = []
    for ch in text.translate(_SOUND_CLASSES):
        consonant = ch == " " or ("а" <= ch <= "я" and ch not in "аеиоуыэюяьъй")
        if consonant and (not kept or kept[-1] != ch):
            kept.append(ch)
    return "".join(kept).strip()


def _spelling_of(
    key: tuple[str, str],
    by_first: dict[str, list[tuple[str, str]]],
    by_surname: dict[str, list[tuple[str, str]]],
    weight: dict[tuple[str, str], int],
) -> tuple[str, str] | None:
    """The one other (first name, surname) of the corpus that ``key`` writes another way.

    * the same first name and the surname in an oblique case the dictionary
      could not read («Ларри Пейджу» → «Ларри Пейдж»); a surname ending in «а»
      or «я», which may be a woman's, only to the spelling written more often;
      a woman's adjectival surname misread («Ирина Ярова») to the one written
      («Ирина Яровая»);
    * both in an oblique case, the surname not ending in «а» or «я» (that may be
      a woman's nominative): «Эдварда Сноудену», «Джулиана Ассанжу»;
    * a transliteration variant (:func:`transliteration_variant`) of the first
      name or the surname, the other the same, joining the spelling the corpus
      writes more often («Гэбриэль Гиффордс» → «Габриэль Гиффордс», «Девид
      Кэмерон» → «Дэвид Кэмерон»); first names only where
      :func:`_same_first_name` allows it («Марат» and «Мурат» stay two).
    """
    first, last = key
    # «Петрова» may be a woman's nominative: joins «Петров» only if he is written more often
    found = {
        k
        for k in by_first.get(first, [])
        if (case_form_of(last, k[1]) and (last[-1:] not in "ая" or weight[k] > weight[key]))
        or (k[1].endswith("ая") and k[1][:-1] == last)  # «Ярова», misread from «Яровой»
    }
    if not found and last[-1:] not in "ая":
        for base in _case_bases(last):
            found |= {k for k in by_surname.get(base, []) if case_form_of(first, k[0])}
    if not found:
        heavier = [k for k in by_first.get(first, []) if transliteration_variant(last, k[1])]
        heavier += [
            k
            for k in by_surname.get(last, [])
            if transliteration_variant(first, k[0]) and _same_first_name(first, k[0])
        ]
        found = {k for k in heavier if weight[k] > weight[key]}
    return next(iter(found)) if len(found) == 1 else None


def _case_bases(word: str) -> list[str]:
    """The nominatives ``word`` may be a case form of (Сноудену → сноуден, Гарсии → гарсия)."""
    out = []
    for ending in _CASE_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            stem = word[: -len(ending)]
            out += [stem, stem + "ь", stem + "й", stem + "а", stem + "я"]
    return [b for b in out if case_form_of(word, b)]


def _other_forms(canonical: pd.Series, types: pd.Series) -> dict[str, str]:
    """Name -> the corpus's more frequent name that is one of its dictionary forms.

    A document that names someone only in an oblique case («Хасана Рухани»,
    «Серены Уильямс», «У. Баффету») has nothing to choose the nominative by;
    another document's «Хасан Рухани», among the forms the dictionary offers,
    settles it.
    """
    counts = Counter(zip(canonical.tolist(), types.tolist(), strict=True))
    total = Counter(canonical.tolist())
    by_key = {}
    for name, n in total.items():
        key = corpus_key(name)
        if key not in by_key or n > total[by_key[key]]:
            by_key[key] = name
    out: dict[str, str] = {}
    for (name, kind), _ in counts.most_common():
        if name in out:
            continue
        for candidate in normal_forms(name, kind)[:4]:
            other = by_key.get(corpus_key(candidate))
            if other is not None and other != name and total[other] > total[name]:
                out[name] = other
                break
        else:
            out[name] = name
    return out


#: A patronymic: Владимирович, Юрьевич, Ильич, Фёдоровна, Кузьминична.
_PATRONYMIC = re.compile(r"(?:вич|ьич|ич|вна|чна|шна)$")
#: A lone surname joins the corpus's most named person of that surname when that person
#: has at least this share of the full-name mentions (Барак Обама beside Мишель Обама).
DOMINANT_SHARE = 0.8


def _dominant(people: set[str], weight: Counter) -> str | None:
    """The one person among ``people``, or the one named far more often than the others."""
    if len(people) == 1:
        return next(iter(people))
    if not people:
        return None
    ranked = sorted(people, key=lambda k: (-weight[k], k))
    total = sum(weight[k] for k in people)
    return ranked[0] if weight[ranked[0]] >= DOMINANT_SHARE * total else None


#: Latin capitals with a Cyrillic twin (BP and ВР, ТНК-BP and ТНК-ВР look the same).
_TWINS = str.maketrans("ABCEHKMOPTXY", "АВСЕНКМОРТХУ")
_LATIN_CAPS = frozenset("ABCEHKMOPTXY")


#: Legal forms written before or after a company's name («АКБ Пересвет», «ПАО Сбербанк»,
#: «ТОО Казахмыс Смэлтинг», «Berkshire Hathaway Inc.»): not part of the name.
LEGAL_FORMS = frozenset(
    {
        *("ао", "оао", "зао", "пао", "нао", "ооо", "одо", "тоо", "акб", "кб", "пк", "нко"),
        *("ук", "ltd", "ltd.", "inc", "inc.", "llc", "plc", "corp", "corp.", "co."),
        *("ag", "gmbh", "sa", "s.a.", "nv", "bv"),
    }
)


#: A state's form before its name («Республика Казахстан» is «Казахстан», «Королевство
#: Свазиленд» is «Свазиленд»), and the English article («The Rolling Stones»).
STATE_FORMS = frozenset(
    {"республика", "королевство", "княжество", "султанат", "государство", "штат", "the"}
)
_LEADING_WORDS = LEGAL_FORMS | STATE_FORMS
_QUOTES = str.maketrans("", "", '«»"“”„')


def corpus_key(name: str) -> str:
    """The key names share across the corpus: :func:`fold`, with look-alike capitals folded.

    A word written in capitals whose Latin letters all have Cyrillic twins is
    read in Cyrillic («BP» = «ВР»); «BMW», «Google» and «iPhone» are left alone.
    A hyphen counts as a space («Братья-мусульмане», «Братья мусульмане»),
    quotation marks do not count (‹«Газпром»› is ‹Газпром›), and
    a legal form before or after the name is left out (:data:`LEGAL_FORMS`:
    «АКБ Пересвет» is «Пересвет»), and so are a state's form and the English
    article before it (:data:`STATE_FORMS`: «Республика Казахстан» is
    «Казахстан»), unless it is all the name has.
    """
    parts = name.replace("-", " ").translate(_QUOTES).split()
    while len(parts) > 1 and fold(parts[0]).strip(",") in _LEADING_WORDS:
        parts = parts[1:]
    while len(parts) > 1 and fold(parts[-1]).strip(",") in LEGAL_FORMS:
        parts = parts[:-1]
    fixed = [
        p.translate(_TWINS) if p.isupper() and set(p) <= _LATIN_CAPS | _CYRILLIC_CAPS else p
        for p in parts
    ]
    return fold(" ".join(fixed))


_CYRILLIC_CAPS = frozenset("АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ0123456789")


def _names(name: str) -> tuple[list[str], list[str]]:
    """The words of a person's name and its initials («Ю. Тимошенко» → [Тимошенко], [Ю]).

    A particle belongs to the surname after it (:data:`SURNAME_PARTICLES`):
    «Роберт Де Ниро» → [Роберт, Де Ниро], so «Де Ниро» alone is a surname alone.
    """
    parts = name.replace(".", ". ").split()
    words_ = [p for p in parts if not p.endswith(".")]
    glued: list[str] = []
    for word in words_:
        if glued and _particle(glued[-1], len(glued) - 1):
            glued[-1] = f"{glued[-1]} {word}"
        else:
            glued.append(word)
    return glued, [p[0] for p in parts if p.endswith(".")]


#: European particles written before a surname (Де Ниро, фон Беттихер, да Силва, ван Гог).
#: Arabic ones (бен, бин, ибн) are left to the last word: «бен Ладен» and «бин Ладен» agree there.
SURNAME_PARTICLES = frozenset(
    {"де", "ди", "да", "дос", "дас", "ду", "дель", "делла", "дю", "ла", "ле", "фон", "ван"}
    | {"дер", "тер"}
)
#: The particles that, capitalised, may open a surname written alone («Де Ниро», «Фон
#: Триер»); others capitalised at the start may be a name of their own («Ван Ицзюнь», «Ле Зуан»).
_OPENING_PARTICLES = frozenset({"де", "фон", "дю", "дель", "делла"})


def _particle(word: str, position: int) -> bool:
    lower = word.lower()
    if " " in word or lower not in SURNAME_PARTICLES:
        return False
    return word.islower() or position > 0 or lower in _OPENING_PARTICLES
