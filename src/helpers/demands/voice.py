"""Who speaks, and whether someone demands: the checks that keep news from reading as demands.

Plain news is full of «требовать» that is not a demand («методы, которые не
требуют хирургического вмешательства», «потребовали бы», «сайт требует
войти в аккаунт») and of exclamations that are not the text's slogans (a
motto quoted in an essay, fans' banners at a match). Three general rules,
used by :mod:`helpers.demands.extract`:

* :func:`statement_like`: a text speaks as a collective («мы», «наш»,
  verbs in the first person plural: «требуем», «призываем»), or names
  itself a resolution, appeal, statement, leaflet, petition in its opening
  lines. Only such texts have closing slogans of their own.
* :func:`is_demanding`: a «требовать» that demands: not negated («не
  требуют»), not hypothetical («потребовали бы»), and its subject, where
  the clause has one, is someone who can demand (a person, a group, an
  organisation or a name), not a thing («механизмы требуют», «сайт
  требует»); «который» stands for the noun before it.
* :func:`subject_after`: the nominative phrase right after the verb
  («…потребовали российские звёзды шоу-бизнеса»): the demand is then what
  comes before the verb, not the subject.

Word analyses come from the shared pymorphy3 analyser
(:func:`helpers.nlp.lemmatizer.parses`), cached per form.
"""

from __future__ import annotations

import re

from helpers.nlp import lemmatizer
from helpers.nlp.patterns import WORD

__all__ = [
    "about_protest",
    "is_decree",
    "is_demanding",
    "starts_with_subject",
    "statement_like",
    "subject_after",
]

#: Nouns for bodies that can demand although pymorphy reads them as inanimate.
AGENT_NOUNS = frozenset(
    {
        "власть", "правительство", "профсоюз", "партия", "организация", "комитет", "суд",
        "прокуратура", "министерство", "минздрав", "ведомство", "администрация", "руководство",
        "компания", "оппозиция", "движение", "союз", "совет", "община", "коллектив",
        "посольство", "сторона", "федерация", "ассоциация", "объединение", "государство",
        "страна", "акимат", "мэрия", "парламент", "сенат", "дума", "фракция", "сообщество",
        "общественность", "профком", "стачком", "собрание", "митинг", "пикет", "конференция",
        "съезд", "резолюция", "обращение", "заявление", "петиция", "альянс", "блок",
        "служба", "управление", "департамент", "инспекция", "полиция", "милиция",
        "следствие", "обвинение", "защита", "клуб", "команда", "банк", "фонд", "группа",
        "народ", "трудящийся", "население", "житель", "рабочий", "протестующий",
    }
)  # fmt: skip
#: Words a text uses to name itself a statement (in its opening lines).
STATEMENT_NOUNS = frozenset(
    {
        "резолюция", "обращение", "заявление", "воззвание", "листовка", "манифест",
        "петиция", "требование", "ультиматум", "декларация", "призыв", "открытый",
        "письмо", "меморандум", "постановление",
    }
)  # fmt: skip
#: Words that name a protest: a paragraph with one of them is about a protest.
PROTEST_LEMMAS = frozenset(
    {
        "митинг", "митинговать", "митингующий", "пикет", "пикетировать", "пикетчик",
        "протест", "протестовать", "протестующий", "протестный", "акция", "демонстрация",
        "демонстрант", "шествие", "марш", "забастовка", "бастовать", "бастующий", "стачка",
        "забастовщик", "манифестация", "манифестант", "голодовка", "голодать", "бунт",
        "восстание", "выступление", "митингующие", "активист", "оппозиционер",
    }
)  # fmt: skip
#: Verbs an official decrees with, in the first person singular («постановляю:», «приказываю:»).
DECREE_LEMMAS = frozenset({"постановлять", "постановить", "приказывать", "приказать"})
#: How many first-person plural words make a text speak as a collective.
MIN_WE_WORDS = 2
#: Opening lines searched for a self-name («Резолюция митинга …»).
OPENING_LINES = 3


def _parses(form: str) -> tuple:
    return lemmatizer.parses(form.lower())


def _we_word(form: str) -> bool:
    """«мы», «нас», «наш…», or a verb in the first person plural («требуем», «призываем»)."""
    first = _parses(form)[0]
    if first.normal_form in {"мы", "наш"}:
        return True
    tag = first.tag
    return tag.POS == "VERB" and tag.person == "1per" and tag.number == "plur"


def statement_like(text: str) -> bool:
    """True when ``text`` speaks as a collective or names itself a statement (module docstring)."""
    we = 0
    for m in WORD.finditer(text):
        if _we_word(m.group()):
            we += 1
            if we >= MIN_WE_WORDS:
                return True
    opening = [line for line in text.splitlines() if line.strip()][:OPENING_LINES]
    for line in opening:
        for m in WORD.finditer(line):
            if _parses(m.group())[0].normal_form in STATEMENT_NOUNS:
                return True
    return False


def about_protest(text: str) -> bool:
    """True when ``text`` (a paragraph) names a protest: rally, picket, strike, march, …"""
    return any(_parses(m.group())[0].normal_form in PROTEST_LEMMAS for m in WORD.finditer(text))


