"""Protest event reports: one row per event as one article tells it.

:func:`protest_events` reads each document's sentences that name a form of
protest (the word lists are in :mod:`helpers.events.lexicon`) and codes,
from the sentence and what the other stages found in it, the event's form,
status, date, place, actors, employer, size, claims, causes and the state's
response. Reports of the same event within one article are joined into one
row; :func:`helpers.events.group.events` then links reports of one event
across articles.

Rules, written down so that a count means one thing:

* **Form** – the sentence's strongest trigger, in the order of
  :data:`~helpers.events.lexicon.FORMS`: hunger strike («голодовка»),
  occupation («отказываются покидать цех», «захват»), road block
  («перекрыли трассу»), strike («забастовка», «стачка», «бастуют»,
  «отказались выходить на работу», «прекратили работу»), picket, march
  («шествие»), rally («митинг», «сход», «акция протеста», «траурная акция»,
  «собрались у акимата»), appeal («открытое письмо», «обращение к
  президенту», «видеообращение», «петиция»), other («протест»). A
  participle or gerund («по бастующим нефтяникам», «протестуя») counts only
  when the sentence has no noun or finite verb trigger. «Акция» counts only
  beside «протест», «солидарность», «траурный», «памяти»; never beside
  shop words («скидка», «покупатель»).
* **No event** – a sentence about a law, a code, a procedure or a lawsuit
  («право на забастовку», «закон … признаёт забастовку незаконной») is no
  report; nor is a trigger without a finite verb or a date in its sentence
  («Забастовка – оружие рабочих»).
* **Status** – strongest first: ``banned`` («запретил», «не согласовали»),
  ``called_off`` («отменили», «отложили»), ``threatened`` («пригрозили»,
  «угрожают»), ``planned`` («планируют», «намерены», «собирался», «призвали»,
  or only future-tense verbs), ``ongoing`` (present-tense verbs, «продолжают»,
  «N-й день», «бессрочная»), else ``occurred``.
* **Date** – the first valid date of :func:`helpers.dates.referenced_dates`
  in the sentence that is not a deadline («до 15 октября»); «двенадцатый
  день голодовки», «третьи сутки» count back from that date or from the
  publication date (the start of a 12-day hunger strike reported on 20 March
  is 9 March). A threat is dated by the text that reports it. Else the
  publication date, ``date_precision = "publication"``.
* **Place** – places named in the sentence (entity mentions, LOC first,
  then organisations whose town the places table knows, then capitalised
  words), resolved by :mod:`helpers.events.gazetteer`; a settlement beats a
  region or a country. Else the last place named earlier in the paragraph,
  else the document's first settlement.
* **Size** – a number of people in the sentence (or, counting
  «участников», in the next two sentences), by a conservative rule in the
  manner of Count Love: «23 шахтёра» 23–23; «около/примерно/до/почти 300
  рабочих» 300–300; «более/свыше тысячи» 1000–1999 (more than N is N to
  2N−1); «несколько десятков», «десятки» 20–99; «сотни», «несколько сотен»
  200–999; «тысячи», «несколько тысяч» 2000–9999; «сотня» 100; «полторы
  тысячи» 1500. A number beside «задержали», «погибли», «уволили»,
  «работать» counts someone else and is not taken.
* **State response** – from the sentence and the next two sentences up to
  the next event sentence: ``detention``, ``arrest``, ``fine``,
  ``dispersal``, ``shooting`` («открыла огонь»), ``killing`` («погибли»),
  ``negotiation`` («переговоры», «аким вышел к протестующим»), ``concession``
  («согласилось повысить зарплату», «требования удовлетворены»), joined by
  «;» in that order.
* **Claims** – the demands :func:`helpers.demands.find_demands` finds
  (``reported=True``), each given to the nearest event sentence before it
  (or the first one), with its category; **causes** (CSLR-style labour
  causes) from the evidence and the claims.
* **One article, one report per event** – sentences of the same form whose
  places agree (or one has none) and whose dates lie within a year (a date
  read from the publication agrees with any) are one report: the earliest
  date, the latest end, the largest size, every response; status: ongoing,
  then occurred, called off, banned, planned, threatened. A sentence that names
  neither a date nor a place of its own refers back: it joins the article's
  earlier report of the same form even at another place, and a bare «протест»
  («после подавления протеста нефтяников») joins the earlier report of any
  form, without changing its status.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise

import pandas as pd

from helpers.events import lexicon as lx
from helpers.events.gazetteer import Gazetteer, Place, get_gazetteer
from helpers.nlp import segment
from helpers.nlp.lemmatizer import get_lemmatizer, parses
from helpers.nlp.patterns import WORD, fold_yo
from helpers.runner import per_document

__all__ = ["REPORT_COLUMNS", "EventWarning", "events_in_text", "protest_events"]

#: Columns of :func:`protest_events`, in order.
REPORT_COLUMNS = [
    "doc_id",
    "event_id",
    "start",
    "stop",
    "evidence",
    "rule",
    "form",
    "status",
    "date",
    "date_end",
    "date_precision",
    "place",
    "region",
    "country",
    "lat",
    "lon",
    "place_key",
    "actor",
    "employer",
    "size_low",
    "size_high",
    "size_text",
    "claims",
    "claim_categories",
    "cause",
    "state_response",
    "n_sentences",
]
#: Joining reports within a document: statuses, most advanced first.
#: Statuses of events still ahead: a date written without a year is the next such date.
_AHEAD = {"planned", "threatened", "banned"}
STATUS_ORDER = ("ongoing", "occurred", "called_off", "banned", "planned", "threatened")
#: Sentences after an event sentence read for its size and the state's response.
FOLLOWING_SENTENCES = 2

# A cheap first pass over the whole text: only sentences with one of these are read.
_PREFILTER = re.compile(
    r"забастов|бастов|бастую|стачк|голод|митинг|пикет|шестви|марш|акци|протест|сход|"
    r"покида|захват|перекры|блокир|перегород|работу|работа|обращ|письм|петици|собрал|вышли|"
    r"выйти|выходи",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+(?:[ \u00a0]\d{3})*")
_TOKEN = re.compile(rf"{WORD.pattern}|\d+(?:[ \u00a0]\d{{3}})*(?:-[а-я]+)?")


class EventWarning(UserWarning):
    """A document whose events could not be read (it is named; the run goes on)."""


@dataclass(slots=True)
class _Tok:
    start: int
    stop: int
    form: str
    lemma: str
    pos: str
    tense: str | None


@cache
def _analyse(form: str) -> tuple[str, str, str | None]:
    """Lemma, part of speech and tense of a word form (cached per form)."""
    lemmatizer = get_lemmatizer()
    if form[0].isdigit():
        return form, "NUMB", None
    lemma, pos = lemmatizer.lemmatize(form)
    if form[0].isupper() and not form.isupper():
        lower = lemmatizer.lemmatize(form.lower())
        if lower[0] in _vocabulary():  # «Десятки жителей» at a sentence start is no name
            lemma, pos = lower
    tense = None
    if pos == "VERB":
        tag = parses(form.lower())[0].tag
        tense = tag.tense
        if tense == "pres" and tag.aspect == "perf":
            tense = "futr"
    return lemma, pos, tense


@cache
def _vocabulary() -> frozenset[str]:
    """Every lemma the lexicon names (sets of strings and dict keys)."""
    words: set[str] = set()
    for value in vars(lx).values():
        if isinstance(value, dict):
            for key, item in value.items():
                if isinstance(key, str):
                    words.add(key)
                if isinstance(item, set | frozenset):
                    words |= item
        elif isinstance(value, set | frozenset):
            words |= {w for w in value if isinstance(w, str)}
    return frozenset(words)


def _tokens(text: str, start: int, stop: int) -> list[_Tok]:
    out = []
    for m in _TOKEN.finditer(text, start, stop):
        lemma, pos, tense = _analyse(m.group())
        out.append(_Tok(m.start(), m.end(), m.group(), fold_yo(lemma), pos, tense))
    return out


def _e(words: Iterable[str]) -> set[str]:
    """Lemmas with ё read as е (the lemmatizer writes е where the text does)."""
    return {fold_yo(w) for w in words}


_FORM_LEMMAS = {form: _e(words) for form, words in lx.FORM_LEMMAS.items()}
_ACTORS = {fold_yo(k): v for k, v in lx.ACTORS.items()}
_PEOPLE = _e(lx.PEOPLE_LEMMAS)
_PARTICIPANTS = _e(lx.PARTICIPANT_LEMMAS)
_NOT_PARTICIPANTS = _e(lx.NOT_PARTICIPANTS)
_ORDINALS = {fold_yo(k): v for k, v in lx.ORDINALS.items()}
_WEAK_POS = {"PRTF", "PRTS", "GRND", "ADJF", "ADJS"}
_FINITE = {"VERB", "PRTS"}


# --------------------------------------------------------------------------- forms


def _find_form(toks: list[_Tok]) -> tuple[str, str, bool, int] | None:
    """``(form, rule, strong, at)`` of the strongest trigger in a sentence, or None.

    ``strong``: a noun or finite-verb trigger, not only a participle or gerund;
    ``at``: the trigger's token index.
    """
    lemmas = [t.lemma for t in toks]
    lemma_set = set(lemmas)
    strong: dict[str, str] = {}
    weak: dict[str, str] = {}

    def near(i: int, words: set[str], before: int = 0, after: int = 4) -> bool:
        return any(
            lemmas[j] in words
            for j in range(max(0, i - before), min(len(toks), i + after + 1))
            if j != i
        )

    for i, tok in enumerate(toks):
        lemma = tok.lemma
        found: tuple[str, str] | None = None
        for form, words in _FORM_LEMMAS.items():
            if lemma in words:
                found = (form, f"{form}:{lemma}")
                break
        if (
            lemma == "акция"
            and lemma_set & lx.ACTION_MODIFIERS
            and not lemma_set & lx.COMMERCE_LEMMAS
        ):
            found = ("rally", "rally:акция протеста")
        elif lemma in lx.ROAD_BLOCK_VERBS and near(i, lx.ROAD_WORDS):
            found = ("road_block", f"road_block:{lemma}")
        elif (
            lemma in lx.WORK_REFUSAL_VERBS
            and near(i, lx.WORK_WORDS, after=3)
            and (near(i, {"отказаться", "отказываться", "не"}, before=2, after=0))
        ):
            found = ("strike", "strike:refused to work")
        elif (
            lemma in lx.WORK_STOP_VERBS
            and near(i, {"работа"}, after=2)
            and lemma_set
            & set(_ACTORS)  # workers stopped work, not «прекратило работу телеканалов»
        ):
            found = ("strike", "strike:stopped work")
        elif (
            lemma in lx.OCCUPATION_VERBS
            and near(i, lx.OCCUPATION_PLACES, after=3)
            and (near(i, {"отказаться", "отказываться", "не"}, before=2, after=0))
        ):
            found = ("occupation", "occupation:refuse to leave")
        elif lemma in lx.OCCUPATION_SEIZE and near(i, lx.OCCUPATION_PLACES, after=3):
            found = ("occupation", f"occupation:{lemma}")
        elif (
            lemma in lx.APPEAL_NOUNS
            and (
                (lemma == "письмо" and near(i, {"открытый", "коллективный"}, before=2, after=0))
                or (lemma == "обращение" and near(i, lx.APPEAL_ADDRESSEES, after=3))
            )
        ) or (lemma in lx.APPEAL_VERBS and near(i, lx.APPEAL_ADDRESSEES, after=4)):
            found = ("appeal", f"appeal:{lemma}")
        elif (
            lemma in lx.GATHER_VERBS
            and near(i, lx.GATHER_PLACES, after=4)
            and not (lemma == "выйти" and near(i, {"работа"}, after=2))
        ):
            found = ("rally", f"rally:{lemma} у/на")
        if found is None:
            continue
        if i and toks[i - 1].lemma in lx.NOT_PROTEST_MODIFIERS:
            continue
        if i and tok.form[:1].isupper():
            continue  # a capital inside a sentence is a title or a name («Марш Турецкого»)
        if found[0] == "appeal" and not lemma_set & (set(_ACTORS) | lx.APPEAL_ADDRESSEES):
            continue  # a video address of a hockey player: no workers, no addressee
        bucket = weak if tok.pos in _WEAK_POS else strong
        bucket.setdefault(found[0], (found[1], i))
    for bucket in (strong, weak):
        for form in lx.FORMS:
            if form in bucket:
                rule, at = bucket[form]
                return form, rule, bucket is strong, at
    return None


def _is_generic(toks: list[_Tok]) -> bool:
    """A sentence about strikes in general: a law, a procedure, a lawsuit, «право на забастовку»."""
    lemmas = [t.lemma for t in toks]
    if set(lemmas) & lx.GENERIC_LEMMAS:
        return True
    triggers = set().union(*_FORM_LEMMAS.values())
    return any(
        lemma in lx.RIGHT_LEMMAS
        and lemmas[i + 1 : i + 2] == ["на"]
        and set(lemmas[i + 2 : i + 4]) & triggers
        for i, lemma in enumerate(lemmas)
    )


#: Tokens either side of the trigger read for a status word («пригрозили забастовкой»,
#: «запретил митинг», «отменили забастовку»; not «отмены приказа» further on).
STATUS_REACH = 5


def _status(toks: list[_Tok], at: int | None = None) -> str:
    """The status of the event whose trigger is token ``at`` (see the module docstring)."""
    near = toks if at is None else toks[max(0, at - STATUS_REACH) : at + STATUS_REACH + 1]
    lemmas = [t.lemma for t in near]
    lemma_set = set(lemmas)
    pairs = set(pairwise(lemmas)) | set(zip(lemmas, lemmas[2:], strict=False))
    if lemma_set & lx.BANNED_LEMMAS or pairs & lx.BANNED_PAIRS:
        return "banned"
    if lemma_set & lx.CALLED_OFF_LEMMAS:
        return "called_off"
    if lemma_set & lx.THREAT_LEMMAS:
        return "threatened"
    if lemma_set & lx.PLAN_LEMMAS:
        return "planned"
    verbs = [(abs(k - at) if at is not None else 0, t.tense) for k, t in enumerate(toks) if t.tense]
    # the verb nearest the trigger says when («заявили, что 10 апреля проведут забастовку»)
    tenses = {min(verbs)[1]} if verbs and at is not None else {tense for _, tense in verbs}
    ongoing_verb = any(t.lemma in lx.ONGOING_LEMMAS and t.tense == "pres" for t in toks)
    if ongoing_verb or _day_count(toks) is not None:
        return "ongoing"
    if tenses == {"futr"}:
        return "planned"
    if "pres" in tenses and "past" not in tenses:
        return "ongoing"
    return "occurred"


def _day_count(toks: list[_Tok]) -> int | None:
    """N of «N-й день голодовки», «третьи сутки», «12-й день»; None if absent."""
    for a, b in pairwise(toks):
        if b.lemma not in lx.DAY_WORDS:
            continue
        if a.lemma in _ORDINALS:
            return _ORDINALS[a.lemma]
        m = re.fullmatch(r"(\d{1,3})-(?:й|ий|ый|ой|е|и|ые|го|м)", a.form)
        if m:
            return int(m.group(1))
    return None


# --------------------------------------------------------------------------- sizes


def _number_at(toks: list[_Tok], i: int) -> tuple[float, int, bool] | None:
    """Value of the number starting at token i, tokens used, and whether it is a bare plural."""
    tok = toks[i]
    if tok.pos == "NUMB":
        digits = re.sub(r"\D", "", tok.form.split("-")[0])
        if not digits:
            return None
        value: float = int(digits)
        used = 1
    elif tok.lemma in lx.NUMBER_WORDS:
        value, used = lx.NUMBER_WORDS[tok.lemma], 1
    elif tok.lemma in lx.MULTIPLIERS:
        plural = tok.form.lower() in {"тысячи", "сотни", "десятки", "тысяч", "сотен", "десятков"}
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if plural and nxt is not None and nxt.lemma == "тысяча":  # «десятки тысяч»
            return lx.MULTIPLIERS[tok.lemma] * 1000, 2, True
        return lx.MULTIPLIERS[tok.lemma], 1, plural
    else:
        return None
    if i + used < len(toks) and toks[i + used].lemma in lx.MULTIPLIERS:
        value *= lx.MULTIPLIERS[toks[i + used].lemma]
        used += 1
    elif i + used < len(toks) and toks[i + used].form.lower().rstrip(".") in {"тыс"}:
        value *= 1000
        used += 1
    return value, used, False


_PLURAL_RANGES = {
    1000: (2000, 9999),
    100: (200, 999),
    10: (20, 99),
    10_000: (20_000, 99_999),
    100_000: (200_000, 999_999),
}


def _sizes(
    toks: list[_Tok], people: set[str], dates: Iterable[tuple] = ()
) -> list[tuple[int, int, int, int]]:
    """``(low, high, start, stop)`` of every count of people in the tokens (dates are no counts)."""
    in_dates = [(d[0], d[1]) for d in dates]
    toks = [t for t in toks if not any(a <= t.start < b for a, b in in_dates)]
    found = []
    i = 0
    while i < len(toks):
        tok = toks[i]
        qualifier = None
        j = i
        if tok.lemma in lx.MORE_THAN | lx.ABOUT | lx.SEVERAL or tok.form.lower() in {"по", "как"}:
            if tok.form.lower() in {"по", "как"}:  # «по меньшей мере», «как минимум»
                k = i + 1
                while k < len(toks) and toks[k].lemma in {"меньший", "мера", "минимум"}:
                    k += 1
                qualifier, j = "about", k
            else:
                qualifier = (
                    "more"
                    if tok.lemma in lx.MORE_THAN
                    else "several"
                    if tok.lemma in lx.SEVERAL
                    else "about"
                )
                j = i + 1
        if j >= len(toks):
            break
        number = _number_at(toks, j)
        if number is None:
            i += 1
            continue
        value, used, bare_plural = number
        end = j + used
        # the people counted: within three words after the number
        who = next(
            (k for k in range(end, min(len(toks), end + 3)) if toks[k].lemma in people), None
        )
        window = [] if who is None else toks[max(0, i - 3) : min(len(toks), who + 2)]
        if who is None or any(t.lemma in _NOT_PARTICIPANTS for t in window):
            i = end
            continue
        multiplier_only = toks[j].lemma in lx.MULTIPLIERS
        if qualifier == "several" and multiplier_only:
            low, high = _PLURAL_RANGES[int(value)]
        elif qualifier == "several":
            low, high = int(value) * 2, int(value) * 9
        elif multiplier_only and bare_plural and (qualifier is None or used == 2):
            low, high = _PLURAL_RANGES[int(value)]
        elif qualifier == "more":
            low, high = int(value), int(value) * 2 - 1
        else:
            low = high = int(value)
        if low >= 2:
            found.append((low, high, toks[i].start, toks[who].stop))
        i = end
    return found


# --------------------------------------------------------------------------- responses, causes


def _responses(toks: list[_Tok]) -> set[str]:
    # «в годовщину расстрела», «памяти погибших»: a response recalled, not one to this event
    recalled = {
        j
        for i, t in enumerate(toks)
        if t.lemma in lx.RECALL_LEMMAS
        for j in range(i + 1, min(len(toks), i + 4))
    }
    lemmas = [t.lemma if i not in recalled else "" for i, t in enumerate(toks)]
    found = {name for name, words in lx.RESPONSES.items() if set(lemmas) & _e(words)}
    for name, (verbs, objects) in lx.RESPONSE_PAIRS.items():
        for i, lemma in enumerate(lemmas):
            if lemma in verbs and any(w in objects for w in lemmas[i + 1 : i + 4]):
                found.add(name)
            elif name == "negotiation" and lemma in verbs and "к" in lemmas[max(0, i - 3) : i]:
                found.add(name)  # «К протестующим вышел аким»
    # «требуют встречи», «отказалась вести диалог»: negated or demanded talks are none.
    if "negotiation" in found and {"отказаться", "требовать", "добиваться"} & set(lemmas):
        found.discard("negotiation")
    if "concession" in found and "не" in lemmas and "удовлетворить" in lemmas:
        found.discard("concession")
    return found


def _causes(lemmas: set[str]) -> list[str]:
    found = []
    if lemmas & lx.WAGE_WORDS and lemmas & lx.ARREARS_WORDS:
        found.append("wage_arrears")
    for name, words in lx.CAUSES.items():
        if name == "wages" and not lemmas & lx.WAGE_WORDS:
            continue
        if lemmas & words:
            found.append(name)
    if not found and lemmas & lx.WAGE_WORDS:
        found.append("wages")
    return [c for c in lx.CAUSE_ORDER if c in found]


# --------------------------------------------------------------------------- places


@dataclass
class _DocContext:
    text: str
    published: pd.Timestamp | None
    mentions: list[tuple[int, int, str, str, str]]  # start, stop, type, canonical, text
    dates: list[tuple[int, int, pd.Timestamp, str, pd.Timestamp | None, bool]]
    regions: frozenset[str] = frozenset()
    resolved: dict[int, Place | None] = field(default_factory=dict)


#: Shorter names are not looked up (GeoNames has villages called «Гу», «Ли»).
MIN_NAME_LETTERS = 3


def _resolve_mention(
    gazetteer: Gazetteer, ctx: _DocContext, kind: str, canonical: str, written: str
) -> Place | None:
    whole = [canonical, written]
    words = WORD.findall(written) if " " in written.strip() else []
    parts = [get_lemmatizer().lemma(w).capitalize() for w in words if w[:1].isupper()]
    for name in whole + parts:
        if len(name) < MIN_NAME_LETTERS:
            continue
        place = gazetteer.lookup(name, regions=ctx.regions)
        if place is None:
            continue
        if kind == "ORG" and place.level != "settlement":
            continue  # «Казахстанская правда» is no place
        if (
            kind == "ORG"
            and name in whole
            and place.country != "Казахстан"
            and not gazetteer.is_alias(name)
        ):
            continue  # партия «Свобода» abroad: an organisation is a place if the table says so
        if name not in whole and place.country != "Казахстан":
            continue  # a word of a longer name («Московской городской думы») abroad: no place
        return place
    return None


def _places_in(gazetteer: Gazetteer, ctx: _DocContext, start: int, stop: int, toks: list[_Tok]):
    """Places named in ``[start, stop)``: mentions first, then capitalised words."""
    places: list[Place] = []
    covered = []
    for index, (m_start, m_stop, kind, canonical, written) in enumerate(ctx.mentions):
        if m_start >= stop or m_stop <= start or kind == "PER":
            continue
        covered.append((m_start, m_stop))
        if index not in ctx.resolved:
            ctx.resolved[index] = _resolve_mention(gazetteer, ctx, kind, canonical, written)
        if ctx.resolved[index] is not None:
            places.append(ctx.resolved[index])
    for n, tok in enumerate(toks):
        if n == 0 or not tok.form[:1].isupper() or any(a <= tok.start < b for a, b in covered):
            continue  # a capital at a sentence start says nothing («Шумиха, акции протеста»)
        if tok.pos != "NOUN" or len(tok.form) < MIN_NAME_LETTERS:
            continue
        place = gazetteer.lookup(tok.lemma, regions=ctx.regions) or gazetteer.lookup(
            tok.form, regions=ctx.regions
        )
        if place is not None and (place.level != "settlement" or place.country == "Казахстан"):
            places.append(place)
    return places


def _best_place(places: list[Place]) -> Place | None:
    order = {"settlement": 0, "region": 1, "country": 2}
    return min(places, key=lambda p: order[p.level]) if places else None


def _org_roles(ctx: _DocContext, start: int, stop: int, text: str, toks: list[_Tok]):
    """Organisations named in the span, as (actors, employers)."""
    actors, employers = [], []
    lemmas_before = {t.start: t.lemma for t in toks}
    starts = sorted(lemmas_before)
    for m_start, m_stop, kind, canonical, _ in ctx.mentions:
        if kind != "ORG" or m_start >= stop or m_stop <= start:
            continue
        words = {get_lemmatizer().lemma(w) for w in WORD.findall(canonical)}
        if words & lx.STATE_ORG_WORDS:
            continue
        if words & lx.ACTOR_ORG_WORDS:
            actors.append(canonical)
            continue
        before = [lemmas_before[s] for s in starts if s < m_start][-3:]
        if set(before) & set(_ACTORS) or set(before) & {"компания", "завод", "предприятие"}:
            employers.append(canonical)
        else:
            employers.append(canonical)
    for m in lx.EMPLOYER_BEFORE_NAME.finditer(text, start, stop):
        name = m.group(1).strip()
        if not any(
            name.casefold() in e.casefold() or e.casefold() in name.casefold() for e in employers
        ):
            employers.append(name)
    return actors, employers


# --------------------------------------------------------------------------- one document


@dataclass
class _Report:
    start: int
    stop: int
    rule: str
    form: str
    status: str
    date: pd.Timestamp | None
    date_end: pd.Timestamp | None
    precision: str
    place: Place | None
    actors: list[str]
    employers: list[str]
    size: tuple[int, int, str] | None
    responses: set[str]
    lemmas: set[str]
    window: tuple[int, int]
    claims: list[tuple[str, str, str]] = field(default_factory=list)  # text, category, mm
    n_sentences: int = 1
    place_in_sentence: bool = True

    @property
    def vague(self) -> bool:
        """Neither its date nor its place is in its own sentence: it refers back."""
        return self.precision in {"publication", "unknown"} and not self.place_in_sentence


def _sentence_date(ctx: _DocContext, toks: list[_Tok], start: int, stop: int, status: str):
    if status != "threatened":
        for d_start, d_stop, date, precision, date_end, inferred in ctx.dates:
            if d_start < start or d_stop > stop:
                continue
            before = ctx.text[max(start, d_start - 4) : d_start].lower()
            if re.search(r"\bдо\s*$", before):
                continue  # a deadline, not the event's date
            count = _day_count(toks)
            if count is not None and precision == "day":
                return date - pd.Timedelta(days=count - 1), None, "day"
            if (
                inferred
                and status not in _AHEAD
                and ctx.published is not None
                and date > ctx.published
            ):
                # «с 18 ноября держат голодовку» (published 20 November): this November
                date = date - pd.DateOffset(years=1)
                date_end = None if date_end is None else date_end - pd.DateOffset(years=1)
            if inferred and status in _AHEAD and ctx.published is not None and date < ctx.published:
                # «планирует провести митинг 20 октября» (published 2 October): this October
                date = date + pd.DateOffset(years=1)
                date_end = None if date_end is None else date_end + pd.DateOffset(years=1)
            return date, date_end, precision
    if ctx.published is None:
        return None, None, "unknown"
    count = _day_count(toks)
    if count is not None:
        return ctx.published - pd.Timedelta(days=count - 1), None, "day"
    return ctx.published, None, "publication"


def _read_document(
    doc_id: str, ctx: _DocContext, gazetteer: Gazetteer, demands: list[tuple]
) -> list[_Report]:
    text = ctx.text
    if not _PREFILTER.search(text):
        return []
    spans = [(start, stop) for _, start, stop in segment.sentences(text)]
    starts = [start for start, _ in spans]
    candidates = []
    sentence_stop = -1
    for m in _PREFILTER.finditer(text):
        if m.start() < sentence_stop:
            continue  # a second trigger word in the same sentence
        index = max(0, bisect_right(starts, m.start()) - 1)
        candidates.append(index)
        sentence_stop = spans[index][1]
    token_cache: dict[int, list[_Tok]] = {}

    def sentence_tokens(index: int) -> list[_Tok]:
        if index not in token_cache:
            token_cache[index] = _tokens(text, *spans[index])
        return token_cache[index]

    regions = set()
    for _start, _stop, kind, canonical, _written in ctx.mentions:
        if kind == "LOC":
            place = gazetteer.lookup(canonical)
            if place is not None and place.level == "region":
                regions.add(place.region)
    ctx.regions = frozenset(regions)

    found: list[tuple[int, list[_Tok], str, str, int]] = []
    for index in candidates:
        s_start, s_stop = spans[index]
        toks = sentence_tokens(index)
        form = _find_form(toks)
        if form is None or _is_generic(toks):
            continue
        has_verb = any(t.pos in _FINITE or t.pos == "GRND" for t in toks)
        has_date = any(s_start <= d[0] < s_stop for d in ctx.dates)
        if not (has_verb or has_date):
            continue
        form_name, rule, strong, at = form
        if not strong and found and index - found[-1][0] <= FOLLOWING_SENTENCES:
            continue  # «к протестующим вышел аким»: the event just reported goes on
        found.append((index, toks, form_name, rule, at))
    event_sentences = {index for index, *_ in found}
    reports = []
    paragraph_place: Place | None = None
    last_paragraph_end = -1
    for index, toks, form, rule, at in found:
        s_start, s_stop = spans[index]
        following = []
        for k in range(index + 1, min(len(spans), index + 1 + FOLLOWING_SENTENCES)):
            if k in event_sentences:
                break
            following.append(k)
        window_stop = spans[following[-1]][1] if following else s_stop
        status = _status(toks, at)
        date, date_end, precision = _sentence_date(ctx, toks, s_start, s_stop, status)
        place = _best_place(_places_in(gazetteer, ctx, s_start, s_stop, toks))
        place_in_sentence = place is not None and place.level != "country"
        if place is None:
            place = _earlier_place(
                gazetteer, ctx, spans, index, last_paragraph_end, paragraph_place
            )
        size_found = _sizes(toks, _PEOPLE, ctx.dates)
        for k in following:
            if size_found:
                break
            size_found = _sizes(sentence_tokens(k), _PARTICIPANTS, ctx.dates)
        size = None
        if size_found:
            low, high, a, b = max(size_found, key=lambda s: s[1])
            size = (low, high, text[a:b])
        responses = _responses(toks)
        window_lemmas = {t.lemma for t in toks}
        for k in following:
            more = sentence_tokens(k)
            responses |= _responses(more)
            window_lemmas |= {t.lemma for t in more}
        actors = sorted({_ACTORS[t.lemma] for t in toks if t.lemma in _ACTORS})
        orgs, employers = _org_roles(ctx, s_start, s_stop, text, toks)
        reports.append(
            _Report(
                s_start,
                s_stop,
                rule,
                form,
                status,
                date,
                date_end,
                precision,
                place,
                actors + orgs,
                employers,
                size,
                responses,
                window_lemmas,
                (s_start, window_stop),
                place_in_sentence=place_in_sentence,
            )
        )
    _assign_claims(reports, demands)
    return _join_within(reports)


def _earlier_place(gazetteer, ctx, spans, index, _last, _paragraph) -> Place | None:
    """The last place named earlier in the paragraph, else the document's first settlement."""
    text = ctx.text
    s_start = spans[index][0]
    paragraph_start = text.rfind("\n\n", 0, s_start)
    paragraph_start = 0 if paragraph_start < 0 else paragraph_start
    earlier = _places_in(gazetteer, ctx, paragraph_start, s_start, [])
    settlements = [p for p in earlier if p.level == "settlement"]
    if settlements:
        return settlements[-1]
    whole = _places_in(gazetteer, ctx, 0, len(text), [])
    settlements = [p for p in whole if p.level == "settlement"]
    return settlements[0] if settlements else _best_place(earlier or whole)


