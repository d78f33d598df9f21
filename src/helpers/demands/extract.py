"""Find the demands and slogans a text puts forward, with their structure and coding.

Statements and resolutions list what workers demand: «НАШИ ТРЕБОВАНИЯ:» with
numbered demands and dashed sub-items, «следующие лозунги:» with a list of
slogans, a closing run of slogans («Нет – …!», «ПРОЛЕТАРИИ ВСЕХ СТРАН,
СОЕДИНЯЙТЕСЬ!»). A markdown parser finds almost none of these (sub-items are
written «-закрыть» without a space, slogans were bold lines), so this module
reads lines.

:func:`demands` returns one row per demand, slogan or call; every row has
``start``/``stop`` offsets into ``corpus["text"]`` and names the ``rule``
that found it, so each can be checked in context. :func:`demand_lists`
returns one row per list the parser considered, including the lists it
refused (signatories, agendas, chronologies) and why. Tables and figures for
notebook 04 are in :mod:`helpers.demands.figures`; the coding (form, action,
target, category) is in :mod:`helpers.demands.coding`.

Rules, in the order they run on each document:

``list_after_demand_header`` / ``…_slogan_header`` / ``…_call_header``
    A marked list («1.», «1)», «а)», «-», «–», «—», «•», «*») or, after a
    header, a run of unmarked short lines, under a header that names
    demands («Требования», «Мы требуем:», «Участники митинга требуют:»),
    slogans («лозунги:», «скандировали:») or calls («Призываем:»). Items
    with another marker style or a deeper indent become sub-items.
``list_by_form``
    A marked list without such a header, taken only if most of its items read
    as demands (infinitive, «Нет …», «Долой …», «Свободу …», imperative).
    Lists under headers such as «Участники пикета:», «Повестка дня:»,
    «Хроника событий:», lists whose items start with dates, and dash lines of
    reported speech («— Верните долги! — добавил рабочий.») are refused.
    The header words of both rules are in the ``[headers]`` table of the
    rules file (``helpers/data/demand_categories.toml``).
``inline_after_header``
    «Рабочие требуют: отставки акима, повышения зарплаты и …» on one line,
    split into coordinated demands.
``we_demand_sentence``
    «Мы требуем отставки акима и освобождения …» (first person only; «рабочие
    требовали повышения зарплаты» in a report is narrative, not taken).
``closing_slogan``
    Short exclamations standing alone at the end of the text (before a date,
    place or signature block); statements («Борьба … завершится Победой!»)
    are left out. A long imperative appeal is kind ``call``. Only a
    statement-like text (:func:`helpers.demands.voice.statement_like`: it
    speaks as «мы» or names itself a resolution, appeal, leaflet) has
    closing slogans of any form; elsewhere only the demand formulas
    («Свободу …!», «Долой …!», «Нет …!») count, and the rest is listed as
    refused (a motto closing an essay is not the essay's slogan).
``quoted_slogan``
    «…» inside a sentence that says it was a slogan, placard or chant
    («вышли с плакатами «Верните работу!»»), in a paragraph that names a
    protest unless the cue is a placard or slogan itself (fans' banners and
    a shout in a quarrel are not slogans).
``reported_demand`` (only with ``reported=True``)
    Demands a report attributes to others inside a sentence: «вышли с
    требованием повышения зарплаты», «рабочие требовали отмены приказа»;
    only where someone demands (:func:`helpers.demands.voice.is_demanding`:
    not «не требуют», not «потребовали бы», not a thing that «требует»).
    With the subject after the verb («Отставки министра потребовали
    депутаты») the demand is what comes before it.

Headers: an official's decree («… постановляю:») and a headline that reports
(«Похитители потребовали выкуп», a finite verb in the third person or past)
are not demand headers.
"""

from __future__ import annotations

import itertools
import os
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from helpers.cache import cached_per_document, code_version
from helpers.demands import coding, voice
from helpers.nlp import lemmatizer, segment
from helpers.nlp.patterns import MONTH_FORMS, WORD
from helpers.runner import per_document

__all__ = [
    "COLUMNS",
    "LIST_COLUMNS",
    "DemandWarning",
    "demand_lists",
    "demands",
    "demands_in_text",
    "find_demands",
    "split_reported",
]

#: Columns of :func:`demands`, in order.
COLUMNS = [
    "doc_id",
    "para",
    "sent",
    "list_id",
    "item",
    "parent",
    "level",
    "kind",
    "text",
    "start",
    "stop",
    "form",
    "action",
    "target",
    "category",
    "mm_label",
    "category_evidence",
    "rule",
]
#: Columns of :func:`demand_lists`, in order.
LIST_COLUMNS = [
    "doc_id",
    "para",
    "sent",
    "list_id",
    "kind",
    "header",
    "start",
    "stop",
    "n_items",
    "taken",
    "rule",
]
#: Longest line (in words) read as a standalone slogan or an unmarked list item.
MAX_SLOGAN_WORDS = 30
MAX_UNMARKED_ITEM_WORDS = 40
#: Longer imperative appeals are calls, shorter ones slogans («Пролетарии …, соединяйтесь!»).
MAX_SHORT_SLOGAN_WORDS = 8
#: Lines after the closing slogans: date, place, signatures («17 декабря 2013 года»,
#: «Киев. Украина», «Союз коммунистов Украины»): at most this many words, and no
#: longer than MAX_TRAILER_SENTENCE_WORDS if they end like a sentence.
MAX_TRAILER_WORDS = 25
MAX_TRAILER_SENTENCE_WORDS = 6


