"""Code one demand or slogan: its grammatical form, leading action, target and category.

The extraction (:mod:`helpers.demands`) finds the items; this module says what
each one is. Everything here works on a single item's text and is cheap:
lemmas come from the project's lemmatizer and grammar from the language
layer's pymorphy3 analyses (:mod:`helpers.nlp.lemmatizer`, both cached per
word form), so a rules-file word and the text are read alike («Жанаозен» in
the rules file matches «Жанаозена» in a text, as in the token table); the
rules (category and target words, and the header words
:mod:`helpers.demands` uses to find lists) are read from an editable data
file, ``helpers/data/demand_categories.toml`` (see the comments at its top),
again whenever its content changes.

Forms (``form``):

- ``infinitive`` «Прекратить репрессии…», «Освободить политзаключённых»
- ``genitive``   «отставки акима», «повышения зарплаты» (what follows «требуем»)
- ``nominal``    «Национализация всей промышленности…!»
- ``against``    «Нет – …», «Долой …», «Ни одной уступки …», «Не дадим …», «Позор …»
- ``for``        «Да – …», «Свободу …», «Слава …», «Да здравствует …», «Вся власть …»,
                 «Работу – шахтёрам!»
- ``imperative`` «Пролетарии всех стран, соединяйтесь!», «Поднимайтесь на борьбу…»
- ``other``      none of these
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from helpers.cache import content_hash, watched
from helpers.nlp.lemmatizer import Lemmatizer, get_lemmatizer, is_known, parses
from helpers.nlp.patterns import WORD, fold, fold_yo
from helpers.nlp.patterns import words as words
from helpers.paths import DATA_DIR

__all__ = [
    "FORMS",
    "RULES_FILE",
    "Analysis",
    "CodingRules",
    "action_lemma",
    "analyse",
    "category_table",
    "classify_form",
    "code_item",
    "is_statement",
    "lemmas",
    "load_rules",
    "looks_like_slogan",
    "target_of",
    "words",
]

RULES_FILE = DATA_DIR / "demand_categories.toml"
#: A category or target needs one strong word or two weak ones.
MIN_SCORE = 2
FORMS = ("infinitive", "genitive", "nominal", "against", "for", "imperative", "other")

# --------------------------------------------------------------------------- words


class Analysis(NamedTuple):
    """What the demand coder needs to know about one word form (first pymorphy parse, mostly)."""

    lemma: str
    pos: str  # NOUN, VERB, INFN, ADJF, ADVB, PREP, ... ("" when unknown)
    infinitive: bool  # some parse is an infinitive
    imperative: bool  # some parse is an imperative verb (2nd person)
    genitive: bool  # some noun parse is genitive and none is nominative singular
    nominative: bool  # some noun parse is nominative
    finite_3rd: bool  # first parse is an indicative verb in 3rd person or past tense
    short_adj: bool  # first parse is a short adjective or participle («справедлива»)
    adjective: bool  # some parse is a full adjective («полицейский», «рабочий»)
    accusative: bool  # a noun read only as accusative («работу», «землю»)


def analyse(word: str) -> Analysis:
    """Analyse one word form (as written); cached, so each distinct form is parsed once.

    The lemma is the project lemmatizer's (ё written е); the grammar is read
    from pymorphy3's analyses of the lower-cased form. Cached per lemmatizer:
    an edit of the lemma overrides gives a new one, and new lemmas.
    """
    return _analyse(word, get_lemmatizer())


@lru_cache(maxsize=200_000)
def _analyse(word: str, lemmatizer: Lemmatizer) -> Analysis:
    low = fold_yo(word.lower())
    found = parses(low)
    if not found:  # pragma: no cover - pymorphy always guesses
        return Analysis(low, "", False, False, False, False, False, False, False, False)
    first = found[0]
    tag = first.tag
    pos = tag.POS or ""
    noun_cases = [(p.tag.case, p.tag.number) for p in found if p.tag.POS == "NOUN"]
    genitive = any(case == "gent" for case, _ in noun_cases) and not any(
        case == "nomn" and number == "sing" for case, number in noun_cases
    )
    return Analysis(
        lemma=fold_yo(lemmatizer.lemma(word)),
        pos=pos,
        infinitive=any(p.tag.POS == "INFN" for p in found),
        # «Прекратите» is also read as a future («вы прекратите»): any imperative reading counts,
        # except the inclusive «дадим» (handled as «Не дадим …» by the against formula).
        imperative=any(
            p.tag.POS == "VERB" and p.tag.mood == "impr" and p.tag.involvement != "incl"
            for p in found
        ),
        genitive=genitive,
        nominative=any(case == "nomn" for case, _ in noun_cases),
        finite_3rd=pos == "VERB"
        and tag.mood == "indc"
        and (tag.person == "3per" or tag.tense == "past"),
        # Only dictionary words: pymorphy guesses «Жанаозена» as a short participle.
        short_adj=pos in {"ADJS", "PRTS"} and is_known(low),
        adjective=any(p.tag.POS == "ADJF" for p in found),
        accusative=bool(noun_cases) and {case for case, _ in noun_cases} == {"accs"},
    )


def lemmas(text: str) -> list[str]:
    """Lemmas of the words of ``text`` in order (lower case, «ё» written «е»)."""
    return [analyse(m.group()).lemma for m in WORD.finditer(text)]


# --------------------------------------------------------------------------- rules


@dataclass(frozen=True)
class _Entry:
    source: str  # as written in the data file
    lemmas: tuple[str, ...]  # lemmatized words; one element for a word or a stem
    stem: bool  # written with a trailing "*": prefix match on lemmas
    weight: int


@dataclass(frozen=True)
class _Rule:
    id: str
    label: str
    mass_mobilization: str
    note: str
    entries: tuple[_Entry, ...]


_INDEXES: dict[int, tuple[tuple[_Rule, ...], dict, list]] = {}


def _index(rules: tuple[_Rule, ...]) -> tuple[dict[str, list[tuple[int, _Entry]]], list]:
    """Rule entries by their first lemma (words and phrases), and the stem entries apart.

    Kept per rules tuple (by identity: hashing the rules on every call costs more
    than the lookup saves).
    """
    cached = _INDEXES.get(id(rules))
    if cached is not None and cached[0] is rules:
        return cached[1], cached[2]
    by_first: dict[str, list[tuple[int, _Entry]]] = {}
    stems: list[tuple[int, _Entry]] = []
    for pos, rule in enumerate(rules):
        for entry in rule.entries:
            if entry.stem:
                stems.append((pos, entry))
            else:
                by_first.setdefault(entry.lemmas[0], []).append((pos, entry))
    _INDEXES[id(rules)] = (rules, by_first, stems)
    return by_first, stems


@dataclass(frozen=True)
class CodingRules:
    """Category, target and list-header rules read from the data file."""

    categories: tuple[_Rule, ...]
    targets: tuple[_Rule, ...]
    path: Path
    #: kind of list (demand, slogan, call) -> lemmas of a header that announces it
    headers: dict[str, frozenset[str]] = field(default_factory=dict)
    #: reason (participants, agenda, ...) -> lemmas of a header whose list is refused
    refuse: dict[str, frozenset[str]] = field(default_factory=dict)

    def best(
        self, rules: tuple[_Rule, ...], lemma_seq: Sequence[str], min_score: int = MIN_SCORE
    ) -> tuple[_Rule | None, list[str]]:
        """The rule with the highest score (first listed wins ties) and the words that hit.

        None when no rule reaches ``min_score``. Entries are looked up by their
        first lemma, so the cost grows with the item, not with the rule file.
        """
        by_first, stems = _index(rules)
        scores = [0] * len(rules)
        hits: list[list[str]] = [[] for _ in rules]
        seen: set[int] = set()
        for i, lemma in enumerate(lemma_seq):
            for pos, entry in by_first.get(lemma, ()):
                if id(entry) in seen:
                    continue
                n = len(entry.lemmas)
                if n == 1 or tuple(lemma_seq[i : i + n]) == entry.lemmas:
                    seen.add(id(entry))
                    scores[pos] += entry.weight
                    hits[pos].append(entry.source)
        for pos, entry in stems:
            if any(lemma.startswith(entry.lemmas[0]) for lemma in lemma_seq):
                scores[pos] += entry.weight
                hits[pos].append(entry.source)
        best_pos, best_score = None, min_score - 1
        for pos, score in enumerate(scores):
            if score > best_score:
                best_pos, best_score = pos, score
        if best_pos is None:
            return None, []
        return rules[best_pos], hits[best_pos]

    @cached_property
    def digest(self) -> str:
        """A hash of the rules' content (what the demand cache is keyed by)."""
        return content_hash(self.categories, self.targets, self.headers, self.refuse)

    def mm_label(self, category: str) -> str | None:
        for rule in self.categories:
            if rule.id == category:
                return rule.mass_mobilization or None
        return None


