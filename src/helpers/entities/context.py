"""What the words around a mention say about it: a title beside a name, an agency credit.

``role_before``
    «президент США Барак Обама», «министр обороны Шойгу», «с женой Мишель»:
    the title or role standing right before a person's name, in dictionary form
    for its head word (президент США, министр обороны, жена). A role is a
    word the dictionary knows as an animate common noun, written in lower case,
    followed by at most a few genitive or capitalised words (России, обороны,
    иностранных дел) before the name; a verb, a comma or a line break in
    between means there is none («сказал Путин»).
``is_credit``
    A mention that names the source of the text rather than something the
    text is about: «МОСКВА, 9 августа. /ТАСС/», «(РИА Новости)», «сообщает
    Интерфакс», «INTERFAX.RU», «АЛМАТЫ, 30 ноября. КазТАГ.». Counting these as
    the most mentioned organisations of a news corpus says only which agency
    the articles came from; the charts leave them out by default.
``verb_gender``
    «Рено поступила», «заявил Кастро»: the gender of the past-tense verb
    written right beside a person's name, which says whether a surname alone
    stands for the woman or the man of that name.
"""

from __future__ import annotations

import re

from helpers.entities.morph import PERSON_TAGS, parses, words

__all__ = ["is_credit", "role_before", "role_parse", "verb_gender"]

#: Words between a role and the name, at most.
MAX_ROLE_WORDS = 5
_CLAUSE_BREAK = re.compile(r"[\n,;:.!?()«»\"“”—–]|\s-\s")
_DOMAIN = re.compile(r"^[\w-]+(?:\.[\w-]+)*\.(?:ru|kz|com|net|org|ua|by|info|su|uz|kg|рф)$", re.I)
_DATELINE = re.compile(
    r"^\s*[А-ЯЁA-Z][А-ЯЁA-Z.\- ]+,\s*\d{1,2}\s+[а-яё]+\.?(?:\s+\d{4}(?:\s*г\.|\s+года)?)?"
    r"\s*[.\-–—/]*\s*$"
)
_REPORTED = re.compile(
    r"(?:сообщает|сообщают|передает|передаёт|пишет|информирует|со\s+ссылкой\s+на|"
    r"по\s+сообщению|по\s+информации|источник|корреспондент)\s*:?\s*$",
    re.I,
)


def role_before(text: str, start: int) -> str:
    """The role or title written right before a name at ``start`` («президент США»), or ""."""
    return role_parse(text, start)[0]


def role_parse(text: str, start: int) -> tuple[str, object]:
    """(role, the parse of its head word as written) before ``start``; ("", None) if none."""
    left = text[max(0, start - 120) : start]
    breaks = list(_CLAUSE_BREAK.finditer(left))
    cut = breaks[-1] if breaks else None
    segment_start = cut.end() if cut else 0
    segment = left[segment_start:]
    tokens = words(segment)
    sentence_start = cut is None or cut.group() in ".!?\n"
    for k in range(len(tokens) - 1, max(-1, len(tokens) - 1 - MAX_ROLE_WORDS), -1):
        word = tokens[k][2]
        lower = word.lower()
        found = parses(lower)
        # Written in lower case, a word is a title even where the dictionary also has it as a
        # name («аким»); capitalised, only at the start of a sentence and never as a name.
        first = k == 0 and sentence_start and word[1:].islower()
        titles = [p for p in found if p.tag.POS == "NOUN" and p.tag.animacy == "anim"]
        # «Аким области Ерлан Серикбаев»: a capitalised title is followed by its lower-case
        # dependent; a first name («Роза Иванова») is not.
        named = _is_name(found) and not (k + 1 < len(tokens) and tokens[k + 1][2].islower())
        best_noun = found[0].tag.POS == "NOUN" if found else False  # «и» is no title
        if (word.islower() or first) and titles and best_noun and not (first and named):
            head = titles[0]
            rest = segment[tokens[k][1] :].strip()
            return (f"{head.normal_form} {rest}".strip() if rest else head.normal_form), head
        if found and found[0].tag.POS in ("CONJ", "PREP", "PRCL", "INTJ"):
            return "", None  # «Шевчук и Гребенщиков»: a list, not a title
        if word[:1].isupper() and not _is_name(found):
            continue  # «США», «России», «МИД»: the role's own dependent
        if word.islower() and any(
            p.tag.case == "gent" and p.tag.POS in ("NOUN", "ADJF") for p in found
        ):
            continue  # «обороны», «иностранных дел»
        return "", None
    return "", None