def _assign_claims(reports: list[_Report], demands: list[tuple]) -> None:
    if not reports:
        return
    for start, _stop, text, category, mm in demands:
        before = [r for r in reports if r.start <= start]
        target = before[-1] if before else reports[0]
        target.claims.append((text, category, mm))


def _compatible(a: _Report, b: _Report) -> bool:
    """Can ``b`` (later in the article) be the event ``a`` already reported?"""
    if a.form != b.form and not (b.form == "other" and b.vague):
        return False  # «после подавления протеста нефтяников» refers back to the strike
    places_differ = a.place is not None and b.place is not None and a.place.key != b.place.key
    if places_differ and not (a.vague or b.vague):
        return False
    if a.precision == "publication" or b.precision == "publication":
        return True
    if a.date is None or b.date is None:
        return True
    return abs((a.date - b.date).days) <= 366


def _join_within(reports: list[_Report]) -> list[_Report]:
    joined: list[_Report] = []
    for report in reports:
        # the nearest earlier report it can continue
        target = next((r for r in reversed(joined) if _compatible(r, report)), None)
        if target is None:
            joined.append(report)
            continue
        target.n_sentences += 1
        target.rule = ";".join(dict.fromkeys([*target.rule.split(";"), report.rule]))
        refers_back = report.vague and not target.vague  # it tells no status of its own
        if not refers_back and STATUS_ORDER.index(report.status) < STATUS_ORDER.index(
            target.status
        ):
            target.status = report.status
        if report.precision not in {"publication", "unknown"}:
            if target.precision in {"publication", "unknown"}:
                target.date, target.date_end, target.precision = (
                    report.date,
                    report.date_end,
                    report.precision,
                )
            else:
                ends = [
                    d
                    for d in (target.date_end, target.date, report.date_end, report.date)
                    if d is not None
                ]
                if report.date < target.date:
                    target.date, target.precision = report.date, report.precision
                latest = max(ends)
                target.date_end = latest if latest > target.date else target.date_end
        if not target.place_in_sentence and report.place_in_sentence:
            target.place, target.place_in_sentence = report.place, True
        elif target.place is None or (
            target.place.level != "settlement"
            and report.place is not None
            and report.place.level == "settlement"
        ):
            target.place = report.place or target.place
        if report.size and (not target.size or report.size[1] > target.size[1]):
            target.size = report.size
        target.responses |= report.responses
        target.lemmas |= report.lemmas
        target.actors = list(dict.fromkeys(target.actors + report.actors))
        target.employers = list(dict.fromkeys(target.employers + report.employers))
        target.claims += report.claims
    return joined


