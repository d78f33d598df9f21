"""One cache for every slow stage: loader readings, tokens, dates, demands, entity mentions.

**Keys.** A stored result is found by three things, and only by them: the hash
of the text it was computed from (:func:`text_hash`, :func:`document_keys`),
the version of the code that computed it (:func:`code_version`, a hash of the
modules' source) and the hash of the *content* of the configuration it was
computed with (:func:`content_hash` of the demand rules, lemma overrides or
alias table the computation actually holds, never a second reading of the
file). Configuration loaders read their file through :func:`watched`, which
returns the parsed object together with the hash of the exact bytes parsed and
reads the file again when it changed (a ``stat``, then the content hash), so a
rules file edited while a kernel runs is used, and keyed, on the next call: no
stored result is ever older than the rules that made it.

**Storage.** Every entry is a Parquet file two levels below :func:`cache_dir`
(``.cache/``, or ``HELPERS_CACHE_DIR``): ``corpus/<folder>.parquet`` (the
loader's readings, :mod:`helpers.corpus.loader`), ``stages/<stage>-<folder>.parquet``
(rows per document, :func:`cached_per_document`) and ``entities/<table>.parquet``
(JSON values under string keys, :class:`Entries`). Parquet (columns and JSON
text) never runs code when read, unlike pickle. A write goes to a temporary
file in the same folder and is moved into place with ``os.replace`` under an
advisory lock, so a killed run never leaves a half-written entry that reads as
valid, two processes sharing a cache merge their entries instead of losing
them, and the temporary file is removed on any error (a full disk included).
A file that cannot be read (corrupt, truncated, planted) is recomputed with
one :class:`CacheWarning`; a cache that cannot be written (read-only, full)
costs one warning per process and only speed: results are still returned.

:func:`prune` removes the entries of documents no longer in a corpus;
``make clean-cache`` deletes the whole folder.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import os
import tempfile
import time
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from helpers.paths import cache_dir as default_cache_dir

__all__ = [
    "CacheWarning",
    "Entries",
    "cache_root",
    "cached_per_document",
    "code_version",
    "content_hash",
    "document_keys",
    "from_json",
    "prune",
    "read_table",
    "text_hash",
    "to_json",
    "watched",
    "write_table",
]

_KEY = "_key"
_META = b"helpers.cache"
_FORMAT = 2  # bump when the layout of the files changes


class CacheWarning(RuntimeWarning):
    """The cache could not be read or written: results are recomputed (and right)."""


# --------------------------------------------------------------------------- keys


def code_version(*modules: object, extra: str = "") -> str:
    """A hash of the given modules' source files (and ``extra``): changes when their code does."""
    digest = hashlib.blake2b(extra.encode(), digest_size=8)
    for module in modules:
        digest.update(Path(module.__file__).read_bytes())  # type: ignore[attr-defined]
    return digest.hexdigest()