class DemandWarning(UserWarning):
    """A document could not be searched for demands (it is skipped, the run goes on)."""


# --------------------------------------------------------------------------- lines

_LINE = re.compile(r"[^\n]+")
_MARKER = re.compile(
    r"""[ \t]*(?:
        (?P<num>\d{1,2}(?:\.\d{1,2})*)(?P<delim>[.)])(?!\d)
      | (?P<subnum>\d{1,2}(?:\.\d{1,2})+)(?=[ \t])
      | (?P<roman>[IVX]{1,5})\.(?=[ \t])
      | (?P<letter>[а-яa-z])(?:\)|\.(?=[ \t]))
      | (?P<dash>[-–—−])(?![-–—])
      | (?P<bullet>[•·●▪◦■►✓➢])
      | (?P<star>\*)(?!\*)
    )[ \t]*""",
    re.VERBOSE,
)
_TERMINAL = (".", "!", "?", "…", ";", ":")


@dataclass
class _Line:
    idx: int
    start: int  # first non-space character (marker included)
    stop: int  # after the last non-space character
    indent: int
    style: str | None  # "num.", "num)", "subnum", "roman", "letter", "dash", "bullet", "star"
    label: str | None  # the written number or letter
    body_start: int  # after the marker
    body_stop: int  # before trailing spaces and ; , :
    blank_before: bool
    n_words: int = 0


def _unquote(text: str, start: int, stop: int) -> tuple[int, int]:
    """Drop quotes around a whole item («Долой диктатуру!» -> Долой диктатуру!)."""
    if stop - start > 2 and text[start] == "«" and text[stop - 1] == "»":
        inner = text[start + 1 : stop - 1]
        if "«" not in inner and "»" not in inner:
            return start + 1, stop - 1
    return start, stop


def _split_lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    prev_end = 0
    for m in _LINE.finditer(text):
        raw = m.group()
        stripped = raw.strip()
        if not stripped:
            continue
        start = m.start() + (len(raw) - len(raw.lstrip()))
        stop = m.start() + len(raw.rstrip())
        indent = len(raw) - len(raw.lstrip(" \t"))
        blank_before = text.count("\n", prev_end, m.start()) > 1 if lines else True
        prev_end = m.end()
        style = label = None
        body_start = start
        mk = _MARKER.match(text, m.start(), stop)
        if mk and mk.end() < stop:
            if mk.group("num"):
                style, label = "num" + mk.group("delim"), mk.group("num")
            elif mk.group("subnum"):
                style, label = "subnum", mk.group("subnum")
            elif mk.group("roman"):
                style, label = "roman", mk.group("roman")
            elif mk.group("letter"):
                style, label = "letter", mk.group("letter")
            elif mk.group("dash"):
                style = "dash"
            elif mk.group("bullet"):
                style = "bullet"
            elif mk.group("star"):
                style = "star"
            body_start = mk.end()
        body_stop = body_start + len(text[body_start:stop].rstrip(" \t;,:"))
        if body_stop <= body_start:
            body_stop = stop
        body_start, body_stop = _unquote(text, body_start, body_stop)
        line = _Line(
            len(lines), start, stop, indent, style, label, body_start, body_stop, blank_before
        )
        line.n_words = len(coding.words(text[body_start:body_stop]))
        lines.append(line)
    return lines


# --------------------------------------------------------------------------- headers


@dataclass
class _Header:
    kind: str  # demand, slogan, call, reject, neutral
    cue: str | None  # the cue lemma, or the reason for a refusal
    text: str
    start: int
    stop: int
    target: str | None = None


#: No sentence is read as longer than this: a line scraped without sentence ends
#: would otherwise be rescanned from its start for every cue in it (quadratic).
MAX_SENTENCE_CHARS = 2000


def _last_sentence(text: str, start: int, stop: int) -> tuple[int, int]:
    """Offsets of the last sentence of text[start:stop] (the document's own sentences).

    At most ``MAX_SENTENCE_CHARS`` back: a line without sentence ends is not
    rescanned from its start for every cue in it.
    """
    found = segment.sentences_in(text, max(start, stop - MAX_SENTENCE_CHARS), stop)
    return (found[-1][0] if found else start), stop


def _classify_header(text: str, start: int, stop: int, rules: coding.CodingRules) -> _Header:
    """What the last sentence of text[start:stop] announces, by the cue words of the rules file."""
    s, e = _last_sentence(text, start, stop)
    while e > s and text[e - 1] in " \t:;,—–-":
        e -= 1
    lem = set(coding.lemmas(text[s:e]))
    header = _Header("neutral", None, text[s:e], s, e)
    if voice.is_decree(text[s:e]):
        header.kind, header.cue = "reject", "decree"
        return header
    for kind, cues in rules.headers.items():
        hit = sorted(lem & cues)
        if hit:
            header.kind, header.cue = kind, hit[0]
            header.target = coding.target_of(text[s:e], rules)
            return header
    for reason, cues in rules.refuse.items():
        if lem & cues:
            header.kind, header.cue = "reject", reason
            return header
    return header


