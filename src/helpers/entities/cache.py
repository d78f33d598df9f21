"""Per-document cache of entity mentions, so rerunning a notebook costs seconds.

Two levels, both one row per document in one SQLite file under ``.cache/``:

``ner``
    natasha's spans, keyed by the hash of the document's text and
    :data:`helpers.entities.ner.NER_VERSION`. The expensive part.
``mentions``
    The finished mentions (fixed spans, dictionary forms, canonical names),
    keyed by the text hash, the NER version, :data:`RULES_VERSION` (a hash of
    the rule, morphology and grouping code and of
    :func:`helpers.nlp.lemmatizer.lemmatizer_version`: the lemmatizer's code,
    the dictionary's version and the lemma overrides file) and
    the alias table's content hash.

Editing one article changes its text hash: only that document is tagged
again. Editing the alias table changes its hash: every document is regrouped
from its cached NER spans, without rerunning the tagger. Changing the rules'
code does the same. Nothing is ever served for a text it was not computed from.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path

from helpers.cache import code_version
from helpers.entities import group, morph, rules
from helpers.nlp.lemmatizer import lemmatizer_version
from helpers.paths import cache_dir

__all__ = ["RULES_VERSION", "MentionCache", "text_hash"]


#: Changes whenever the post-processing code or the dictionary changes.
RULES_VERSION = code_version(rules, morph, group, extra=lemmatizer_version())
#: Rows per SQL statement (SQLite limits the number of bound parameters).
_CHUNK = 500


def text_hash(text: str) -> str:
    """A short, stable fingerprint of a document's text."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


class MentionCache:
    """The two cache tables in ``folder/entities.sqlite`` (created on first use)."""

    def __init__(self, folder: str | Path | None = None):
        self.folder = Path(folder) if folder is not None else cache_dir()
        self.folder.mkdir(parents=True, exist_ok=True)
        self.path = self.folder / "entities.sqlite"
        self._db = sqlite3.connect(self.path, timeout=60)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("CREATE TABLE IF NOT EXISTS ner (key TEXT PRIMARY KEY, value TEXT)")
        self._db.execute("CREATE TABLE IF NOT EXISTS mentions (key TEXT PRIMARY KEY, value TEXT)")
        self._db.commit()

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> MentionCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, table: str, keys: Sequence[str]) -> dict[str, list]:
        """The cached values for those ``keys`` that are present."""
        found: dict[str, list] = {}
        unique = list(dict.fromkeys(keys))
        for i in range(0, len(unique), _CHUNK):
            chunk = unique[i : i + _CHUNK]
            marks = ",".join("?" * len(chunk))
            query = f"SELECT key, value FROM {_table(table)} WHERE key IN ({marks})"
            for key, value in self._db.execute(query, chunk):
                found[key] = json.loads(value)
        return found

    def put(self, table: str, items: Iterable[tuple[str, list]]) -> None:
        """Store values (JSON-able lists) under their keys, replacing older ones."""
        query = f"INSERT OR REPLACE INTO {_table(table)} (key, value) VALUES (?, ?)"
        rows = [
            (key, json.dumps(value, ensure_ascii=False, separators=(",", ":")))
            for key, value in items
        ]
        with self._db:
            self._db.executemany(query, rows)

    def count(self, table: str) -> int:
        return self._db.execute(f"SELECT COUNT(*) FROM {_table(table)}").fetchone()[0]


def _table(name: str) -> str:
    if name not in ("ner", "mentions"):
        raise ValueError(f"no cache table {name!r}")
    return name