def text_hash(text: str) -> str:
    """A short, stable fingerprint of a document's text (the per-document key)."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def content_hash(*objects: object) -> str:
    """A hash of configuration objects' content (dicts, sets, lists, strings, dataclasses).

    Sets and dict items are sorted first, so equal content gives the same hash
    whatever order it was loaded in.
    """
    digest = hashlib.blake2b(digest_size=8)
    for obj in objects:
        digest.update(json.dumps(_canonical(obj), ensure_ascii=False).encode())
        digest.update(b"\x1e")
    return digest.hexdigest()


def _canonical(obj: object) -> object:
    if isinstance(obj, dict):
        return sorted(([_canonical(k), _canonical(v)] for k, v in obj.items()), key=repr)
    if isinstance(obj, set | frozenset):
        return sorted((_canonical(v) for v in obj), key=repr)
    if isinstance(obj, list | tuple):
        return [_canonical(v) for v in obj]
    if isinstance(obj, pd.DataFrame):
        return obj.to_csv(index=False)
    if hasattr(obj, "__dataclass_fields__"):
        fields = obj.__dataclass_fields__
        return [type(obj).__name__, {k: _canonical(getattr(obj, k)) for k in fields}]
    if obj is None or isinstance(obj, bool | int | float | str):
        return obj
    return repr(obj) if not isinstance(obj, os.PathLike) else os.fspath(obj)


def document_keys(corpus: pd.DataFrame, columns: Sequence[str] = ("text",)) -> pd.Series:
    """One hash per document over ``columns`` (aligned with ``corpus``).

    Over the text alone it is :func:`text_hash`. A document whose text is not a
    string gets the empty key: it is never cached, so the stage sees it (and
    reports it) on every run.
    """
    values = [corpus[column].tolist() for column in columns]
    keys = [
        text_hash("\x1f".join(map(str, parts))) if isinstance(parts[0], str) else ""
        for parts in zip(*values, strict=True)
    ]
    return pd.Series(keys, index=corpus.index, dtype="str")


@dataclass
class _Watched:
    signature: tuple[int, ...]
    digest: str
    value: Any
    racy: bool


_WATCHED: dict[tuple[str, object, str], _Watched] = {}
#: A file changed this recently is hashed again on the next call: a second edit
#: within the file system's timestamp resolution may not change its ``stat``.
_RACY_NS = 2_000_000_000


def watched(
    path: str | os.PathLike[str], parse: Callable[[bytes, Path], Any], *, depends: str = ""
) -> tuple[Any, str]:
    """``(parse(content, path), content hash)`` for a configuration file, parsed once per content.

    Every call ``stat``s the file; when size, times or inode changed (or the
    file changed too recently to trust them) it reads the bytes and hashes
    them, and parses them again only when the hash differs. So an edit is seen
    on the next call at the cost of one ``stat`` otherwise, and the hash is
    that of the very bytes the returned object was parsed from. ``depends``
    names anything else the parsed object depends on (e.g. the lemmatizer's
    version for rules whose words are stored as lemmas); ``parse`` must be
    the same function object on every call (it is part of the memo's key). A
    missing file raises
    :class:`FileNotFoundError`.
    """
    file = Path(path).absolute()
    key = (str(file), parse, depends)
    stat = file.stat()
    signature = (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)
    entry = _WATCHED.get(key)
    if entry is not None and entry.signature == signature and not entry.racy:
        return entry.value, entry.digest
    data = file.read_bytes()
    digest = hashlib.blake2b(data, digest_size=8).hexdigest()
    same = entry is not None and entry.digest == digest
    value = entry.value if same else parse(data, file)
    racy = time.time_ns() - max(stat.st_mtime_ns, stat.st_ctime_ns) < _RACY_NS
    _WATCHED[key] = _Watched(signature, digest, value, racy)
    return value, digest


# --------------------------------------------------------------------------- JSON values


def to_json(value: object) -> str:
    """JSON text for a value, with dates, times, bytes and sets tagged so they come back as such."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=_encode)


def from_json(text: str) -> Any:
    """The value :func:`to_json` wrote (plain data only: nothing is executed)."""
    return json.loads(text, object_hook=_decode)


def _encode(value: object) -> object:
    if isinstance(value, pd.Timestamp):
        return {"$ts": value.isoformat()}
    if isinstance(value, dt.datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    if isinstance(value, bytes):
        return {"$bytes": base64.b64encode(value).decode()}
    if isinstance(value, set | frozenset):
        return {"$set": sorted(value, key=repr)}
    if isinstance(value, np.generic):
        return value.item()
    raise TypeError(f"{type(value).__name__} cannot be cached")


_DECODERS: dict[str, Callable[[Any], Any]] = {
    "$ts": pd.Timestamp,
    "$datetime": dt.datetime.fromisoformat,
    "$date": dt.date.fromisoformat,
    "$bytes": base64.b64decode,
    "$set": set,
}


def _decode(obj: dict) -> object:
    if len(obj) == 1:
        ((tag, value),) = obj.items()
        if tag in _DECODERS:
            return _DECODERS[tag](value)
    return obj


# --------------------------------------------------------------------------- files


_WARNED: set[tuple[str, str]] = set()


def _warn_once(kind: str, where: Path | str, message: str) -> None:
    """One warning per kind of failure and place per process (not one per document or call)."""
    key = (kind, str(where))
    if key not in _WARNED:
        _WARNED.add(key)
        warnings.warn(message, CacheWarning, stacklevel=4)


def cache_root(cache_dir: str | os.PathLike[str] | None = None) -> Path:
    """The cache folder: ``cache_dir`` if given, else :func:`helpers.paths.cache_dir`."""
    return Path(cache_dir) if cache_dir else default_cache_dir()


def _file(kind: str, name: str, cache_dir: str | os.PathLike[str] | None) -> Path:
    return cache_root(cache_dir) / kind / f"{name}.parquet"


def _read(path: Path) -> tuple[pd.DataFrame, dict] | None:
    """The stored frame and its metadata; ``None`` when absent or unreadable (warned once)."""
    if not path.is_file():
        return None
    try:
        table = pq.read_table(path)
        meta = json.loads(table.schema.metadata[_META])
        if not isinstance(meta, dict) or meta.get("format") != _FORMAT:
            return None  # written by other code: recomputed and overwritten, no alarm
        return table.to_pandas(), meta
    except FileNotFoundError:  # removed meanwhile (clean-cache, prune)
        return None
    except Exception as exc:  # corrupt, truncated, planted or not Parquet at all
        detail = f"{type(exc).__name__}: {exc}"
        _warn_once("read", path, f"cache file {path} is unreadable ({detail}); recomputing")
        return None


def _write(path: Path, frame: pd.DataFrame, meta: dict) -> bool:
    """Write ``frame`` atomically; on failure warn once and leave nothing behind."""
    tmp: str | None = None
    try:
        table = pa.Table.from_pandas(frame, preserve_index=False)
        table = table.replace_schema_metadata(
            {**(table.schema.metadata or {}), _META: json.dumps({**meta, "format": _FORMAT})}
        )
    except (pa.ArrowException, TypeError, ValueError) as exc:
        _warn_once("convert", path, f"results not cached in {path}: {exc}")
        return False
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            pq.write_table(table, handle)
        Path(tmp).replace(path)
        tmp = None
        return True
    except (OSError, pa.ArrowException) as exc:
        root = path.parent.parent
        message = (
            f"the cache {root} cannot be written ({exc}): results are computed but not "
            "stored, so reruns are slower (free space, or set HELPERS_CACHE_DIR elsewhere)"
        )
        _warn_once("write", root, message)
        return False
    finally:
        if tmp is not None:
            with suppress(OSError):
                Path(tmp).unlink()


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold an advisory lock for ``path`` (a read-merge-write cycle of one process at a time)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: last writer wins, results still right
        yield
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = path.with_name(f".{path.name}.lock").open("a")
    except OSError:  # read-only: the write fails and says so
        yield
        return
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def read_table(
    kind: str, name: str, *, cache_dir: str | os.PathLike[str] | None = None
) -> tuple[pd.DataFrame, dict] | None:
    """The frame and metadata stored under ``kind/name``, or ``None`` (absent or unreadable)."""
    return _read(_file(kind, name, cache_dir))


def write_table(
    kind: str,
    name: str,
    frame: pd.DataFrame,
    meta: dict,
    *,
    cache_dir: str | os.PathLike[str] | None = None,
) -> bool:
    """Store ``frame`` and JSON-able ``meta`` under ``kind/name`` atomically (False: not stored)."""
    path = _file(kind, name, cache_dir)
    with _locked(path):
        return _write(path, frame, meta)


# --------------------------------------------------------------------------- per-document stages


def _stage_name(stage: str, corpus: pd.DataFrame, table: int) -> str:
    folder = str(corpus.attrs.get("corpus_dir", "adhoc"))
    tag = hashlib.blake2b(folder.encode(), digest_size=6).hexdigest()
    return f"{stage}-{tag}" + ("" if table == 0 else f"-{table}")


def cached_per_document(
    corpus: pd.DataFrame,
    compute: Callable[[pd.DataFrame], Any],
    *,
    stage: str,
    version: str,
    config: Sequence[object] = (),
    key_columns: Sequence[str] = ("text",),
    tables: int = 1,
    cache: bool = True,
    cache_dir: str | os.PathLike[str] | None = None,
) -> Any:
    """Run ``compute`` on the documents not cached yet and return rows for all of them.

    Each document is keyed by a hash of ``key_columns`` (the text, and e.g. the
    publication date where the stage reads it); the stage's stored rows are
    valid for its ``version`` (the code's, :func:`code_version`) and the
    :func:`content_hash` of ``config``, the configuration objects ``compute``
    uses. A change to either recomputes the stage.

    ``compute(corpus_subset)`` must return a DataFrame with a ``doc_id``
    column and rows grouped by document (or, with ``tables=N``, a tuple of N
    such DataFrames, returned as a tuple); doc_ids it lists in the first
    table's ``attrs["skipped"]`` (documents it could not process) are not
    cached, so they are retried, and reported, on the next run. The result
    holds the rows of every document of ``corpus`` in corpus order, each
    document's rows in the order ``compute`` gave them, with the dtypes
    ``compute`` gives (so a cached run returns the same table as an
    uncached one). Rows live in one Parquet file per stage, table and corpus
    folder (``stages/``): a warm run reads one columnar file, and a call on a
    subset of the corpus keeps the other documents' rows.
    """
    if not cache:
        return compute(corpus)
    version = f"{version}|{content_hash(*config)}" if config else version
    names = [_stage_name(stage, corpus, i) for i in range(tables)]
    paths = [_file("stages", name, cache_dir) for name in names]
    keys = document_keys(corpus, key_columns)
    stored_tables, stored_keys = [], set()
    for i, path in enumerate(paths):
        rows, found = _read_stage(path, version)
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
    meta = {
        "version": version,
        "key_columns": list(key_columns),
        "corpus_dir": str(corpus.attrs.get("corpus_dir", "")),
    }

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
            added = rows[rows[_KEY].isin(cacheable - stored_keys)]
            _merge_stage(paths[i], meta, stored, stored_keys, added, cacheable, template)
        result = rows.drop(columns=_KEY)
        result.attrs = dict(new.attrs) if new is not None else {}
        results.append(result)
    return tuple(results) if tables > 1 else results[0]


def _read_stage(path: Path, version: str) -> tuple[pd.DataFrame, set[str]]:
    """Stored rows and the keys computed (a document may have no rows); empty if stale."""
    found = _read(path)
    _SEEN[path] = _signature(path)
    if found is None or found[1].get("version") != version:
        return pd.DataFrame(), set()
    rows, meta = found
    # Parquet gives categories back as strings; the stage may have made them objects.
    for column in meta.get("object_categories", []):
        if not isinstance(rows[column].dtype, pd.CategoricalDtype):
            continue  # no rows: _restore_dtypes gives the column its type
        categories = rows[column].cat.categories
        rows[column] = rows[column].cat.rename_categories(pd.Index(categories, dtype=object))
    return rows, set(meta["keys"])


#: The stat of each stage file as this process last read it: unchanged means nobody wrote since.
_SEEN: dict[Path, tuple[int, ...] | None] = {}


def _signature(path: Path) -> tuple[int, ...] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_size, stat.st_mtime_ns, stat.st_ino)


def _merge_stage(
    path: Path,
    meta: dict,
    stored: pd.DataFrame,
    stored_keys: set[str],
    added: pd.DataFrame,
    cacheable: set[str],
    template: pd.DataFrame,
) -> None:
    """Add this call's rows to the stage file, keeping what other calls (and processes) stored."""
    with _locked(path):
        # Another process may have written since this call read the file: merge with that.
        if _signature(path) != _SEEN.get(path):
            stored, stored_keys = _read_stage(path, meta["version"])
        new_keys = cacheable - stored_keys
        added = added[added[_KEY].isin(new_keys)]
        merged = pd.concat([stored, added], ignore_index=True) if not stored.empty else added
        keys = sorted(stored_keys | new_keys)
        object_categories = [
            column
            for column, dtype in template.dtypes.items()
            if isinstance(dtype, pd.CategoricalDtype) and dtype.categories.dtype == object
        ]
        meta = {**meta, "keys": keys, "object_categories": object_categories}
        _write(path, _restore_dtypes(merged, template), meta)
        _SEEN[path] = _signature(path)


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


# --------------------------------------------------------------------------- keyed values


class Entries:
    """JSON values under string keys in one cache file (``entities/<name>.parquet``).

    A key starts with the hash of the document's text (``"<text_hash>|..."``),
    followed by whatever versions the value depends on, so :func:`prune` can
    tell which document an entry belongs to. Each document keeps its latest
    entry only (a new version replaces the old one, so the file does not grow
    with every edit of the rules). The file is read once per object;
    :meth:`put` merges with what other processes stored meanwhile.
    """

    def __init__(self, name: str, cache_dir: str | os.PathLike[str] | None = None):
        self.path = _file("entities", name, cache_dir)
        self._values: dict[str, str] | None = None

    def _load(self) -> dict[str, str]:
        if self._values is None:
            found = _read(self.path)
            frame = found[0] if found is not None else None
            self._values = (
                dict(zip(frame["key"].tolist(), frame["value"].tolist(), strict=True))
                if frame is not None and {"key", "value"} <= set(frame.columns)
                else {}
            )
        return self._values

    def get(self, keys: Iterable[str]) -> dict[str, Any]:
        """The stored values for those ``keys`` that are present."""
        values = self._load()
        return {key: from_json(values[key]) for key in dict.fromkeys(keys) if key in values}

    def put(self, items: Iterable[tuple[str, Any]]) -> None:
        """Store values (JSON-able) under their keys, replacing older ones."""
        new = {key: to_json(value) for key, value in items}
        if not new:
            return
        with _locked(self.path):
            self._values = None  # read what is there now, other processes' entries included
            docs = {_doc_of(key) for key in new}
            values = {k: v for k, v in self._load().items() if _doc_of(k) not in docs} | new
            self._values = values
            _write(self.path, _entries_frame(values), {})

    def __len__(self) -> int:
        return len(self._load())


def _doc_of(key: str) -> str:
    return key.split("|", 1)[0]


def _entries_frame(values: dict[str, str]) -> pd.DataFrame:
    keys = list(values)
    return pd.DataFrame(
        {"key": keys, "doc": [_doc_of(k) for k in keys], "value": list(values.values())}
    )


# --------------------------------------------------------------------------- pruning


def prune(corpus: pd.DataFrame, *, cache_dir: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Drop cached entries of documents that are not in ``corpus``; one row per file touched.

    Stage rows of ``corpus``'s folder are kept only for its current
    documents; stage and loader files of folders that no longer exist are
    deleted; entity entries (shared by every corpus) are kept only for texts
    of ``corpus``; temporary files left by killed runs and files of earlier
    cache formats are removed. Columns:
    ``file``, ``kept``, ``removed`` (entries), ``deleted`` (the whole file).
    """
    root = cache_root(cache_dir)
    folder = str(corpus.attrs.get("corpus_dir", ""))
    texts = {text_hash(t) for t in corpus["text"] if isinstance(t, str)}
    report: list[dict[str, Any]] = []

    def note(path: Path, kept: int, removed: int, deleted: bool = False) -> None:
        if removed or deleted:
            report.append(
                {
                    "file": str(path.relative_to(root)),
                    "kept": kept,
                    "removed": removed,
                    "deleted": deleted,
                }
            )

    for path in sorted(root.glob("*/.*.tmp")):
        if time.time() - path.stat().st_mtime > 600:  # not a write in progress
            path.unlink(missing_ok=True)
            note(path, 0, 0, True)
    # Formats of earlier versions, never read now (the pickle would run code if it were).
    for path in sorted([*root.glob("corpus/*.pickle"), *root.glob("entities.sqlite*")]):
        path.unlink(missing_ok=True)
        note(path, 0, 0, True)
    for path in sorted([*root.glob("stages/*.parquet"), *root.glob("corpus/*.parquet")]):
        with _locked(path):
            found = _read(path)
            if found is None:
                continue
            frame, meta = found
            owner = meta.get("corpus_dir", "")
            if owner and owner != folder and not Path(owner).is_dir():
                path.unlink(missing_ok=True)
                note(path, 0, len(meta.get("keys", frame)), True)
            elif path.parent.name == "stages" and owner == folder:
                wanted = set(document_keys(corpus, meta["key_columns"]))
                keys = [k for k in meta["keys"] if k in wanted]
                if len(keys) < len(meta["keys"]):
                    _write(path, frame[frame[_KEY].isin(wanted)], {**meta, "keys": keys})
                    note(path, len(keys), len(meta["keys"]) - len(keys))
    for path in sorted(root.glob("entities/*.parquet")):
        with _locked(path):
            found = _read(path)
            if found is None or "doc" not in found[0]:
                continue
            frame = found[0]
            keep = frame["doc"].isin(texts)
            if not keep.all():
                _write(path, frame[keep], found[1])
            note(path, int(keep.sum()), int((~keep).sum()))
    return pd.DataFrame(report, columns=["file", "kept", "removed", "deleted"])