def _header_for(text: str, line: _Line, rules: coding.CodingRules) -> _Header | None:
    """The header this line makes for a list below it, or None if it is not one.

    A header ends with a colon; or is a short line naming demands, slogans or
    calls («НАШИ ТРЕБОВАНИЯ», «Требования рабочих»: ≤ 6 words, no full stop;
    «ТРЕБУЕМ!»: ≤ 2 words); or announces them as «следующие» («Рабочие
    выдвинули следующие требования.»).
    """
    if line.style is not None:
        return None
    last = text[line.stop - 1]
    if last == ":":
        return _classify_header(text, line.start, line.stop, rules)
    short = (line.n_words <= 6 and last not in ".!?…;") or (line.n_words <= 2 and last == "!")
    if short and _reports(text, line):
        short = False  # «Похитители потребовали выкуп»: a headline that reports, not a header
    announces = last in ".!" and _FOLLOWING.search(
        text, *_last_sentence(text, line.start, line.stop)
    )
    if short or announces:
        header = _classify_header(text, line.start, line.stop, rules)
        if header.kind in {"demand", "slogan", "call"}:
            return header
    return None


def _reports(text: str, line: _Line) -> bool:
    """The line tells what someone did: a verb in the third person or the past tense."""
    return any(
        coding.analyse(w.group()).finite_3rd for w in coding.words(text[line.start : line.stop])
    )


_FOLLOWING = re.compile(r"\bследующ\w+|\bтакие\b", re.IGNORECASE)


# --------------------------------------------------------------------------- items


@dataclass
class _Item:
    start: int
    stop: int
    level: int = 0
    label: str = ""
    parent: str | None = None
    line_idx: list[int] = field(default_factory=list)
    kind: str = "demand"


@dataclass
class _List:
    kind: str
    header: _Header | None
    items: list[_Item]
    taken: bool
    rule: str
    line_idx: set[int] = field(default_factory=set)

    @property
    def start(self) -> int:
        starts = [i.start for i in self.items]
        if self.header is not None:
            starts.append(self.header.start)
        return min(starts)

    @property
    def stop(self) -> int:
        return (
            max(i.stop for i in self.items)
            if self.items
            else (self.header.stop if self.header else 0)
        )


_MONTHS = "(?:" + "|".join(MONTH_FORMS.values()) + r")\b"  # the month names dates.py reads
_DATE_START = re.compile(
    rf"^(?:\d{{1,2}}[:.]\d{{2}}\b|\d{{1,2}}\s+{_MONTHS}|(?:в\s+)?\d{{4}}\s*(?:г\b|г\.|год)|"
    rf"(?:в\s+)?{_MONTHS}\s+\d{{4}}|\d{{1,2}}\.\d{{1,2}}\.\d{{2,4}}|\d{{4}}\s*[-–—])",
    re.IGNORECASE,
)


def _is_continuation(text: str, prev: _Line, line: _Line) -> bool:
    """A wrapped line of the previous item: same paragraph, no marker, and it reads on."""
    if line.style is not None or line.blank_before:
        return False
    ends_open = text[prev.stop - 1] not in _TERMINAL
    first = text[line.start]
    return ends_open or first.islower()


def _collect_marked(
    text: str, lines: list[_Line], j: int, used: set[int]
) -> tuple[list[_Item], int]:
    """Collect the marked list starting at line ``j``; return items and the next line index."""
    items: list[_Item] = []
    stack: list[tuple[str, int, _Item]] = []  # (style, indent, item) of the open levels
    counters: dict[str | None, int] = {}
    k = j
    while k < len(lines) and k not in used:
        line = lines[k]
        if line.style is None:
            if items and _is_continuation(text, lines[items[-1].line_idx[-1]], line):
                items[-1].stop = line.body_stop
                items[-1].line_idx.append(k)
                k += 1
                continue
            break
        level = None
        for depth, (style, indent, _) in enumerate(stack):
            if style == line.style and indent == line.indent:
                level = depth
                break
        if level is None:
            for depth, (style, _, _) in enumerate(stack):
                if style == line.style and line.indent <= stack[-1][1]:
                    level = depth
                    break
        if level is None:
            level = len(stack)
        del stack[level:]
        parent = stack[-1][2] if stack else None
        key = parent.label if parent else None
        counters[key] = counters.get(key, 0) + 1
        if level == 0:
            label = (
                line.label
                if line.style in {"num.", "num)", "subnum", "roman", "letter"}
                else str(counters[key])
            )
        else:
            label = f"{parent.label}.{counters[key]}"
        item = _Item(
            line.body_start, line.body_stop, level, label, parent.label if parent else None, [k]
        )
        stack.append((line.style, line.indent, item))
        # A new top-level item restarts the numbering of sub-items below it.
        counters.pop(label, None)
        items.append(item)
        k += 1
    return items, k


def _demand_like(form: str, item_text: str) -> bool:
    if form in {"infinitive", "against", "for", "imperative"}:
        return True
    return form in {"genitive", "nominal"} and item_text.rstrip().endswith("!")


# «— Верните долги! — добавил рабочий.»: a dash line of reported speech, not a list item.
_ATTRIBUTION = re.compile(r"[,!?…]\s*[—–-]\s+[а-яё]")


def _judge_unheaded(text: str, items: list[_Item]) -> tuple[bool, str, str]:
    """Whether a list without a demand header is a demand list; (taken, kind, rule)."""
    top = [i for i in items if i.level == 0]
    dated = sum(bool(_DATE_START.match(text[i.start : i.stop])) for i in top)
    if top and dated * 2 >= len(top):
        return False, "chronology", "refused: items start with dates (chronology)"
    if len(top) < 2:
        return False, "list", "refused: a single item without a demand header"
    spoken = sum(bool(_ATTRIBUTION.search(text, i.start, i.stop)) for i in top)
    if spoken * 2 >= len(top):
        return False, "dialogue", "refused: quoted speech («— …, — сказал он»)"
    forms = [coding.classify_form(text[i.start : i.stop])[0] for i in top]
    liked = sum(_demand_like(f, text[i.start : i.stop]) for f, i in zip(forms, top, strict=True))
    if liked * 5 < len(top) * 3:
        return False, "list", "refused: no demand header and most items do not read as demands"
    exclaimed = sum(text[i.start : i.stop].rstrip().endswith("!") for i in top)
    return True, "slogan" if exclaimed * 2 > len(top) else "demand", "list_by_form"