def _entries(raw: dict, where: str) -> tuple[_Entry, ...]:
    out = []
    for key, weight in (("strong", 2), ("weak", 1)):
        values = raw.get(key, [])
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise ValueError(f"{where}: '{key}' must be a list of strings")
        for value in values:
            text = value.strip()
            if not text:
                continue
            if text.endswith("*"):
                out.append(_Entry(text, (fold(text[:-1]),), True, weight))
                continue
            lem = tuple(lemmas(text))
            if not lem:
                raise ValueError(f"{where}: entry {value!r} has no words")
            out.append(_Entry(text, lem, False, weight))
    return tuple(out)


def _rules(raw: list, kind: str, path: Path) -> tuple[_Rule, ...]:
    rules = []
    seen = set()
    for i, item in enumerate(raw):
        where = f"{path.name}: {kind} #{i + 1}"
        if not isinstance(item, dict) or "id" not in item:
            raise ValueError(f"{where}: each [[{kind}]] needs an id")
        if item["id"] in seen:
            raise ValueError(f"{where}: duplicate id {item['id']!r}")
        seen.add(item["id"])
        rules.append(
            _Rule(
                id=item["id"],
                label=item.get("label", item["id"]),
                mass_mobilization=item.get("mass_mobilization", ""),
                note=item.get("note", ""),
                entries=_entries(item, f"{where} ({item['id']})"),
            )
        )
    return tuple(rules)