# --------------------------------------------------------------------------- the table


def _report_row(doc_id: str, text: str, r: _Report) -> dict:
    place = r.place
    claim_lemmas = set()
    for claim, _, _ in r.claims:
        claim_lemmas |= {t.lemma for t in _tokens(claim, 0, len(claim))}
    categories = list(dict.fromkeys(c for _, c, _ in r.claims if isinstance(c, str) and c))
    return {
        "doc_id": doc_id,
        "event_id": None,
        "start": r.start,
        "stop": r.stop,
        "evidence": text[r.start : r.stop],
        "rule": r.rule,
        "form": r.form,
        "status": r.status,
        "date": r.date,
        "date_end": r.date_end,
        "date_precision": r.precision,
        "place": place.place if place else None,
        "region": place.region if place else None,
        "country": place.country if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "place_key": place.key if place else None,
        "actor": "; ".join(r.actors) or None,
        "employer": "; ".join(r.employers) or None,
        "size_low": r.size[0] if r.size else None,
        "size_high": r.size[1] if r.size else None,
        "size_text": r.size[2] if r.size else None,
        "claims": "; ".join(
            f"{c} [{cat}]" if isinstance(cat, str) and cat else c for c, cat, _ in r.claims
        )
        or None,
        "claim_categories": "; ".join(categories) or None,
        "cause": ";".join(_causes(r.lemmas | claim_lemmas)) or None,
        "state_response": ";".join(x for x in lx.RESPONSE_ORDER if x in r.responses) or None,
        "n_sentences": r.n_sentences,
    }