def _collect_unmarked(
    text: str,
    lines: list[_Line],
    j: int,
    header: _Header,
    used: set[int],
    rules: coding.CodingRules,
) -> tuple[list[_Item], int]:
    """Unmarked lines under a header that names demands, slogans or calls."""
    items: list[_Item] = []
    k = j
    while k < len(lines) and k not in used:
        line = lines[k]
        body = text[line.body_start : line.stop]
        if line.style is not None or _header_for(text, line, rules) is not None:
            break
        if line.n_words == 0 or line.n_words > MAX_UNMARKED_ITEM_WORDS:
            break
        if coding.analyse(coding.words(body)[0].group()).pos == "CONJ":  # «Если требования …»
            break
        prev_open = bool(items) and text[lines[items[-1].line_idx[-1]].stop - 1] in ";,"
        form = coding.classify_form(body)[0]
        ok = (
            prev_open
            or body.endswith(";")
            or (
                header.kind in {"slogan", "call"}
                and body.endswith("!")
                and not coding.is_statement(body)
            )
            or (form in {"infinitive", "against", "for"})
            or (form == "genitive" and header.kind == "demand")
        )
        if not ok:
            break
        items.append(_Item(line.body_start, line.body_stop, 0, str(len(items) + 1), None, [k]))
        k += 1
    return items, k


def _collect_refused(
    text: str, lines: list[_Line], j: int, used: set[int]
) -> tuple[list[_Item], int]:
    """Short unmarked lines under a refused header (a signatories list, an agenda)."""
    items: list[_Item] = []
    k = j
    while k < len(lines) and k not in used:
        line = lines[k]
        if (
            line.style is not None
            or line.n_words > MAX_TRAILER_WORDS
            or text[line.stop - 1] in ":!"
        ):
            break
        items.append(_Item(line.body_start, line.body_stop, 0, str(len(items) + 1), None, [k]))
        k += 1
    return items, k


# --------------------------------------------------------------------------- inline demands

_INLINE = re.compile(
    r"(?<![\w-])(?:требуем|требуют|требует|потребовали|потребовал[аи]?|требования)"
    r"(?:\s+[^\s:.!?;]+){0,3}\s*:\s*(?=\S)",
    re.IGNORECASE,
)
_WE_DEMAND = re.compile(
    r"(?<![\w-])(?:мы\s+)?(?:(?:решительно|категорически|также|снова|вновь)\s+)?требуем\s+(?=[^\s:])",
    re.IGNORECASE,
)
_REPORTED = re.compile(
    r"(?<![\w-])(?P<verb>требуют|требует|требовали|требовал[аои]?|потребовали|потребовал[аои]?"
    r"|с\s+требовани(?:ем|ями))\s+(?=[^\s:])",
    re.IGNORECASE,
)
# Starts only where a whitespace run starts (or at the punctuation itself): from
# inside a run of spaces a match would rescan the rest of the run, quadratic.
_SEPARATOR = re.compile(r"(?<!\s)(?:\s*;\s*|\s*,\s*(?:а\s+также\s+|и\s+)?|\s+(?:и|а\s+также)\s+)")
_ACTION_NOUNS = frozenset(
    {
        "отставка",
        "выплата",
        "оплата",
        "отмена",
        "остановка",
        "защита",
        "помощь",
        "свобода",
        "гарантия",
        "возврат",
        "пересмотр",
        "арест",
        "реформа",
        "проверка",
        "компенсация",
    }
)


def _sentence_end(text: str, pos: int, stop: int) -> int:
    """Where the sentence around ``pos`` ends (before its final stop), at most ``stop``."""
    stop = min(stop, pos + MAX_SENTENCE_CHARS)  # no sentence is longer
    found = segment.sentences_in(text, pos, stop)
    end = found[0][1] if found else stop
    while end > pos and text[end - 1] in ".!?…":
        end -= 1
    return end


def _depth_zero(text: str, start: int, stop: int) -> list[bool]:
    """Per character: outside quotes and brackets."""
    depth, out = 0, []
    for ch in text[start:stop]:
        if ch in "«(":
            depth += 1
        elif ch in "»)" and depth:
            depth -= 1
        out.append(depth == 0)
    return out


def _starts_demand(text: str, start: int, stop: int, form: str) -> bool:
    """Whether text[start:stop] opens a demand of ``form`` (infinitive or genitive action noun)."""
    nxt = list(itertools.islice(WORD.finditer(text, start, stop), 3))  # not all to ``stop``
    if not nxt:
        return False
    if form == "infinitive":
        return coding.analyse(nxt[0].group()).pos == "INFN"
    if form != "genitive":
        return False
    # The next noun, past up to two adjectives («немедленного освобождения»).
    for tok in nxt:
        a = coding.analyse(tok.group())
        if a.pos == "NOUN":
            action_noun = a.lemma.endswith(("ние", "тие", "ция", "сия")) or a.lemma in _ACTION_NOUNS
            return a.genitive and action_noun
        if a.pos not in {"ADJF", "PRTF"}:
            return False
    return False