def load_rules(path: str | Path | None = None) -> CodingRules:
    """Read a rules file (default: the package's ``data/demand_categories.toml``).

    Parsed once per content (:func:`helpers.cache.watched`): every call checks
    the file and reads it again when it changed, so an edit made while a
    kernel runs is used on the next call. A file without a ``[headers]``
    table keeps the package's header words, so a file of categories alone is
    enough to recode the demands.
    """
    file = Path(path) if path is not None else RULES_FILE
    # What the parsed rules also depend on: the lemmas of their words, the package's headers.
    depends = get_lemmatizer().overrides_digest
    if file != RULES_FILE:
        depends += "|" + load_rules().digest
    rules, _ = watched(file, _parse_rules, depends=depends)
    return rules


def _parse_rules(data: bytes, file: Path) -> CodingRules:
    """The rules in a TOML file's bytes (``file`` names it in error messages)."""
    raw = tomllib.loads(data.decode("utf-8"))
    categories = _rules(raw.get("category", []), "category", file)
    if not categories:
        raise ValueError(f"{file}: no [[category]] tables")
    if "headers" not in raw and file != RULES_FILE:
        # A file with only categories keeps the package's header words.
        default = load_rules()
        return CodingRules(
            categories,
            _rules(raw.get("target", []), "target", file),
            file,
            headers=default.headers,
            refuse=default.refuse,
        )
    headers = raw.get("headers", {})
    if not isinstance(headers, dict):
        raise ValueError(f"{file}: [headers] must be a table")
    refuse = headers.get("refuse", {})
    return CodingRules(
        categories,
        _rules(raw.get("target", []), "target", file),
        file,
        headers={
            kind: _cue_lemmas(headers.get(kind, []), f"{file.name}: headers.{kind}")
            for kind in ("demand", "slogan", "call")
        },
        refuse={
            reason: _cue_lemmas(words_, f"{file.name}: headers.refuse.{reason}")
            for reason, words_ in refuse.items()
        },
    )


def _cue_lemmas(values: object, where: str) -> frozenset[str]:
    """Lemmas of single cue words («требования» -> «требование»)."""
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ValueError(f"{where} must be a list of words")
    out = set()
    for value in values:
        lem = lemmas(value)
        if len(lem) != 1:
            raise ValueError(f"{where}: {value!r} must be a single word")
        out.add(lem[0])
    return frozenset(out)


