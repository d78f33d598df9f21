"""Per-document cache for slow per-document stages: tokens, referenced dates, demands.

A stage that turns each document into rows is cached per document, keyed by
a hash of what the stage reads (the text, plus any other column named in
``key_columns``) and by the stage's code version. Rerunning a notebook reuses
every unchanged document and computes only new or edited ones; changing the
stage's code invalidates everything for that stage.

Storage is one Parquet file per stage, table and corpus folder in ``.cache/stages/``,
holding the rows of every cached document plus a ``_key`` column, so a warm
run reads one columnar file instead of thousands of small ones. A call on a
subset of the corpus keeps the other documents' rows; rows of edited or
deleted documents stay until ``make clean-cache``. Entity mentions have their
own two-level cache (:mod:`helpers.entities.cache`), because they are also
invalidated by the alias table.
"""

from __future__ import annotations

import hashlib
import json
import os
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from helpers.paths import cache_dir as default_cache_dir

__all__ = ["cached_per_document", "code_version", "document_keys"]

_KEY = "_key"
_META = b"helpers.cache"


def code_version(*modules: object, extra: str = "") -> str:
    """A hash of the given modules' source files (and ``extra``): changes when their code does."""
    digest = hashlib.blake2b(extra.encode(), digest_size=8)
    for module in modules:
        digest.update(Path(module.__file__).read_bytes())  # type: ignore[attr-defined]
    return digest.hexdigest()


def document_keys(corpus: pd.DataFrame, columns: Sequence[str] = ("text",)) -> pd.Series:
    """One hash per document over ``columns`` (aligned with ``corpus``).

    A document whose text is not a string gets the empty key: it is never
    cached, so the stage sees it (and reports it) on every run.
    """
    values = [corpus[column].tolist() for column in columns]
    keys = [
        hashlib.blake2b("\x1f".join(map(str, parts)).encode(), digest_size=16).hexdigest()
        if isinstance(parts[0], str)
        else ""
        for parts in zip(*values, strict=True)
    ]
    return pd.Series(keys, index=corpus.index, dtype="str")


def _cache_path(stage: str, corpus: pd.DataFrame, cache_dir: Path, table: int) -> Path:
    folder = str(corpus.attrs.get("corpus_dir", "adhoc"))
    tag = hashlib.blake2b(folder.encode(), digest_size=6).hexdigest()
    suffix = "" if table == 0 else f"-{table}"
    return cache_dir / "stages" / f"{stage}-{tag}{suffix}.parquet"


def _read(path: Path, version: str) -> tuple[pd.DataFrame, set[str]]:
    """Stored rows and the keys computed (a document may have no rows); empty if stale."""
    try:
        table = pq.read_table(path)
        meta = json.loads(table.schema.metadata[_META])
    except (OSError, KeyError, TypeError, ValueError, pa.ArrowException):
        return pd.DataFrame(), set()
    if meta.get("version") != version:
        return pd.DataFrame(), set()
    return table.to_pandas(), set(meta["keys"])


def _write(path: Path, version: str, rows: pd.DataFrame, keys: set[str]) -> None:
    try:
        table = pa.Table.from_pandas(rows, preserve_index=False)
        meta = {
            **(table.schema.metadata or {}),
            _META: json.dumps({"version": version, "keys": sorted(keys)}).encode(),
        }
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        pq.write_table(table.replace_schema_metadata(meta), tmp)
        tmp.replace(path)
    except (OSError, pa.ArrowException, TypeError, ValueError) as exc:
        warnings.warn(f"could not write the cache {path}: {exc}", RuntimeWarning, stacklevel=3)