def _is_name(found) -> bool:
    return any(PERSON_TAGS & p.tag.grammemes for p in found)


def is_credit(text: str, start: int, stop: int, kind: str) -> bool:
    """Whether the mention at ``text[start:stop]`` credits the source of the text."""
    if kind not in ("ORG", "PER"):
        return False
    name = text[start:stop]
    if kind == "ORG" and _DOMAIN.match(name):
        return True
    before, after = text[max(0, start - 2) : start], text[stop : stop + 2]
    if before.endswith("/") and after.startswith("/"):
        return True
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", stop)
    line_end = len(text) if line_end < 0 else line_end
    prefix, suffix = text[line_start:start], text[stop:line_end]
    if kind != "ORG":
        return False
    if before.endswith("(") and after.startswith(")") and not suffix[1:].strip(" .,"):
        return True  # «(РИА Новости)» closing a paragraph
    if _DATELINE.match(prefix):
        return True  # «АЛМАТЫ, 30 ноября. КазТАГ.»
    return bool(_REPORTED.search(prefix))


_NEXT_WORD = re.compile(r"[^\S\n]+([А-ЯЁа-яё]+)")
_WORD_BEFORE = re.compile(r"([А-ЯЁа-яё]+)[^\S\n]+$")
#: Words that, right before a name, govern it («о Рено», «оштрафовал Ким»): then the verb
#: after the name is not known to be the name's (nouns: :func:`_may_govern`).
_GOVERNING_POS = frozenset({"PREP", "VERB", "INFN", "PRTS", "NUMR"})
#: What may stand right before a verb that precedes its subject: a reported-speech
#: attribution («», — заявил Кастро», «как заявил Кастро»).
_ATTRIBUTION = re.compile(r"(?:[,—–»\"“”]|\b(?:как|об\s+этом|это|так))[^\S\n]*$", re.IGNORECASE)


def verb_gender(text: str, start: int, stop: int) -> str | None:
    """«masc» or «femn»: the gender of the past-tense verb whose subject is the name.

    In «Рено поступила на юридический факультет» the verb agrees with its
    subject, so the surname is a woman's; in «…», — заявила Рено» (speech
    attributed, the verb first) too. Only a word that is a singular
    past-tense verb in every reading counts, and only across plain spaces (a
    comma, a quote or a line break in between: it may be another clause's).
    The name must be the subject, not a word another governs, so the verb
    after it counts only when no word that may govern the name stands right
    before it (:func:`_may_govern`: «Муж Соколенко заявил» is the husband's
    verb), and the verb before it only in an attribution, after a comma, a
    dash, a closing quote, «как» or «об этом» («Суд оштрафовал Ким» says
    nothing of Ким).
    """
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    found = _NEXT_WORD.match(text, stop)
    governed = before is not None and _may_govern(before.group(1), text[start:stop])
    if found and not governed:
        gender = _past_gender(found.group(1))
        if gender:
            return gender
    if before and _ATTRIBUTION.search(text, max(0, before.start() - 40), before.start()):
        return _past_gender(before.group(1))
    return None


def _may_govern(word: str, name: str) -> bool:
    """Whether ``word``, right before ``name``, may take it as a dependent (see ``verb_gender``).

    A preposition or a verb may. So may a noun that can only be a subject in
    the nominative («Муж Соколенко заявил»), when the name could be in
    another case: «Аким Нургалиев заявил» keeps the verb («Нургалиев» is
    only a nominative), «В понедельник Цой заявила» too («понедельник» may
    be an accusative of time).
    """
    readings = parses(word.lower())
    if any(p.tag.POS in _GOVERNING_POS for p in readings):
        return True
    subject = bool(readings) and all(
        p.tag.POS in ("NOUN", "NPRO") and p.tag.case == "nomn" for p in readings
    )
    last = name.rsplit(maxsplit=1)[-1].lower() if name.strip() else ""
    return subject and any(p.tag.case not in (None, "nomn") for p in parses(last))


def _past_gender(word: str) -> str | None:
    """The gender of a lower-case word that is a singular past-tense verb in every reading."""
    if not word.islower():
        return None
    readings = parses(word)
    genders = {p.tag.gender for p in readings}
    if (
        readings
        and all(p.tag.POS == "VERB" and {"past", "sing"} <= p.tag.grammemes for p in readings)
        and len(genders) == 1
        and genders <= {"masc", "femn"}
    ):
        return next(iter(genders))
    return None