def _split_coordinated(
    text: str, start: int, stop: int, *, clause: bool = False
) -> list[tuple[int, int]]:
    """Split «отставки акима, повышения зарплаты и освобождения …» into demands.

    Splits on «;» always; on a comma or «и» only where the next word starts a
    demand of the same form as the first (an infinitive, or an action noun in
    the genitive: «повышения», «отставки»), so «повышения зарплаты и пенсий»
    stays one demand. With ``clause=True`` (demands reported inside a
    sentence) a comma that does not start another demand ends the last one:
    «с требованием повышения зарплаты, милиция разгоняла …».
    """
    first_form = coding.classify_form(text[start:stop])[0]
    free = _depth_zero(text, start, stop)
    cuts: list[tuple[int, int]] = []
    # Words since the last cut, counted piece by piece (a recount from the cut at
    # every separator would grow with the square of a long line's length).
    left_words, counted_to = 0, start
    for m in _SEPARATOR.finditer(text, start, stop):
        if not free[m.start() - start]:
            continue
        left_words += len(coding.words(text[counted_to : m.start()]))
        counted_to = m.start()
        new_demand = left_words >= 2 and _starts_demand(text, m.end(), stop, first_form)
        if ";" in m.group() or new_demand:
            cuts.append((m.start(), m.end()))
            left_words, counted_to = 0, m.end()
        elif clause and "," in m.group():
            stop = m.start()
            break
    spans, pos = [], start
    for cut_start, cut_end in cuts:
        spans.append((pos, cut_start))
        pos = cut_end
    spans.append((pos, stop))
    out = []
    for s, e in spans:
        marker = _MARKER.match(text, s, e)  # «Требования: 1) повысить …; 2) …»
        if marker and marker.end() < e:
            s = marker.end()
        while e > s and text[e - 1] in " \t;,.":
            e -= 1
        # A closing quote whose opening quote lies before the span («Мы требуем …».).
        while (
            e > s
            and text[e - 1] in '»"”'
            and text.count("«", s, e) < text.count("»", s, e) + (text[e - 1] != "»")
        ):
            e -= 1
            while e > s and text[e - 1] in " \t;,.!":
                e -= 1
        if coding.words(text[s:e]):
            out.append((s, e))
    return out


# --------------------------------------------------------------------------- slogans in text

_SLOGAN_CUE_STEMS = re.compile(
    r"лозунг|плакат|транспарант|скандир|кричал|выкрикив|надпис|девиз|речёвк|речевк|баннер"
)
#: Cues that name a protest's own artefacts: placards and slogans need no protest named beside.
_PROTEST_CUE_STEMS = re.compile(r"лозунг|плакат|транспарант")
_QUOTE = re.compile(r"«([^«»\n]{2,200})»|„([^„“”\n]{2,200})[“”]|\"([^\"\n]{2,200})\"")


def _quoted_slogans(text: str, line: _Line) -> list[tuple[int, int]]:
    """Quoted slogans in a sentence naming a placard or chant, in a paragraph about a protest.

    Fans' banners at a match («Великий капитан великой команды!») or a
    shout in a quarrel («Я - судья!») are quoted under the same words; a
    protest named in the paragraph (:func:`helpers.demands.voice.about_protest`)
    or a cue that is a protest's own (a placard, a slogan) tells slogans from them.
    """
    spans = []
    protest = voice.about_protest(text[line.start : line.stop])
    for s, e in _sentences(text, line.start, line.stop):
        if not _SLOGAN_CUE_STEMS.search(text, s, e):
            continue
        if not protest and not _PROTEST_CUE_STEMS.search(text, s, e):
            continue  # a banner or a shout outside a protest
        for q in _QUOTE.finditer(text, s, e):
            g = next(i for i in (1, 2, 3) if q.group(i) is not None)
            qs, qe = q.start(g), q.end(g)
            inner = text[qs:qe].strip()
            form = coding.classify_form(inner)[0]
            n = len(coding.words(inner))
            if inner.endswith("!") or (
                n >= 2 and form in {"against", "for", "infinitive", "imperative"}
            ):
                spans.append((qs, qe))
    return spans


def _sentences(text: str, start: int, stop: int) -> Iterable[tuple[int, int]]:
    """The document's sentences within text[start:stop] (see :mod:`helpers.nlp.segment`)."""
    return segment.sentences_in(text, start, stop)


# --------------------------------------------------------------------------- one document