def category_table(rules: CodingRules | None = None) -> pd.DataFrame:
    """The coding scheme as a table: category, label, Mass Mobilization label, note, rule words."""
    rules = rules or load_rules()
    rows = [
        {
            "category": r.id,
            "label": r.label,
            "mass_mobilization": r.mass_mobilization or None,
            "strong": ", ".join(e.source for e in r.entries if e.weight == 2),
            "weak": ", ".join(e.source for e in r.entries if e.weight == 1),
            "note": r.note or None,
        }
        for r in rules.categories
    ]
    rows.append(
        {
            "category": "other",
            "label": "No rule matched",
            "mass_mobilization": None,
            "strong": "",
            "weak": "",
            "note": None,
        }
    )
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- form

_LEAD = re.compile(r"^[\s«\"„“'(\-–—•*]+")
_AGAINST = re.compile(
    r"^(?:нет\b|долой\b|позор\w*|руки\s+прочь\b|прочь\b|хватит\b|стоп\b|"
    r"ни\s+(?:одн\w*|шагу)\b|не\s+(?:дадим|позволим|допустим|отдадим|отступим|сдадимся)\b|"
    r"не\s+(?:допустить|дать|позволить)\b)",
    re.IGNORECASE,
)
_FOR = re.compile(
    r"^(?:да\s*[-–—:]|да\s+здравству(?:ет|ют)\b|свободу\b|слава\b|вся\s+власть\b|даешь\b|даёшь\b|за\s+(?=\w))",
    re.IGNORECASE,
)
_GIVE_DASH = re.compile(r"\s[-–—]\s")
_WE = re.compile(r"^мы\s+(?:все\s+)?", re.IGNORECASE)
_ADDRESSEE_DASH = re.compile(r"^[^.!?;:]{2,80}?\s[-–—]\s")


def _head(tokens: Sequence[re.Match[str]]) -> tuple[int, Analysis] | None:
    """The first infinitive or noun in ``tokens`` (index and analysis)."""
    for i, tok in enumerate(tokens):
        a = analyse(tok.group())
        # «полицейский произвол»: an adjective reading before a noun is not the head.
        followed_by_noun = i + 1 < len(tokens) and analyse(tokens[i + 1].group()).pos == "NOUN"
        if a.pos == "NOUN" and a.adjective and followed_by_noun:
            continue
        if a.infinitive or a.pos == "NOUN":
            return i, a
    return None


def classify_form(text: str) -> tuple[str, str | None]:
    """Return (form, action) for one item's text; ``action`` is a lemma or None.

    The action's lemma comes from the project's lemmatizer
    (:func:`helpers.nlp.lemmatizer.get_lemmatizer`, with its name rules and
    overrides), so actions join with the lemmas of notebook 02; the form is
    told from pymorphy3's parses.
    """
    body = _WE.sub("", _LEAD.sub("", text))
    tokens = words(body)
    if not tokens:
        return "other", None
    for form, pattern in (("against", _AGAINST), ("for", _FOR)):
        match = pattern.match(body)
        if match:
            cue_words = words(match.group())
            cue_nouns = [w.group() for w in cue_words if analyse(w.group()).pos == "NOUN"]
            if cue_nouns and analyse(cue_nouns[0]).lemma in {"свобода", "слава", "позор", "власть"}:
                return form, action_lemma(cue_nouns[0])
            rest = [t for t in tokens if t.start() >= match.end()]
            head = _head(rest)
            return form, action_lemma(rest[head[0]].group()) if head else None
    # «Профсоюзам всех стран — провести акции …»: an addressee, a dash, an infinitive.
    dash = _ADDRESSEE_DASH.search(body)
    if dash:
        after = [t for t in tokens if t.start() >= dash.end()]
        if after and _is_infn(after[0].group()):
            return "infinitive", action_lemma(after[0].group())
    # Skip openers such as «немедленно», «срочно», «также».
    i = 0
    while i < len(tokens) - 1 and analyse(tokens[i].group()).pos in {"ADVB", "PRCL", "CONJ"}:
        i += 1
    if _is_infn(tokens[i].group()):
        return "infinitive", action_lemma(tokens[i].group())
    for tok in tokens:
        a = analyse(tok.group())
        if a.pos == "VERB":
            if a.imperative:
                return "imperative", action_lemma(tok.group())
            break
    head = _head(tokens[i:])
    if head is None:
        return "other", None
    j, a = head
    action = action_lemma(tokens[i + j].group())
    if a.accusative and _GIVE_DASH.search(body):
        return "for", action  # «Работу – шахтёрам!», «Землю — крестьянам!»
    if a.genitive:
        return "genitive", action
    if a.nominative:
        return "nominal", action
    return "other", action


