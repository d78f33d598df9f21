"""Per-document cache for slow per-document stages (today: the token table).

A stage that turns each document into rows is cached per document, keyed by
a hash of what the stage reads (the text, plus any other column named in
``key_columns``) and by the stage's code version. Rerunning a notebook reuses
every unchanged document and computes only new or edited ones; changing the
stage's code invalidates everything for that stage.

Storage is one Parquet file per stage and corpus folder in ``.cache/stages/``,
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

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from helpers.paths import cache_dir as default_cache_dir

__all__ = ["cached_per_document", "code_version", "document_keys"]

_KEY = "_key"
_META = b"helpers.doc_cache"


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


def _cache_path(stage: str, corpus: pd.DataFrame, cache_dir: Path) -> Path:
    folder = str(corpus.attrs.get("corpus_dir", "adhoc"))
    tag = hashlib.blake2b(folder.encode(), digest_size=6).hexdigest()
    return cache_dir / "stages" / f"{stage}-{tag}.parquet"


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
    compute: Callable[[pd.DataFrame], pd.DataFrame],
    *,
    stage: str,
    version: str,
    key_columns: Sequence[str] = ("text",),
    cache: bool = True,
    cache_dir: str | os.PathLike[str] | None = None,
) -> pd.DataFrame:
    """Run ``compute`` on the documents not cached yet and return rows for all of them.

    ``compute(corpus_subset)`` must return a DataFrame with a ``doc_id``
    column and rows grouped by document; doc_ids it lists in
    ``attrs["skipped"]`` (documents it could not process) are not cached, so
    they are retried, and reported, on the next run. The result holds the rows of every
    document of ``corpus`` in corpus order, each document's rows in the
    order ``compute`` gave them, with the dtypes ``compute`` gives (so a
    cached run returns the same table as an uncached one).
    """
    if not cache:
        return compute(corpus)
    path = _cache_path(stage, corpus, Path(cache_dir) if cache_dir else default_cache_dir())
    keys = document_keys(corpus, key_columns)
    stored, stored_keys = _read(path, version)

    # Uncacheable: no text, or a text that stands twice in this corpus (rows are keyed by text).
    uncacheable = (keys == "") | keys.duplicated(keep=False)
    todo = ~keys.isin(stored_keys) | uncacheable
    fresh = compute(corpus[todo]) if todo.any() else None
    key_of_doc = dict(zip(corpus["doc_id"].astype(str), keys, strict=True))
    doc_of_key = {key: doc for doc, key in key_of_doc.items()}

    parts: list[pd.DataFrame] = []
    if not stored.empty:
        reused = stored[stored[_KEY].isin(set(keys[~todo]))].copy()
        reused["doc_id"] = reused[_KEY].map(doc_of_key)
        parts.append(reused)
    if fresh is not None:
        parts.append(fresh.assign(**{_KEY: fresh["doc_id"].astype(str).map(key_of_doc)}))
    template = fresh if fresh is not None else stored
    if not parts:
        return compute(corpus.iloc[:0])
    rows = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
    position = {doc: i for i, doc in enumerate(corpus["doc_id"].astype(str))}
    order = rows["doc_id"].astype(str).map(position).to_numpy().argsort(kind="stable")
    rows = rows.iloc[order].reset_index(drop=True)
    rows = _restore_dtypes(rows, template)

    if fresh is not None and fresh.attrs.get("skipped"):
        uncacheable |= corpus["doc_id"].astype(str).isin(set(map(str, fresh.attrs["skipped"])))
    cacheable = set(keys[~uncacheable])
    if todo.any() and cacheable - stored_keys:
        # Keep what other calls stored (a notebook may work on a subset of the corpus).
        new_rows = rows[rows[_KEY].isin(cacheable - stored_keys)]
        merged = _restore_dtypes(pd.concat([stored, new_rows], ignore_index=True), template)
        _write(path, version, merged, stored_keys | cacheable)
    result = rows.drop(columns=_KEY)
    if fresh is not None:
        result.attrs = dict(fresh.attrs)
    return result


def _restore_dtypes(rows: pd.DataFrame, template: pd.DataFrame) -> pd.DataFrame:
    """Give concatenated rows the template's dtypes (concat turns mixed categoricals to object)."""
    for column, dtype in template.dtypes.items():
        if column in rows and rows[column].dtype != dtype:
            if isinstance(dtype, pd.CategoricalDtype):
                rows[column] = rows[column].astype("category")
            else:
                rows[column] = rows[column].astype(dtype)
    return rows
