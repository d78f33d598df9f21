"""A subcorpus chosen once, for every notebook: :func:`select` and the ``SELECT`` setting.

In code::

    helpers.select(corpus, since="2011-01-01", until="2012", words=["забастовка", "митинг"],
                   entities=["Жанаозен"], sources=["kazakh.ru"], languages=["ru"], per_story=True)

As a setting, beside ``CORPUS`` (``make CORPUS=… SELECT='…'``, ``make lab SELECT='…'``,
or ``SELECT = "…"`` in a notebook's parameters cell), the same criteria as
``key=value`` pairs separated by spaces; a list is comma-separated, and a value
with spaces is quoted::

    since=2011-01-01 until=2012-12-31 words=забастовка,"уголовное дело" per_story=1

Every criterion narrows (they combine with AND); the values of one criterion
are alternatives (OR): ``words=забастовка,митинг`` keeps documents naming
either. Dates are inclusive and may be a year or a month (``until=2012``
means to the end of 2012); an undated document is left out when a date
criterion is given. Words and phrases match in any inflection through the
token table's lemmas, entities through the grouped mentions (see
:mod:`helpers.explore.terms`). ``per_story=1`` keeps one article per story
(the first published of each ``story_id``), so counts are per story.
"""

from __future__ import annotations

import os
import re
import shlex
from collections.abc import Iterable
from dataclasses import dataclass, field, fields

import pandas as pd

from helpers.explore.terms import entity_mentions, phrase_spans
from helpers.nlp.patterns import fold

__all__ = ["SELECT_ENV_VAR", "Selection", "parse_selection", "select", "selection_setting"]

SELECT_ENV_VAR = "SELECT"

_KEYS = {
    "since": "since",
    "from": "since",
    "until": "until",
    "to": "until",
    "words": "words",
    "word": "words",
    "entities": "entities",
    "entity": "entities",
    "sources": "sources",
    "source": "sources",
    "languages": "languages",
    "language": "languages",
    "lang": "languages",
    "per_story": "per_story",
}
_TRUE = {"1", "true", "yes", "on", "y"}
_FALSE = {"0", "false", "no", "off", "n", ""}
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?$")


def _as_date(value, *, end: bool) -> pd.Timestamp | None:
    """A date criterion as a timestamp; a year or month means its first (or last) day."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, str):
        match = _PARTIAL_DATE.match(value.strip())
        if match:
            year, month = match.groups()
            period = pd.Period(f"{year}-{month}" if month else year, freq="M" if month else "Y")
            return (period.end_time if end else period.start_time).normalize()
    try:
        stamp = pd.Timestamp(value)
    except (ValueError, TypeError) as exc:
        name = "until" if end else "since"
        raise ValueError(
            f"{name}={value!r} is not a date: write 2011-12-16, 2011-12 or 2011"
        ) from exc
    return stamp.tz_localize(None).normalize() if stamp.tzinfo else stamp.normalize()


def _as_list(value) -> tuple[str, ...]:
    if value is None:
        return ()
    items = [value] if isinstance(value, str) else list(value)
    out = []
    for item in items:
        out += [part.strip() for part in str(item).split(",") if part.strip()]
    return tuple(out)


@dataclass(frozen=True)
class Selection:
    """The criteria of a selection; empty criteria select everything."""

    since: pd.Timestamp | None = None
    until: pd.Timestamp | None = None
    words: tuple[str, ...] = field(default_factory=tuple)
    entities: tuple[str, ...] = field(default_factory=tuple)
    sources: tuple[str, ...] = field(default_factory=tuple)
    languages: tuple[str, ...] = field(default_factory=tuple)
    per_story: bool = False

    @classmethod
    def of(cls, **criteria) -> Selection:
        """A selection from :func:`select`'s keyword arguments (strings, lists or timestamps)."""
        return cls(
            since=_as_date(criteria.get("since"), end=False),
            until=_as_date(criteria.get("until"), end=True),
            words=_as_list(criteria.get("words")),
            entities=_as_list(criteria.get("entities")),
            sources=_as_list(criteria.get("sources")),
            languages=tuple(x.lower() for x in _as_list(criteria.get("languages"))),
            per_story=bool(criteria.get("per_story", False)),
        )

    @property
    def is_everything(self) -> bool:
        return self == Selection()

    def describe(self) -> str:
        """The selection in the ``SELECT`` syntax (``everything`` when empty)."""
        parts = []
        for f in fields(self):
            value = getattr(self, f.name)
            if value in (None, (), False):
                continue
            if isinstance(value, pd.Timestamp):
                parts.append(f"{f.name}={value:%Y-%m-%d}")
            elif isinstance(value, tuple):
                shown = ",".join(f'"{v}"' if " " in v else v for v in value)
                parts.append(f"{f.name}={shown}")
            else:
                parts.append(f"{f.name}=1")
        return " ".join(parts) or "everything"