@lru_cache(maxsize=50_000)
def _is_infn(word: str) -> bool:
    """Whether the best reading of ``word`` is an infinitive (not just some reading)."""
    found = parses(word.lower())
    return bool(found) and (
        found[0].tag.POS == "INFN"
        or (
            any(p.tag.POS == "INFN" for p in found)
            and word.lower().endswith(("ть", "ти", "чь", "ться", "тись"))
        )
    )


def action_lemma(word: str) -> str:
    """The lemma of an item's leading word, from the project's shared lemmatizer."""
    return get_lemmatizer().lemma(word)


_NOT_SLOGAN_OPENERS = frozenset({"вот", "это", "так", "как", "какой", "такой", "ну", "что", "вон"})


def looks_like_slogan(text: str) -> bool:
    """Whether a standalone exclamation opens like a slogan, not like a remark.

    «Вот такая у нас жизнь!», «Это позор!» open with a particle, pronoun or
    conjunction and are remarks; the slogan formulas («Нет …», «Да …», «Не
    дадим …», «Мы не отступим!») are let through first.
    """
    body = _WE.sub("", _LEAD.sub("", text))
    if _AGAINST.match(body) or _FOR.match(body):
        return True
    tokens = words(body)
    if not tokens:
        return False
    first = tokens[0].group()
    if first.lower() in _NOT_SLOGAN_OPENERS:
        return False
    if analyse(first).pos in {"PRCL", "CONJ", "NPRO", "PRED", "INTJ"}:
        return False
    return not _is_address(tokens)


def _is_address(tokens: Sequence[re.Match[str]]) -> bool:
    """«Товарищи!», «Дорогие друзья!»: a short address without a verb, not a slogan."""
    if len(tokens) > 3:
        return False
    analyses = [analyse(t.group()) for t in tokens]
    if any(a.pos in {"VERB", "INFN"} or a.imperative for a in analyses):
        return False
    nouns = [t.group() for t, a in zip(tokens, analyses, strict=True) if a.pos == "NOUN"]
    return bool(nouns) and any(
        p.tag.POS == "NOUN" and {"anim", "plur", "nomn"} <= p.tag.grammemes
        for p in parses(nouns[-1].lower())
    )


def is_statement(text: str) -> bool:
    """Whether an exclamation states a fact rather than voicing a slogan.

    «Борьба рабочих справедлива и она завершится Победой!» has a finite verb
    in the third person (or past tense) or a short adjective: it is a
    statement. «Не дадим закрыть завод!» (first person) and «Национализация
    …!» (no verb) are not.
    """
    body = _WE.sub("", _LEAD.sub("", text))
    if _AGAINST.match(body) or _FOR.match(body):  # «Да здравствует …!», «Долой …!»
        return False
    for tok in words(text):
        a = analyse(tok.group())
        if a.finite_3rd or a.short_adj:
            return True
    return False


# --------------------------------------------------------------------------- one item


def code_item(text: str, rules: CodingRules | None = None) -> dict[str, object]:
    """Code one item: form, action, category (+ Mass Mobilization label, evidence) and target.

    ``category`` and ``target`` are None when no rule word occurs; the caller
    decides about inheritance from a parent item or a list header.
    """
    rules = rules or load_rules()
    form, action = classify_form(text)
    seq = lemmas(text)
    if form == "for" and action is not None and action.lower() == "свобода":
        seq.append("освободить")  # «Свободу Розе Тулетаевой!» asks to free someone
    category, cat_hits = rules.best(rules.categories, seq)
    target, _ = rules.best(rules.targets, seq)
    return {
        "form": form,
        "action": action,
        "category": category.id if category else None,
        "mm_label": category.mass_mobilization or None if category else None,
        "category_evidence": ", ".join(cat_hits) if cat_hits else None,
        "target": target.id if target else None,
    }


def target_of(text: str, rules: CodingRules | None = None) -> str | None:
    """The target named in ``text`` (e.g. a header «требуем от правительства:»), or None."""
    rules = rules or load_rules()
    target, _ = rules.best(rules.targets, lemmas(text), min_score=1)
    return target.id if target else None