def _scan(text: str, rules: coding.CodingRules, reported: bool = False) -> list[_List]:
    """All candidate lists in one text, in order of position (taken and refused).

    Reported demands (``reported=True``) come after the text's own lists, so
    the own lists and their ``list_id`` do not depend on ``reported``.
    """
    lines = _split_lines(text)
    used: set[int] = set()
    lists: list[_List] = []

    # 1. Marked lists and lists under headers.
    k = 0
    while k < len(lines):
        line = lines[k]
        if k in used:
            k += 1
            continue
        header = _header_for(text, line, rules)
        if header is not None and k + 1 < len(lines):
            j = k + 1
            if lines[j].style is not None:
                items, nxt = _collect_marked(text, lines, j, used)
            elif header.kind in {"demand", "slogan", "call"}:
                items, nxt = _collect_unmarked(text, lines, j, header, used, rules)
            elif header.kind == "reject":
                items, nxt = _collect_refused(text, lines, j, used)
            else:
                items, nxt = [], j
            if items:
                lists.append(_make_list(text, header, items, {k}))
                used.update({k} | {i for it in items for i in it.line_idx})
                k = nxt
                continue
        if line.style is not None:
            items, nxt = _collect_marked(text, lines, k, used)
            lists.append(_make_list(text, None, items, set()))
            used.update(i for it in items for i in it.line_idx)
            k = max(nxt, k + 1)
            continue
        k += 1

    # 2. Demands written inline: «требуют: отставки акима, …», «Мы требуем …».
    for line in lines:
        if line.idx in used:
            continue
        for rule, pattern in (("inline_after_header", _INLINE), ("we_demand_sentence", _WE_DEMAND)):
            m = pattern.search(text, line.start, line.stop)
            if not m or not voice.is_demanding(
                text, m.start(), m.start() + len(m.group().split()[0])
            ):
                continue
            end = _sentence_end(text, m.end(), line.stop)
            spans = _split_coordinated(text, m.end(), end)
            if not spans:
                continue
            hs, _ = _last_sentence(text, line.start, m.start())
            header = _Header("demand", "требовать", text[hs : m.end()].strip(), hs, m.end())
            header.target = coding.target_of(text[hs : m.start()], rules)
            items = [_Item(s, e, 0, str(n), None, [line.idx]) for n, (s, e) in enumerate(spans, 1)]
            lists.append(_List("demand", header, items, True, rule, {line.idx}))
            used.add(line.idx)
            break

    # 3. Slogans standing alone at the end of the text. Outside a text that speaks as a
    # statement only the demand formulas («Свободу …!», «Долой …!», «Нет …!») count: a motto
    # closing an essay or a column («Делай что должен, и будь что будет») is not its slogan.
    closing = _closing_run(text, lines, used, lists)
    if closing and not voice.statement_like(text):
        mottos = [
            it
            for it in closing
            if coding.classify_form(text[it.start : it.stop])[0] not in {"against", "for"}
        ]
        if mottos:
            lists.append(
                _List(
                    "slogan",
                    None,
                    mottos,
                    False,
                    "refused: closing exclamations in a text that is not a statement "
                    "(no «мы», no resolution or appeal) and not a demand formula",
                    {i for it in mottos for i in it.line_idx},
                )
            )
        closing = [it for it in closing if it not in mottos]
        for n, it in enumerate(closing, 1):
            it.label = str(n)
    if closing:
        lists.append(
            _List(
                "slogan",
                None,
                closing,
                True,
                "closing_slogan",
                {i for it in closing for i in it.line_idx},
            )
        )
        used.update(i for it in closing for i in it.line_idx)

    # 4. Quoted slogans inside narrative sentences.
    for line in lines:
        if line.idx in used or not _QUOTE.search(text, line.start, line.stop):
            continue
        spans = _quoted_slogans(text, line)
        if spans:
            items = [
                _Item(s, e, 0, str(n), None, [line.idx], "slogan")
                for n, (s, e) in enumerate(spans, 1)
            ]
            lists.append(_List("slogan", None, items, True, "quoted_slogan", {line.idx}))

    # 5. Optionally, demands reported in narrative: «вышли с требованием повышения зарплаты».
    # Numbered after the text's own lists, so those are the same with or without them.
    reported_lists: list[_List] = []
    if reported:
        for line in lines:
            if line.idx in used:
                continue
            # A reported demand ends at the next cue at the latest, and a cue inside
            # one already taken is not read again: no stretch is scanned twice.
            cues = list(_REPORTED.finditer(text, line.start, line.stop))
            covered = line.start
            for i, m in enumerate(cues):
                if m.start() < covered:
                    continue
                limit = cues[i + 1].start() if i + 1 < len(cues) else line.stop
                spans = _reported_spans(text, m, line, limit)
                if not spans or coding.classify_form(text[spans[0][0] : spans[0][1]])[0] not in {
                    "genitive",
                    "infinitive",
                }:
                    continue
                hs, _ = _last_sentence(text, line.start, m.start())
                header = _Header("demand", "требовать", text[hs : m.end()].strip(), hs, m.end())
                items = [
                    _Item(s, e, 0, str(n), None, [line.idx]) for n, (s, e) in enumerate(spans, 1)
                ]
                reported_lists.append(
                    _List("demand", header, items, True, "reported_demand", {line.idx})
                )
                covered = spans[-1][1]

    lists.sort(key=lambda lst: (lst.start, lst.stop))
    reported_lists.sort(key=lambda lst: (lst.start, lst.stop))
    return lists + reported_lists


def _reported_spans(
    text: str, m: re.Match[str], line: _Line, limit: int | None = None
) -> list[tuple[int, int]]:
    """The demands a «требовать» in narrative reports, or none when nobody demands anything.

    Refused: a negated or hypothetical verb, or one whose subject is a thing
    (:func:`helpers.demands.voice.is_demanding`). When a nominative subject
    follows the verb («Освободить режиссёра потребовали российские звёзды»)
    the demand is what comes before the verb; a subject after the demand
    («требуют признать незаконной защитники леса») is cut off.
    """
    verb = m.group("verb").lower()
    if not verb.startswith("с") and not voice.is_demanding(text, m.start(), m.end("verb")):
        return []
    end = _sentence_end(text, m.end(), line.stop if limit is None else limit)
    if not verb.startswith("с") and voice.starts_with_subject(text, m.end(), end):
        hs, _ = _last_sentence(text, line.start, m.start())
        left = max(hs, *(text.rfind(c, hs, m.start()) + 1 for c in ",:;—–«»"))
        s, e = left, m.start()
        while s < e and text[s] in " \t":
            s += 1
        while e > s and text[e - 1] in " \t,—–":
            e -= 1
        return [(s, e)] if coding.words(text[s:e]) else []
    spans = _split_coordinated(text, m.end(), end, clause=True)
    if spans:
        s, e = spans[-1]
        cut = voice.subject_after(text, s, e)
        if cut is not None and cut > s:
            e = cut
            while e > s and text[e - 1] in " \t,":
                e -= 1
            spans[-1] = (s, e)
    return spans