def is_decree(sentence: str) -> bool:
    """«… постановляю:»: one official decrees (a meeting's resolution says «постановили»)."""
    for m in WORD.finditer(sentence):
        for p in _parses(m.group()):
            tag = p.tag
            if p.normal_form in DECREE_LEMMAS and tag.person == "1per" and tag.number == "sing":
                return True
    return False


_CLAUSE_START = re.compile(r"[.!?;:()\n]")


def _is_agent(form: str, sentence_initial: bool) -> bool:
    parses = _parses(form)
    first = parses[0]
    for p in parses:
        if p.normal_form in AGENT_NOUNS or {"anim", "Name", "Surn", "Orgn", "Abbr"} & set(
            map(str, p.tag.grammemes)
        ):
            return True
    if first.tag.POS == "NPRO":
        return first.normal_form in {"я", "мы", "он", "она", "они", "вы", "ты"}
    # A capital inside a sentence, or an all-capital word: a name or an organisation.
    return (form[:1].isupper() and not sentence_initial) or (len(form) > 1 and form.isupper())


def _nominative(form: str) -> bool:
    """``form`` reads as a noun or pronoun in the nominative: its likeliest reading, or a
    nominative/accusative one with no genitive reading («ремонт», not «мая»)."""
    parses = _parses(form)
    first = parses[0]
    if first.tag.POS in {"NOUN", "NPRO"} and first.tag.case == "nomn":
        return True
    nouns = [p for p in parses if p.tag.POS in {"NOUN", "NPRO"}]
    return (
        first.tag.POS in {"NOUN", "NPRO"}
        and any(p.tag.case == "nomn" for p in nouns)
        and not any(p.tag.case == "gent" for p in nouns)
    )


def _only_nominative(form: str) -> bool:
    """``form`` is a noun, adjective or participle read only in the nominative («звёзды» is not
    «звёзд»; «профсоюзы» could be accusative, so it is not)."""
    parses = [p for p in _parses(form) if p.tag.POS in {"NOUN", "ADJF", "PRTF", "NPRO"}]
    return (
        bool(parses)
        and all(p.tag.case == "nomn" for p in parses)
        and (parses[0] is _parses(form)[0])
    )


def is_demanding(text: str, verb_start: int, verb_stop: int) -> bool:
    """Whether the «требовать» at ``text[verb_start:verb_stop]`` is someone demanding."""
    left = 0
    for m in _CLAUSE_START.finditer(text, max(0, verb_start - 300), verb_start):
        left = m.end()
    before = list(WORD.finditer(text, left, verb_start))
    after = list(WORD.finditer(text, verb_stop, min(len(text), verb_stop + 40)))
    near = [w.group().lower() for w in before[-2:]] + [w.group().lower() for w in after[:2]]
    if before and before[-1].group().lower() in {"не", "ни"}:
        return False
    if "бы" in near or "б" in near:
        return False
    if before and before[-1].group().lower() in {"что", "это", "оно"}:
        return False  # «…, что потребовало срочной госпитализации»: a state of things
    # The subject: the nearest nominative noun or pronoun before the verb, up to a comma.
    comma = text.rfind(",", left, verb_start)
    clause = [w for w in before if w.start() > comma]
    # Words after an infinitive are its objects («Отменить штрафы … потребовали»), no subject.
    infinitive = next(
        (i for i, w in enumerate(clause) if _parses(w.group())[0].tag.POS == "INFN"), None
    )
    if infinitive is not None:
        clause = clause[:infinitive]
    for w in reversed(clause):
        lemma = _parses(w.group())[0].normal_form
        if lemma != "который" and not _nominative(w.group()):
            continue
        if lemma == "который":  # «интересы, которые требуют …»: the noun before the comma
            ante = [
                x for x in WORD.finditer(text, left, max(comma, left)) if _nominative(x.group())
            ]
            if not ante:
                return True
            w = ante[-1]
        return _is_agent(w.group(), sentence_initial=w.start() == left or _at_start(text, w))
    return True  # no subject in the clause («В Казани потребовали …»): people are meant


def _at_start(text: str, word: re.Match[str]) -> bool:
    before = text[: word.start()].rstrip(' \t*_«"')
    return not before or before[-1] in ".!?\n"


def starts_with_subject(text: str, start: int, stop: int) -> bool:
    """The words right after the verb open a nominative phrase («…потребовали российские и
    мировые звёзды»): the first word has a nominative reading and no genitive one."""
    first = next(WORD.finditer(text, start, stop), None)
    if first is None:
        return False
    parses = _parses(first.group())
    nominal = [p for p in parses if p.tag.POS in {"NOUN", "ADJF", "PRTF", "NPRO"}]
    return (
        bool(nominal)
        and parses[0].tag.POS in {"NOUN", "ADJF", "PRTF", "NPRO"}
        and any(p.tag.case == "nomn" for p in nominal)
        and not any(p.tag.case == "gent" for p in nominal)
    )


def subject_after(text: str, start: int, stop: int) -> int | None:
    """Where a nominative subject starts within ``text[start:stop]`` (after the verb), or None.

    Only a word that cannot be anything but nominative counts, so an object
    in the accusative («потребовали отставку») is never cut off.
    """
    for w in WORD.finditer(text, start, stop):
        if _only_nominative(w.group()):
            return w.start()
    return None