def parse_selection(text: str | Selection | None) -> Selection:
    """Read the ``SELECT`` syntax (see the module docstring) into a :class:`Selection`.

    Raises ValueError naming an unknown criterion, a pair without ``=``, or a bad date.
    """
    if isinstance(text, Selection):
        return text
    if text is None or not str(text).strip():
        return Selection()
    try:
        pairs = shlex.split(str(text))
    except ValueError as exc:
        raise ValueError(f"SELECT={text!r}: {exc} (unbalanced quotes?)") from exc
    criteria: dict[str, object] = {}
    for pair in pairs:
        key, eq, value = pair.partition("=")
        name = _KEYS.get(key.strip().lower())
        if not eq or name is None:
            known = "since, until, words, entities, sources, languages, per_story"
            raise ValueError(
                f"SELECT={text!r}: cannot read {pair!r}; write key=value pairs with keys {known}"
            )
        if name == "per_story":
            flag = value.strip().lower()
            if flag not in _TRUE | _FALSE:
                raise ValueError(f"SELECT={text!r}: per_story={value!r}; write per_story=1 or 0")
            criteria[name] = flag in _TRUE
        elif name in ("words", "entities", "sources", "languages"):
            criteria[name] = _as_list(criteria.get(name)) + _as_list(value)
        else:
            criteria[name] = value
    return Selection.of(**criteria)


def selection_setting(value: str | Selection | None = None) -> Selection:
    """The selection a notebook uses: its parameter, else ``SELECT``, else everything."""
    if isinstance(value, Selection):
        return value
    chosen = value if value not in (None, "") else os.environ.get(SELECT_ENV_VAR, "")
    return parse_selection(chosen)


def _words_docs(corpus: pd.DataFrame, words: Iterable[str], tokens) -> set[str]:
    if tokens is None:
        from helpers.words import tokens as token_table

        tokens = token_table(corpus)
    found: set[str] = set()
    for query in words:
        found |= set(phrase_spans(tokens, query)["doc_id"])
    return found


def _entities_docs(corpus: pd.DataFrame, entities: Iterable[str], mentions) -> set[str]:
    if mentions is None:
        from helpers.entities import mentions as mention_table

        mentions = mention_table(corpus)
    found: set[str] = set()
    for query in entities:
        found |= set(entity_mentions(mentions, query)["doc_id"].astype(str))
    return found


def first_of_each_story(corpus: pd.DataFrame) -> pd.DataFrame:
    """One article per ``story_id``: the earliest dated (then first by ``doc_id``)."""
    if "story_id" not in corpus.columns:
        return corpus
    order = corpus.sort_values(["date", "doc_id"], kind="stable", na_position="last")
    keep = set(order.drop_duplicates("story_id")["doc_id"])
    return corpus[corpus["doc_id"].isin(keep)]


def select(
    corpus: pd.DataFrame,
    *,
    since=None,
    until=None,
    words=None,
    entities=None,
    sources=None,
    languages=None,
    per_story: bool = False,
    selection: str | Selection | None = None,
    tokens: pd.DataFrame | None = None,
    mentions: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The documents of ``corpus`` that meet every criterion given (see the module docstring).

    ``selection`` takes the criteria as a ``SELECT`` string or a
    :class:`Selection` instead. Cheap criteria are applied first: dates,
    sources and languages, then words (reading the token table of the
    remaining documents, cached), then entities (their mentions, cached);
    ``tokens``/``mentions`` pass tables already computed. Source and
    language compare case-insensitively. The result keeps the corpus's
    columns and order; ``attrs`` keep the corpus's and add ``selection`` (the
    :class:`Selection`), ``n_corpus`` and ``steps`` (documents left after
    each criterion: what tells a user which one matched nothing).
    """
    if selection is not None:
        chosen = parse_selection(selection)
    else:
        chosen = Selection.of(
            since=since,
            until=until,
            words=words,
            entities=entities,
            sources=sources,
            languages=languages,
            per_story=per_story,
        )
    out = corpus
    steps: list[tuple[str, int]] = []
    if chosen.since is not None:
        out = out[out["date"].notna() & (out["date"] >= chosen.since)]
        steps.append((f"since={chosen.since:%Y-%m-%d}", len(out)))
    if chosen.until is not None:
        out = out[out["date"].notna() & (out["date"] <= chosen.until)]
        steps.append((f"until={chosen.until:%Y-%m-%d}", len(out)))
    if chosen.sources:
        wanted = {fold(s) for s in chosen.sources}
        out = out[out["source"].map(lambda s: isinstance(s, str) and fold(s) in wanted)]
        steps.append((f"sources={','.join(chosen.sources)}", len(out)))
    if chosen.languages:
        wanted = set(chosen.languages)
        out = out[out["language"].map(lambda s: isinstance(s, str) and s in wanted)]
        steps.append((f"languages={','.join(chosen.languages)}", len(out)))
    lemma_criteria = (
        ("words", chosen.words, tokens, _words_docs),
        ("entities", chosen.entities, mentions, _entities_docs),
    )
    for name, wanted_terms, table, documents_with in lemma_criteria:
        if not wanted_terms:
            continue
        if len(out):
            subset = None
            if table is not None:
                keep = table["doc_id"].astype(str).isin(set(out["doc_id"])).to_numpy()
                subset = table[keep]
            out = out[out["doc_id"].isin(documents_with(out, wanted_terms, subset))]
        steps.append((f"{name}={','.join(wanted_terms)}", len(out)))
    if chosen.per_story:
        out = first_of_each_story(out)
        steps.append(("per_story=1", len(out)))
    out = out.copy()
    out.attrs = dict(corpus.attrs)
    out.attrs.update(selection=chosen, n_corpus=len(corpus), steps=steps)
    return out