def _make_list(
    text: str, header: _Header | None, items: list[_Item], header_lines: set[int]
) -> _List:
    lines = header_lines | {i for it in items for i in it.line_idx}
    if header is not None and header.kind in {"demand", "slogan", "call"}:
        return _List(header.kind, header, items, True, f"list_after_{header.kind}_header", lines)
    if header is not None and header.kind == "reject":
        return _List(
            header.cue or "list", header, items, False, f"refused: header names {header.cue}", lines
        )
    taken, kind, rule = _judge_unheaded(text, items)
    return _List(kind, header, items, taken, rule, lines)


def _closing_run(text: str, lines: list[_Line], used: set[int], lists: list[_List]) -> list[_Item]:
    """Exclamations standing alone at the end, above at most a short trailer.

    A line may hold several exclamations («Свободу Козлову! Свободу
    Тулетаевой!»): each is an item. Statements and remarks are left out.
    """
    taken_lines = {i for lst in lists if lst.taken for i in lst.line_idx}
    run: list[tuple[_Line, list[tuple[int, int]]]] = []
    for line in reversed(lines):
        if line.idx in taken_lines:
            break
        if line.idx in used:
            if run:
                break
            continue
        last = text[line.stop - 1]
        sentences = [(s, e) for s, e in _sentences(text, line.body_start, line.body_stop) if e > s]
        if (
            last in "!»"
            and line.style is None
            and all(text[e - 1] == "!" for _, e in sentences)
            and all(len(coding.words(text[s:e])) <= MAX_SLOGAN_WORDS for s, e in sentences)
        ):
            run.append((line, sentences))
            continue
        # Above the slogans only a trailer may follow: date, place, names, a short signature.
        sentence = last in ".!?…" and line.n_words > MAX_TRAILER_SENTENCE_WORDS
        if run or line.n_words > MAX_TRAILER_WORDS or sentence:
            break
    items = []
    for line, sentences in reversed(run):
        for s, e in sentences:
            body = text[s:e]
            if coding.is_statement(body) or not coding.looks_like_slogan(body):
                continue
            form = coding.classify_form(body)[0]
            long = len(coding.words(body)) > MAX_SHORT_SLOGAN_WORDS
            kind = "call" if form == "imperative" and long else "slogan"
            items.append(_Item(s, e, 0, str(len(items) + 1), None, [line.idx], kind))
    return items


# --------------------------------------------------------------------------- rows


def _rows(
    doc_id: str, text: str, lists: list[_List], rules: coding.CodingRules
) -> tuple[list[dict], list[dict]]:
    item_rows, list_rows = [], []
    for list_id, lst in enumerate(lists, 1):
        list_rows.append(
            {
                "doc_id": doc_id,
                "list_id": list_id,
                "kind": lst.kind,
                "header": lst.header.text if lst.header else None,
                "start": lst.start,
                "stop": lst.stop,
                "n_items": len(lst.items),
                "taken": lst.taken,
                "rule": lst.rule,
            }
        )
        if not lst.taken:
            continue
        by_label: dict[str, dict] = {}
        header_target = lst.header.target if lst.header else None
        for it in lst.items:
            item_text = text[it.start : it.stop]
            coded = coding.code_item(item_text, rules)
            parent_row = by_label.get(it.parent) if it.parent else None
            if (
                coded["category"] is None
                and parent_row is not None
                and parent_row["category"] is not None
            ):
                coded["category"] = parent_row["category"]
                coded["mm_label"] = parent_row["mm_label"]
                coded["category_evidence"] = f"(from item {it.parent})"
            if coded["target"] is None:
                coded["target"] = parent_row["target"] if parent_row is not None else header_target
            if coded["category"] is None:
                coded["category"] = "other"
            kind = it.kind if lst.rule in {"closing_slogan", "quoted_slogan"} else lst.kind
            if (
                coded["form"] == "imperative"
                and len(coding.words(item_text)) > MAX_SHORT_SLOGAN_WORDS
            ):
                kind = "call"
            row = {
                "doc_id": doc_id,
                "list_id": list_id,
                "item": it.label,
                "parent": it.parent,
                "level": it.level,
                "kind": kind,
                "text": item_text,
                "start": it.start,
                "stop": it.stop,
                **coded,
                "rule": lst.rule,
            }
            by_label[it.label] = row
            item_rows.append(row)
    return item_rows, list_rows