def _empty() -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype="object") for c in REPORT_COLUMNS})
    return _typed(frame)


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    for column in ("date", "date_end"):
        frame[column] = pd.to_datetime(frame[column]).astype("datetime64[ns]")
    for column in ("start", "stop", "n_sentences"):
        frame[column] = frame[column].astype("int64")
    for column in ("size_low", "size_high"):
        frame[column] = frame[column].astype("Int64")
    for column in ("lat", "lon"):
        frame[column] = frame[column].astype("float64")
    return frame


def protest_events(
    corpus: pd.DataFrame,
    *,
    mentions: pd.DataFrame | None = None,
    dates: pd.DataFrame | None = None,
    demands: pd.DataFrame | None = None,
    gazetteer: Gazetteer | None = None,
    progress: bool | None = None,
) -> pd.DataFrame:
    """One row per protest event report (an event as one article tells it); see the module doc.

    Columns (:data:`REPORT_COLUMNS`): ``doc_id``, ``event_id`` (the event
    across articles, from :func:`helpers.events.group.link_reports`),
    ``start``/``stop`` (the evidence sentence in ``corpus.text``),
    ``evidence``, ``rule`` (the trigger(s) that found it), ``form``,
    ``status``, ``date``, ``date_end``, ``date_precision`` (day, month, year,
    or publication when the text gives no date), ``place``, ``region``,
    ``country``, ``lat``, ``lon``, ``place_key`` (the gazetteer's identity of
    the place), ``actor``, ``employer``, ``size_low``, ``size_high``,
    ``size_text`` (the words the size was read from), ``claims``,
    ``claim_categories``, ``cause`` (CSLR-style), ``state_response``,
    ``n_sentences`` (sentences joined into the report).

    ``mentions``, ``dates`` and ``demands`` are the tables of
    :func:`helpers.entities.mentions`, :func:`helpers.dates.referenced_dates`
    and :func:`helpers.demands.demands` (``reported=True``) for ``corpus``;
    computed (through their caches) when not given. A document whose events
    cannot be read is skipped with an :class:`EventWarning` naming it.
    """
    from helpers.events.group import link_reports

    missing = {"doc_id", "text"} - set(corpus.columns)
    if missing:
        raise ValueError(
            f"protest_events needs a corpus from load_corpus(); missing: {sorted(missing)}"
        )
    if mentions is None:
        from helpers.entities import mentions as find_mentions

        mentions = find_mentions(corpus, progress=progress)
    if dates is None:
        from helpers.dates import referenced_dates

        dates = referenced_dates(corpus)
    if demands is None:
        from helpers.demands import demands as find_demands

        demands = find_demands(corpus, reported=True, progress=progress)
    gazetteer = gazetteer or get_gazetteer()
    by_doc_mentions = _by_doc(mentions, ["start", "stop", "type", "canonical", "text"])
    valid_dates = dates[dates["valid"] & dates["date"].notna()] if len(dates) else dates
    by_doc_dates = _by_doc(
        valid_dates, ["start", "stop", "date", "precision", "date_end", "year_inferred"]
    )
    by_doc_demands = _by_doc(demands, ["start", "stop", "text", "category", "mm_label"])
    published = (
        dict(zip(corpus["doc_id"].astype(str), corpus["date"], strict=True))
        if "date" in corpus.columns
        else {}
    )

    def read(doc_id: str, text: str) -> list[dict]:
        pub = published.get(doc_id)
        ctx = _DocContext(
            text,
            None if pub is None or pd.isna(pub) else pd.Timestamp(pub),
            by_doc_mentions.get(doc_id, []),
            [
                (s, e, pd.Timestamp(d), p, None if pd.isna(de) else pd.Timestamp(de), bool(y))
                for s, e, d, p, de, y in by_doc_dates.get(doc_id, [])
            ],
        )
        found = _read_document(doc_id, ctx, gazetteer, by_doc_demands.get(doc_id, []))
        return [_report_row(doc_id, text, r) for r in found]

    rows: list[dict] = []
    skipped: list[str] = []
    for _, _, found in per_document(
        corpus, read, what="events", warning=EventWarning, skipped=skipped, progress=progress
    ):
        rows.extend(found)
    frame = _typed(pd.DataFrame(rows, columns=REPORT_COLUMNS)) if rows else _empty()
    frame = link_reports(frame)
    frame.attrs["skipped"] = skipped
    return frame


def _by_doc(table: pd.DataFrame, columns: list[str]) -> dict[str, list[tuple]]:
    if table is None or table.empty:
        return {}
    out: dict[str, list[tuple]] = {}
    ordered = table.sort_values(["doc_id", "start"], kind="stable")
    for doc_id, *values in zip(
        ordered["doc_id"].astype(str), *(ordered[c] for c in columns), strict=True
    ):
        out.setdefault(doc_id, []).append(tuple(values))
    return out


def events_in_text(text: str, date: str | None = None, doc_id: str = "text") -> pd.DataFrame:
    """:func:`protest_events` for one string (handy to try the rules on a pasted text)."""
    corpus = pd.DataFrame(
        {"doc_id": [doc_id], "text": [text], "date": [pd.Timestamp(date) if date else pd.NaT]}
    )
    from helpers.dates import referenced_dates
    from helpers.demands import demands
    from helpers.entities import mentions

    return protest_events(
        corpus,
        mentions=mentions(corpus, cache=False, progress=False),
        dates=referenced_dates(corpus, cache=False),
        demands=demands(corpus, reported=True, progress=False, cache=False),
        progress=False,
    )