def cached_per_document(
    corpus: pd.DataFrame,
    compute: Callable[[pd.DataFrame], Any],
    *,
    stage: str,
    version: str,
    key_columns: Sequence[str] = ("text",),
    tables: int = 1,
    cache: bool = True,
    cache_dir: str | os.PathLike[str] | None = None,
) -> Any:
    """Run ``compute`` on the documents not cached yet and return rows for all of them.

    ``compute(corpus_subset)`` must return a DataFrame with a ``doc_id``
    column and rows grouped by document (or, with ``tables=N``, a tuple of N
    such DataFrames, returned as a tuple); doc_ids it lists in the first
    table's ``attrs["skipped"]`` (documents it could not process) are not
    cached, so they are retried, and reported, on the next run. The result
    holds the rows of every document of ``corpus`` in corpus order, each
    document's rows in the order ``compute`` gave them, with the dtypes
    ``compute`` gives (so a cached run returns the same table as an
    uncached one).
    """
    if not cache:
        return compute(corpus)
    folder = Path(cache_dir) if cache_dir else default_cache_dir()
    paths = [_cache_path(stage, corpus, folder, i) for i in range(tables)]
    keys = document_keys(corpus, key_columns)
    stored_tables, stored_keys = [], set()
    for i, path in enumerate(paths):
        rows, found = _read(path, version)
        stored_tables.append(rows)
        stored_keys = found if i == 0 else stored_keys & found  # every table must have them

    # Uncacheable: no text, or a text that stands twice in this corpus (rows are keyed by text).
    uncacheable = (keys == "") | keys.duplicated(keep=False)
    todo = ~keys.isin(stored_keys) | uncacheable
    fresh = None
    if todo.any():
        computed = compute(corpus[todo])
        fresh = list(computed) if tables > 1 else [computed]
        if fresh[0].attrs.get("skipped"):
            skipped = set(map(str, fresh[0].attrs["skipped"]))
            uncacheable |= corpus["doc_id"].astype(str).isin(skipped)
    cacheable = set(keys[~uncacheable])
    key_of_doc = dict(zip(corpus["doc_id"].astype(str), keys, strict=True))
    doc_of_key = {key: doc for doc, key in key_of_doc.items()}
    reuse = set(keys[~todo])
    # Documents in corpus order, through categorical codes: a token table has millions of rows.
    doc_order = pd.CategoricalDtype(categories=pd.unique(corpus["doc_id"].astype(str)))

    results = []
    for i in range(tables):
        stored = stored_tables[i]
        new = fresh[i] if fresh is not None else None
        template = new if new is not None else stored
        parts: list[pd.DataFrame] = []
        if not stored.empty and reuse:
            reused = stored[stored[_KEY].isin(reuse)].copy()
            reused["doc_id"] = reused[_KEY].astype("category").map(doc_of_key)
            parts.append(reused)
        if new is not None:
            doc_ids = new["doc_id"].astype(str).astype("category")
            parts.append(new.assign(**{_KEY: doc_ids.map(key_of_doc)}))
        if not parts:  # no rows stored or computed for this table: its empty shape
            shape = compute(corpus.iloc[:0])
            empty = shape[i] if tables > 1 else shape
            parts.append(empty.assign(**{_KEY: pd.Series(dtype="str")}))
            template = empty
        rows = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
        codes = _codes_in(rows["doc_id"], doc_order)
        if (codes[1:] < codes[:-1]).any():
            rows = rows.iloc[codes.argsort(kind="stable")].reset_index(drop=True)
        rows = _restore_dtypes(rows, template)
        if new is not None and cacheable - stored_keys:
            # Keep what other calls stored (a notebook may work on a subset of the corpus).
            added = rows[rows[_KEY].isin(cacheable - stored_keys)]
            merged = pd.concat([stored, added], ignore_index=True) if not stored.empty else added
            _write(paths[i], version, _restore_dtypes(merged, template), stored_keys | cacheable)
        result = rows.drop(columns=_KEY)
        result.attrs = dict(new.attrs) if new is not None else {}
        results.append(result)
    return tuple(results) if tables > 1 else results[0]


def _codes_in(values: pd.Series, order: pd.CategoricalDtype) -> np.ndarray:
    """Position of each value in ``order`` (-1 if absent), cheap for categorical columns."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        positions = order.categories.get_indexer(values.cat.categories.astype(str))
        return np.append(positions, -1)[values.cat.codes.to_numpy()]  # code -1 (NaN) -> -1
    return values.astype(str).astype(order).cat.codes.to_numpy()


def _restore_dtypes(rows: pd.DataFrame, template: pd.DataFrame) -> pd.DataFrame:
    """Give concatenated rows the template's dtypes (concat turns mixed categoricals to object)."""
    for column, dtype in template.dtypes.items():
        if column in rows and rows[column].dtype != dtype:
            if isinstance(dtype, pd.CategoricalDtype):
                rows[column] = rows[column].astype("category")
            else:
                rows[column] = rows[column].astype(dtype)
    return rows