def find_demands(
    corpus: pd.DataFrame,
    *,
    rules: coding.CodingRules | str | os.PathLike[str] | None = None,
    reported: bool = False,
    progress: bool | None = None,
    cache: bool = True,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Both tables in one pass: ``(demands, demand_lists)``; see those two functions.

    ``rules`` is a rules file (path) or :class:`~helpers.demands.coding.CodingRules`;
    default: the package's ``data/demand_categories.toml``. ``reported=True``
    also takes demands a text *reports* inside a sentence («вышли с
    требованием повышения зарплаты», «рабочие требовали отмены приказа»), as
    rule ``reported_demand``: what protest-event coding (Mass Mobilization)
    counts, but not the text's own demands, so off by default. A document
    that cannot be read is skipped with a :class:`DemandWarning` naming it.

    Both tables are cached per document, keyed by its text, this module's
    and the coding module's code, the content of the rules used and the
    lemmatizer's overrides (:mod:`helpers.cache`); ``cache=False`` skips it.
    """
    missing = {"doc_id", "text"} - set(corpus.columns)
    if missing:
        raise ValueError(
            f"corpus needs columns doc_id and text; missing: {', '.join(sorted(missing))}"
        )
    if not isinstance(rules, coding.CodingRules):
        rules = coding.load_rules(rules)
    # Keyed by the rules and lemmas this call uses (actions are lemmas: overrides count too).
    version = code_version(sys.modules[__name__], coding, segment, voice)
    config = (rules.digest, lemmatizer.lemmatizer_version(), f"reported={reported}")

    def compute(documents: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
        return _find_demands(documents, rules, reported, progress, cache)

    stage = "demands-reported" if reported else "demands"
    return cached_per_document(
        corpus, compute, stage=stage, version=version, config=config, tables=2, cache=cache
    )


def _find_demands(
    corpus: pd.DataFrame,
    rules: coding.CodingRules,
    reported: bool,
    progress: bool | None,
    cache: bool = False,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Uncached :func:`find_demands`: what the cache stores per document."""
    skipped: list[str] = []
    rows: list[dict] = []
    list_rows: list[dict] = []
    found = per_document(
        corpus,
        lambda doc_id, text: _rows(doc_id, text, _scan(text, rules, reported), rules),
        what="demands",
        warning=DemandWarning,
        skipped=skipped,
        progress=progress,
    )
    for _, _, (items, lists) in found:
        rows.extend(items)
        list_rows.extend(lists)
    ids = ("para", "sent")  # the ids of the sentence each item (list header) starts in
    items_df = pd.DataFrame(rows, columns=[c for c in COLUMNS if c not in ids])
    lists_df = pd.DataFrame(list_rows, columns=[c for c in LIST_COLUMNS if c not in ids])
    for df in (items_df, lists_df):
        for col in ("list_id", "start", "stop"):
            df[col] = df[col].astype("int64")
    items_df["level"] = items_df["level"].astype("int64")
    lists_df["n_items"] = lists_df["n_items"].astype("int64")
    lists_df["taken"] = lists_df["taken"].astype(bool)
    items_df = items_df.sort_values(["doc_id", "start", "stop"], kind="stable")
    lists_df = lists_df.sort_values(["doc_id", "list_id"], kind="stable")
    items_df = segment.attach_ids(items_df.reset_index(drop=True), corpus, cache=cache)
    lists_df = segment.attach_ids(lists_df, corpus, cache=cache)
    items_df.attrs["skipped"] = skipped  # not cached: retried and reported on the next run
    return items_df, lists_df.reset_index(drop=True)


def demands(
    corpus: pd.DataFrame,
    *,
    rules: coding.CodingRules | str | os.PathLike[str] | None = None,
    reported: bool = False,
    progress: bool | None = None,
    cache: bool = True,
) -> pd.DataFrame:
    """One row per demand, slogan or call found in ``corpus`` (from :func:`helpers.load_corpus`).

    Columns: ``doc_id``, ``para`` and ``sent`` (the paragraph or list item and
    the sentence the item starts in: the ids of :mod:`helpers.nlp.segment`,
    shared with the token table), ``list_id`` (the list within the document, see
    :func:`demand_lists`), ``item`` («2», or «2.3» for the third sub-item of
    item 2; the written number or letter where there is one), ``parent``
    (the item a sub-item belongs under; missing at top level), ``level`` (0
    for top level), ``kind`` (demand, slogan, call), ``text`` (the item
    without its marker and closing «;», «:»), ``start``/``stop``
    (``corpus.text[start:stop] == text``), ``form``, ``action`` (lemma of
    the leading verb or noun), ``target`` (state, employer, courts,
    international, or missing), ``category`` and ``mm_label`` (nearest Mass
    Mobilization demand), ``category_evidence`` (the rule words that
    matched), ``rule`` (what found the item; see the module docstring).
    """
    return find_demands(corpus, rules=rules, reported=reported, progress=progress, cache=cache)[0]


def demand_lists(
    corpus: pd.DataFrame,
    *,
    rules: coding.CodingRules | str | os.PathLike[str] | None = None,
    reported: bool = False,
    progress: bool | None = None,
    cache: bool = True,
) -> pd.DataFrame:
    """One row per list the parser considered, taken or refused, with the rule or the reason.

    Columns: ``doc_id``, ``para``, ``sent`` (where the list starts, as for
    :func:`demands`), ``list_id``, ``kind``, ``header`` (the sentence
    that introduces it), ``start``/``stop`` (header and items), ``n_items``,
    ``taken``, ``rule`` (for refused lists: why, e.g. «refused: header names
    participants»).
    """
    return find_demands(corpus, rules=rules, reported=reported, progress=progress, cache=cache)[1]


def split_reported(
    items: pd.DataFrame, lists: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Split ``find_demands(..., reported=True)`` into ``(own items, own lists, reported items)``.

    The own items and lists are exactly what ``reported=False`` gives (reported
    lists are numbered after the text's own), so one pass over the corpus serves both.
    """
    own = items["rule"] != "reported_demand"
    return (
        items[own].reset_index(drop=True),
        lists[lists["rule"] != "reported_demand"].reset_index(drop=True),
        items[~own].reset_index(drop=True),
    )


def demands_in_text(text: str, doc_id: str = "text", *, reported: bool = False) -> pd.DataFrame:
    """:func:`demands` for one string: handy to try the parser on a pasted text."""
    corpus = pd.DataFrame({"doc_id": [doc_id], "text": [text]})
    return demands(corpus, reported=reported, progress=False)
