"""Which way a date without a year points, read from the sentence around it.

«10 августа … пройдет митинг» in an article of 6 August 2019 is a date to
come (2019-08-10), «28 февраля рабочие вышли» one that has passed. The
year of such a date is chosen from what the sentence says
(:func:`direction`), or borrowed from a date with a year nearby
(:func:`same_sentence`, used by :mod:`helpers.dates.extract`):

* a **plan** («намерен провести», «планируют», «собираются», «обещали
  выплатить», «предстоит») nearer than any other verb looks forward,
  whatever its tense («1 июля министр заявил, что намерен …» looks back:
  «заявил» is nearer);
* a date **scheduled** with «на» («назначен на 1 июля», «перенесли на
  15 января»; not «по состоянию на») looks forward;
* otherwise the **nearest verb or participle** decides: past tense
  («вышли», «прошедшего», «был задержан») looks back, future or present
  («пройдет», «начнётся», «стартующего», «будет») forward;
* a **deadline** («до 15 августа», «к 1 сентября», «не позднее 1 мая»)
  looks forward when no past-tense verb is nearer;
* a **term** set until a date («арестовал до 11 октября», «продлили арест
  до», «решение об аресте … до», «ввели режим ЧП до») looks forward even in
  the past tense: the decision has been taken, its term runs on. A word of
  :data:`TERM_LEMMAS` before the date and nearer it than any tensed verb,
  the date after «до»; a noun only under a decision verb («находился под
  арестом до 11 октября» and «режим, введённый 5 января, действовал до 19
  января» look back). A date placed back earlier in the sentence is when
  the term was set, and the term runs from it («12 августа арестовал до 11
  октября» in a December article is October of that year);
* nothing of the kind: no direction (the caller falls back to the latest
  such date on or before publication).

Sentences are the project's one cut (:func:`helpers.nlp.segment.sentences`),
the ``sent`` units of the token table, so a date is read in the sentence its
row's ``sent`` id names. Word analyses come from the project's one pymorphy3
analyser (:func:`helpers.nlp.lemmatizer.parses`), first parse, cached
per form.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from helpers.nlp import lemmatizer, segment
from helpers.nlp.patterns import WORD

__all__ = ["Direction", "direction", "same_sentence"]

#: Words of intention: the date beside them is to come («намерен», «планируют», «предстоит»).
PLAN_LEMMAS = frozenset(
    {
        "намерен",
        "намеренный",
        "намереваться",
        "планировать",
        "запланировать",
        "собираться",
        "предстоять",
        "ожидаться",
        "анонсировать",
        "наметить",
        "намечать",
    }
)
#: Words of promise, duty or demand: they look forward only over an infinitive nearer the
#: date («обещали выплатить до 15 августа», «обязан погасить», «потребовали до 1 мая
#: вернуть»); on their own they are acts that happened («10 мая рабочие потребовали …»).
GOVERNING_LEMMAS = frozenset(
    {
        "обещать",
        "пообещать",
        "обязать",
        "обязанный",
        "должный",
        "требовать",
        "потребовать",
        "поручить",
        "решить",
        "готовиться",
        "договориться",
    }
)
#: Words that set a term: «до» a date after one of them is when the term ends, still
#: to come when the text reports the decision («арестовал до 11 октября», «продлили
#: арест до», «мера пресечения … до», «ввели режим ЧП до», «отложили до»).
TERM_LEMMAS = frozenset(
    {
        # verbs (their participles reduce to them: «арестован», «введённый»)
        "арестовать",
        "арестовывать",
        "продлить",
        "продлевать",
        "отложить",
        "откладывать",
        "отсрочить",
        "приостановить",
        "приостанавливать",
        "ввести",
        "вводить",
        "запретить",
        "запрещать",
        # nouns: a term only under a decision («приняла решение об аресте … до»)
        "арест",
        "продление",
        "отсрочка",
        "мораторий",
        "пресечение",
        "запрет",
    }
)
#: Verbs of a decision that sets a term named by a noun («приняла решение об аресте до»,
#: «избрал меру пресечения до»); under another verb the noun states a fact that may be
#: over («находился под арестом до 11 октября»).
DECISION_LEMMAS = frozenset(
    {"принять", "избрать", "вынести", "назначить", "наложить", "постановить", "решить"}
)
_UNTIL = re.compile(r"(?:^|\s)(?:вплоть\s+)?до\s*$")
#: Words before a date that make it a deadline («до 15 августа», «к 1 сентября»).
_DEADLINE = re.compile(r"(?:^|\s)(?:вплоть\s+до|до|к|ко|не\s+позднее|не\s+позже)\s*$")
#: «на 1 июля» schedules (not «по состоянию на 1 июля», which states a time of reckoning).
_SCHEDULED = re.compile(r"(?:^|\s)на\s*$")
_RECKONING = re.compile(r"состоянию\s+на\s*$")
_TENSED = frozenset({"VERB", "PRTF", "PRTS", "GRND"})
#: How far (in words) a verb may stand from the date and still govern it.
MAX_VERB_DISTANCE = 12
#: Crossing a colon or a dash counts more: what follows is another statement («объявил: …»).
COLON_PENALTY = 5
#: Crossing a comma counts as this many extra words: another clause is less likely to govern.
COMMA_PENALTY = 3


class Direction(NamedTuple):
    """``way`` is ``"forward"``, ``"back"`` or ``None``; ``why`` says what decided it."""

    way: str | None
    why: str


@lru_cache(maxsize=65536)
def _word_info(form: str) -> tuple[frozenset[str], str | None, str | None]:
    """(lemmas of all parses, POS, tense of the first parse) of ``form``; tense None for 1st/2nd
    person.

    A verb in the first or second person speaks of the writer and reader
    («Напомним, …», «Вспомним события 16 декабря»), not of the event dated.

    An adjective (or a noun made from one) that is also a participle
    («прошедшего», «прошедший») is read as the participle: its tense is what
    tells the date's way.
    """
    parses = lemmatizer.parses(form)
    parse = parses[0]
    if parse.tag.POS in {"ADJF", "NOUN"}:
        parse = next((p for p in parses if p.tag.POS == "PRTF"), parse)
    tense = None if parse.tag.person in {"1per", "2per"} else parse.tag.tense
    return frozenset(p.normal_form for p in parses), parse.tag.POS, tense


def _sentence_bounds(text: str, start: int, stop: int) -> tuple[int, int]:
    """The sentence (or sentences) of ``text[start:stop]``: the ``sent`` units it touches."""
    spans = segment.sentences(text)
    if not spans:
        return 0, len(text)
    _, (first, last) = segment.locate(text, (start, max(start, stop - 1)))
    return spans[first][1], spans[last][2]


def same_sentence(text: str, a: tuple[int, int], b: tuple[int, int]) -> bool:
    """True when the spans ``a`` and ``b`` lie in one sentence (one ``sent`` id)."""
    _, sent = segment.locate(text, (a[0], max(a[0], a[1] - 1), b[0], max(b[0], b[1] - 1)))
    return len(set(sent.tolist())) == 1


def same_paragraph(text: str, a: tuple[int, int], b: tuple[int, int]) -> bool:
    """True when no line break lies between the spans ``a`` and ``b``."""
    lo, hi = (a[1], b[0]) if a[0] <= b[0] else (b[1], a[0])
    return lo >= hi or "\n" not in text[lo:hi]


def _sets_term(pos: str | None, farther: list[tuple]) -> bool:
    """Whether a term word sets the term: a verb always, a noun under a decision verb.

    ``farther`` are the sentence's words farther from the date, nearest
    first; the first tensed one among them is the noun's verb, and no verb at
    all («Мера пресечения — до 11 октября») leaves the noun to set the term.
    """
    if pos != "NOUN":
        return True
    verb = next((w for w in farther if w[3] in _TENSED and w[4] is not None), None)
    return verb is None or bool(verb[2] & (DECISION_LEMMAS | TERM_LEMMAS))


def direction(text: str, start: int, stop: int) -> Direction:
    """Whether the date at ``text[start:stop]`` lies ahead of or behind the writer (see module).

    ``text`` is the document as written (its sentences are cut on it: razdel
    reads capitals); words and ``why`` are in lower case.
    """
    left, right = _sentence_bounds(text, start, stop)
    before = text[left:start].lower()
    scored: list[tuple[float, str, frozenset[str], str | None, str | None, bool]] = []
    for m in WORD.finditer(text, left, right):
        if start <= m.start() < stop:
            continue
        between = text[m.end() : start] if m.end() <= start else text[stop : m.start()]
        distance = (
            len(WORD.findall(between))
            + COMMA_PENALTY * between.count(",")
            + COLON_PENALTY * sum(between.count(c) for c in ":—–")
        )
        if distance > MAX_VERB_DISTANCE:
            continue
        word = m.group().lower()
        lemma, pos, tense = _word_info(word)
        scored.append((distance, word, lemma, pos, tense, m.end() <= start))
    scored.sort(key=lambda s: s[0])
    deadline = _DEADLINE.search(before)
    if _SCHEDULED.search(before) and not _RECKONING.search(before):
        return Direction("forward", "scheduled «на»")
    until = _UNTIL.search(before)
    for i, (_, word, lemmas, pos, tense, ahead) in enumerate(scored):
        if lemmas & PLAN_LEMMAS:
            return Direction("forward", f"plan «{word}»")
        if until and ahead and lemmas & TERM_LEMMAS and _sets_term(pos, scored[i + 1 :]):
            return Direction("forward", f"term «{word} … до»")
        if pos == "INFN":
            # «намерен провести 1 июля»: an infinitive looks forward under a word of intention.
            governing = PLAN_LEMMAS | GOVERNING_LEMMAS
            plan = next((s for s in scored[i + 1 :] if s[2] & governing), None)
            if plan is not None:
                return Direction("forward", f"plan «{plan[1]} {word}»")
            continue
        if pos not in _TENSED or tense is None:
            continue
        if tense == "past":
            return Direction("back", f"past tense «{word}»")
        if deadline:
            break
        return Direction("forward", f"{'future' if tense == 'futr' else 'present'} tense «{word}»")
    if deadline:
        return Direction("forward", f"deadline «{deadline.group().strip()}»")
    return Direction(None, "no tense or deadline")
