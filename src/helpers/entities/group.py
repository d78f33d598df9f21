"""From mentions to entities: one ``canonical`` name for every way a text refers to one thing.

Within a document, in this order:

1. **Dictionary form, chosen by the document.** Each mention has candidate
   dictionary forms (:func:`helpers.entities.morph.normal_forms`). If the
   document itself writes one of them elsewhere («Айнур Курманов» in the
   nominative, «Сатпаев», «Жанаозен»), that one wins; otherwise the most likely.
2. **Surname alone → full name.** A one-word person (or one with initials)
   joins the only full name in the document with that surname
   («Курманов», «А. Курманов» → «Айнур Курманов»).
3. **Alias table.** ``helpers/data/entity_aliases.tsv`` maps abbreviations and
   other names to one canonical name (СДК → Социалистическое движение Казахстана).
   Matching ignores case and ё/е.

Across documents, spellings that differ only in case («Движение»/«движение»)
are shown under the most frequent one.
"""

from __future__ import annotations

import csv
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers.entities.morph import fold, is_known, normal_forms, words
from helpers.paths import DATA_DIR

__all__ = ["ALIASES_PATH", "AliasTable", "load_aliases", "resolve_document"]

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
            }
        )
    _choose_forms(rows)
    _join_surnames(rows)
    for row in rows:
        name = row.get("joined") or row["normal"]
        listed = aliases.lookup(name) or aliases.lookup(row["text"])
        if listed:
            name, kind = listed
            if kind:
                row["type"] = kind
        row["canonical"] = name
        del row["candidates"]
        row.pop("joined", None)
    return rows


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


def _join_surnames(rows: list[dict]) -> None:
    """A surname alone (or with initials) joins the document's only full name with that surname.

    Every dictionary form of the lone surname is tried, most likely first, so
    «Куйвашева» (a woman's name, or Куйвашев in the genitive) joins «Евгений
    Куйвашев» when he is the one the document names in full.
    """
    full: dict[str, set[str]] = {}
    for row in rows:
        names = _names(row["normal"])[0]
        if row["type"] == "PER" and len(names) >= 2:
            full.setdefault(fold(names[-1]), set()).add(row["normal"])
    for row in rows:
        if row["type"] != "PER":
            continue
        for candidate in [row["normal"], *row["candidates"]]:
            names, initials = _names(candidate)
            if len(names) != 1:
                continue
            matches = full.get(fold(names[0]), set())
            if initials:
                matches = {m for m in matches if fold(m)[:1] == fold(initials[0])}
            if len(matches) == 1:
                row["joined"] = next(iter(matches))
                break


def _names(name: str) -> tuple[list[str], list[str]]:
    """The words of a person's name and its initials («Ю. Тимошенко» → [Тимошенко], [Ю])."""
    parts = name.replace(".", ". ").split()
    return [p for p in parts if not p.endswith(".")], [p[0] for p in parts if p.endswith(".")]
