"""Load a folder of markdown articles with YAML frontmatter into one tidy DataFrame.

One row per document, sorted by ``doc_id``. The ``text`` column is the single
reference every later module gives character offsets into: frontmatter, a
first line that only repeats the title, a byline that only repeats date and
author, and markdown emphasis and link syntax are removed; Unicode is NFC and
Latin look-alike letters inside Cyrillic words are replaced by their Cyrillic
twins (same length, so offsets stay put).

Nothing is lost and no file stops the load: every file in the folder ends up
as a row, as a reported problem, or both (a file decoded from Windows-1251 is
loaded *and* reported); folders that cannot be listed, hidden folders and
symbolic-link loops are reported too, naming the folder.
Problems are in ``df.attrs["problems"]`` (columns ``path``, ``problem``,
``detail``, ``kept``) and each is issued as a :class:`CorpusWarning`;
``strict=True`` raises :class:`CorpusError` naming every file with a problem.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import sys
import unicodedata
import warnings
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import frontmatter
import numpy as np
import pandas as pd
import yaml

from helpers.cache import code_version, from_json, read_table, to_json, write_table
from helpers.corpus import cleaning, provenance
from helpers.corpus.cleaning import (
    date_problem,
    drop_repeated_header,
    fix_homoglyphs,
    markdown_to_text,
    parse_date,
)
from helpers.corpus.decoding import decode
from helpers.corpus.provenance import document_source, mark_duplicates, minhash_signature, story_ids
from helpers.nlp import language, patterns
from helpers.nlp.language import detect_language
from helpers.nlp.patterns import count_words
from helpers.paths import corpus_dir
from helpers.progress import progress as show_progress

__all__ = ["ARTICLE_SUFFIXES", "CorpusError", "CorpusWarning", "load_corpus"]

#: File endings read as articles; anything else in the folder is reported.
ARTICLE_SUFFIXES = frozenset({".md", ".markdown", ".txt"})
#: Files above this size are reported, not read: no press article is this long,
#: and a stray dump would otherwise dominate every count.
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
#: Author values that mean "no author".
AUTHOR_PLACEHOLDERS = frozenset(
    {
        "автор неизвестен",
        "неизвестный автор",
        "неизвестен",
        "без автора",
        "аноним",
        "анонимно",
        "unknown",
        "anonymous",
        "n/a",
        "none",
        "null",
        "-",
        "—",
        "–",
    }
)
#: Columns the loader owns; a frontmatter field of the same name is kept as ``meta_<name>``.
RESERVED_COLUMNS = (
    "doc_id",
    "path",
    "title",
    "date",
    "date_raw",
    "author",
    "author_raw",
    "text",
    "n_words",
    "links",
    "encoding",
    "homoglyphs_fixed",
    "source",
    "language",
    "duplicate_of",
    "story_id",
)
#: Individual warnings issued per call before the rest are summarised in one.
MAX_INDIVIDUAL_WARNINGS = 20

_YAML_HANDLER = frontmatter.YAMLHandler()
#: How the problems table names the encodings :func:`decode` may pick.
_ENCODING_NAMES = {
    "cp1251": "Windows-1251",
    "koi8-r": "KOI8-R",
    "latin-1": "Latin-1 (ISO-8859-1)",
    "utf-16": "UTF-16",
    "utf-32": "UTF-32",
}
#: Frontmatter is refused, unparsed, beyond these: YAML aliases can expand a few
#: bytes into gigabytes (each alias is a reference to a whole subtree), and
#: libyaml's C parser recurses once per nesting level (50,000 levels crash the
#: interpreter, not merely raise). No article's metadata comes near either.
MAX_YAML_DEPTH = 64
MAX_YAML_ALIASES = 64
#: Values (scalars, list items, mapping entries) a parsed frontmatter may hold,
#: counted with every alias expanded: the bound on what aliases can build.
MAX_YAML_NODES = 10_000


class CorpusWarning(UserWarning):
    """A file in the corpus folder was skipped or loaded with a caveat."""


class CorpusError(ValueError):
    """Raised by ``load_corpus(strict=True)``; ``.problems`` holds the table."""

    def __init__(self, problems: pd.DataFrame):
        self.problems = problems
        lines = [f"{len(problems)} problem(s) in the corpus:"]
        lines += [f"  {r.path}: {r.problem} ({r.detail})" for r in problems.itertuples()]
        super().__init__("\n".join(lines))


# --------------------------------------------------------------------------- files


@dataclass
class _Loaded:
    """What reading one file produced: a row, problems, or both (cacheable as is)."""

    row: dict[str, Any] | None = None
    problems: list[tuple[str, str, bool]] = field(default_factory=list)  # problem, detail, kept
    digest: str = ""  # hash of the row's text, for finding copies under other names


_FM_START = re.compile(r"\A---[ \t]*\n")


def _split_frontmatter(text: str) -> tuple[str | None, str]:
    """Return (frontmatter, body); frontmatter is None when the file has none.

    Raises ValueError when a frontmatter block opens but never closes.
    """
    if not _FM_START.match(text):
        return None, text
    parts = _YAML_HANDLER.FM_BOUNDARY.split(text, 2)
    if len(parts) < 3:
        raise ValueError("frontmatter opens with '---' but never closes")
    return parts[1], parts[2]


class _YamlRefused(ValueError):
    """Frontmatter left unparsed because parsing it could exhaust memory or the stack."""


_OPENERS = np.frombuffer(b"[{", dtype=np.uint8)
_CLOSERS = np.frombuffer(b"]}", dtype=np.uint8)
_YAML_ALIAS = re.compile(r"(?:^|[\s\[{,:])\*[^\s,\[\]{}]+", re.MULTILINE)
_YAML_INDENT = re.compile(r"^( *)(?:- +)*\S", re.MULTILINE)


def _yaml_depth(fm: str) -> int:
    """An upper bound on the nesting depth of ``fm``, in one pass without parsing.

    Brackets are counted as opened and closed (quotes are ignored, so this can
    only overestimate), block nesting by indentation and ``- `` markers.
    """
    deepest = 0
    if "[" in fm or "{" in fm:
        codes = np.frombuffer(fm.encode("utf-8", "replace"), dtype=np.uint8)
        steps = np.isin(codes, _OPENERS).astype(np.int64) - np.isin(codes, _CLOSERS)
        deepest = int(np.cumsum(steps).max(initial=0))
    for match in _YAML_INDENT.finditer(fm):
        block = len(match.group(1)) + match.group().count("-")
        deepest = max(deepest, block // 2 if block > 16 else 0)
    return deepest


def _count_nodes(value: Any, budget: int) -> int:
    """Nodes in ``value`` with aliases expanded, counting stops once over ``budget``."""
    count = 0
    stack = [value]
    while stack and count <= budget:
        item = stack.pop()
        count += 1
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list | tuple | set):
            stack.extend(item)
    return count


def _load_yaml(fm: str) -> Any:
    """Parse frontmatter safely: refused (:class:`_YamlRefused`) if deep or alias-heavy.

    Depth and aliases are checked before parsing (the C parser crashes on deep
    nesting); the parsed value is walked, with aliases expanded, up to
    :data:`MAX_YAML_NODES` before any of it is used.
    """
    depth = _yaml_depth(fm)
    if depth > MAX_YAML_DEPTH:
        raise _YamlRefused(f"nested {depth} levels deep (limit {MAX_YAML_DEPTH}); not parsed")
    if "*" in fm and "&" in fm:
        aliases = len(_YAML_ALIAS.findall(fm))
        if aliases > MAX_YAML_ALIASES:
            raise _YamlRefused(f"{aliases} aliases (limit {MAX_YAML_ALIASES}); not expanded")
    loaded = _YAML_HANDLER.load(fm, Loader=yaml.CSafeLoader)
    if _count_nodes(loaded, MAX_YAML_NODES) > MAX_YAML_NODES:
        raise _YamlRefused(
            f"more than {MAX_YAML_NODES:,} values once aliases are expanded; not used"
        )
    return loaded


def _as_text_field(name: str, value: Any, problems: list) -> str | None:
    """Coerce a title/author value to text, reporting values of the wrong type."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return ", ".join(value)  # several authors
    if isinstance(value, bool | int | float | dt.date):
        problems.append(
            (
                "field of wrong type",
                f"{name} is {type(value).__name__} {value!r}, read as text",
                True,
            )
        )
        return str(value)
    problems.append(("field of wrong type", f"{name} is {type(value).__name__}, ignored", True))
    return None


def _read_file(path: Path, root: Path, max_bytes: int) -> _Loaded:
    """Read one file into a row dict, collecting problems instead of raising."""
    out = _Loaded()
    name = _repaired_name(path.name)
    if name != path.name:
        detail = f"the name's bytes are not UTF-8; shown and named {name!r}"
        out.problems.append(("file name not UTF-8", detail, True))
    suffix = path.suffix.lower()
    if suffix not in ARTICLE_SUFFIXES:
        kind = suffix or "no extension"
        out.problems.append(
            ("not an article file", f"{kind}; reads {', '.join(sorted(ARTICLE_SUFFIXES))}", False)
        )
        return out
    size = path.stat().st_size
    if size > max_bytes:
        out.problems.append(("file too large", f"{size:,} bytes > limit {max_bytes:,}", False))
        return out
    raw = path.read_bytes()
    decoded = decode(raw)
    if decoded.text is None:
        detail = (
            "contains NUL bytes; not a text file"
            if decoded.encoding == "binary"
            else f"reads as text in no encoding (best: {decoded.encoding}, "
            f"{decoded.score:.0%} of letters in plausible words)"
        )
        out.problems.append(("binary content", detail, False))
        return out
    text, encoding = decoded.text, decoded.encoding
    if encoding not in ("utf-8", "utf-8-sig"):
        name = _ENCODING_NAMES.get(encoding, encoding)
        out.problems.append(("not UTF-8", f"decoded as {name}; please re-save as UTF-8", True))
    if decoded.replaced:
        out.problems.append(
            (
                "invalid bytes",
                f"{decoded.replaced:,} byte sequence(s) not valid {encoding}, "
                "replaced with \ufffd; the rest decoded as " + encoding,
                True,
            )
        )
    if not text.strip():
        out.problems.append(("empty file", f"{size} bytes, no text", False))
        return out
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")

    meta: dict[str, Any] = {}
    try:
        fm, body = _split_frontmatter(text)
    except ValueError as exc:
        out.problems.append(("unclosed frontmatter", str(exc), False))
        return out
    # The body is NFC (offsets into one form); frontmatter values stay as written
    # (the title is normalised below on its own).
    if not unicodedata.is_normalized("NFC", body):
        body = unicodedata.normalize("NFC", body)
    if fm is None:
        out.problems.append(("no frontmatter", "no title, date or author; body loaded", True))
    else:
        try:
            loaded = _load_yaml(fm)
        except (yaml.YAMLError, RecursionError) as exc:
            detail = " ".join(str(exc).split())[:300]
            out.problems.append(("malformed YAML", f"{detail}; body loaded without metadata", True))
            loaded = {}
        except _YamlRefused as exc:
            out.problems.append(("YAML refused", f"{exc}; body loaded without metadata", True))
            loaded = {}
        if loaded is None:
            loaded = {}
        if isinstance(loaded, dict):
            meta = {str(k): v for k, v in loaded.items()}
        else:
            out.problems.append(
                (
                    "frontmatter not a mapping",
                    f"got {type(loaded).__name__}; body loaded without metadata",
                    True,
                )
            )

    title = _as_text_field("title", meta.pop("title", None), out.problems)
    author_raw = _as_text_field("author", meta.pop("author", None), out.problems)
    date_raw = meta.pop("date", None)
    date = parse_date(date_raw)
    if date is None and date_raw not in (None, ""):
        why = date_problem(date_raw) or "is not a date"
        out.problems.append(("invalid date", f"date {date_raw!r} {why}; set to NaT", True))

    body = drop_repeated_header(body, title, date_raw, author_raw)
    body, links = markdown_to_text(body)
    body, homoglyphs = fix_homoglyphs(body)
    if title:
        title = fix_homoglyphs(unicodedata.normalize("NFC", title.strip()))[0]
    author = author_raw.strip() if author_raw else None
    if not author or author.casefold() in AUTHOR_PLACEHOLDERS:
        author = None

    doc_id = _repaired_name(path.relative_to(root).with_suffix("").as_posix())
    row: dict[str, Any] = {
        "doc_id": doc_id,
        "path": _repaired_name(str(path)),  # not UTF-8: no table or file could hold it
        "title": title,
        "date": date,
        "date_raw": None if date_raw is None else str(date_raw),
        "author": author,
        "author_raw": author_raw,
        "text": body,
        "n_words": count_words(body),
        "links": links,
        "encoding": encoding,
        "homoglyphs_fixed": homoglyphs,
        "source": document_source(meta, doc_id),
        "language": detect_language(body),
        "_minhash": minhash_signature(body),
    }
    for key, value in meta.items():
        row[f"meta_{key}" if key in RESERVED_COLUMNS else key] = value
    out.row = row
    out.digest = hashlib.blake2b(body.encode(), digest_size=16).hexdigest()
    return out


def _scan(folder: Path) -> tuple[list[tuple[str, int, int]], dict[str, list]]:
    """Every file below ``folder`` as (path, size, mtime_ns), sorted by path, and folder problems.

    Hidden folders (``.git``, ``.ipynb_checkpoints``) are not part of a
    corpus: they are skipped and reported; hidden files are listed (and
    reported). A folder reached twice through a symbolic link (a loop, or two
    links to one place) is read once and reported; a folder that cannot be
    listed is reported. A file that cannot be stat-ed gets size and time -1,
    and reading it says why.
    """
    found: list[tuple[str, int, int]] = []
    problems: dict[str, list] = {}
    root = folder.resolve()
    seen = {_identity(root)}
    pending = [str(folder)]
    while pending:
        current = pending.pop()
        try:
            with os.scandir(current) as listing:
                entries = list(listing)
        except OSError as exc:
            detail = f"cannot be listed ({type(exc).__name__}: {exc.strerror or exc}); skipped"
            problems.setdefault(current, []).append(("unreadable folder", detail, False))
            continue
        for entry in entries:
            try:
                is_dir = entry.is_dir(follow_symlinks=True)
            except OSError:
                is_dir = False
            if is_dir:
                if entry.name.startswith("."):
                    detail = "hidden folder (name starts with '.'); skipped"
                    problems.setdefault(entry.path, []).append(("hidden folder", detail, False))
                    continue
                identity = _identity(Path(entry.path))
                if identity in seen:
                    target = os.path.realpath(entry.path)
                    detail = f"symbolic link to {target}, a folder already read; skipped"
                    problems.setdefault(entry.path, []).append(("symlink loop", detail, False))
                    continue
                seen.add(identity)
                pending.append(entry.path)
                continue
            try:
                stat = entry.stat()
                found.append((entry.path, stat.st_size, stat.st_mtime_ns))
            except OSError:
                found.append((entry.path, -1, -1))
    found.sort()
    return found, problems


def _identity(path: Path) -> tuple[int, int]:
    """(device, inode) of a folder: the same for every path that reaches it."""
    stat = path.stat()
    return stat.st_dev, stat.st_ino


# --------------------------------------------------------------------------- cache

#: Reading is cached per file (:mod:`helpers.cache`, ``corpus/<folder>.parquet``),
#: so the five notebooks (and every rerun) parse a large folder once. A file's
#: reading is reused only while its path, size, modification time, permissions
#: and content hash are all unchanged: a ``chmod`` or an ``rsync -t`` copy that
#: keeps size and time is read again. The content is hashed again unless the
#: file's status-change time and inode are also those stored (every write and
#: ``chmod`` moves the status-change time, and no tool can set it back), so a
#: warm load costs one ``stat`` per file, and a folder copied with ``cp -a`` is
#: hashed once, not parsed again. The rows are stored as columns (text as
#: text, other values as JSON: nothing in the cache runs code when read) and each
#: file's key and problems in the file's metadata. The code version is a hash of
#: this module and the cleaning rules, so changing the code rebuilds it.


@dataclass
class _Cache:
    #: path -> (size, mtime_ns, mode, content hash, ctime_ns, inode)
    keys: dict[str, tuple[int, int, int, str, int, int]] = field(default_factory=dict)
    rows: pd.DataFrame = field(default_factory=pd.DataFrame)  # one row per loaded file
    problems: dict[str, list[tuple[str, str, bool]]] = field(default_factory=dict)


def _cache_name(folder: Path, max_bytes: int) -> str:
    return hashlib.blake2b(f"{folder.resolve()}|{max_bytes}".encode(), digest_size=8).hexdigest()


def _file_key(path: str, stored: tuple | None) -> tuple[int, int, int, str, int, int] | None:
    """(size, mtime_ns, mode, content hash, ctime_ns, inode) of a file; None if unreadable.

    The content hash is taken from ``stored`` when the file's whole status
    (times, inode, mode, size) is the one stored with it, else read and hashed.
    """
    try:
        stat = os.stat(path)  # noqa: PTH116 - a str path: no Path object per file
        status = (stat.st_size, stat.st_mtime_ns, stat.st_mode, stat.st_ctime_ns, stat.st_ino)
        if stored is not None and (*stored[:3], *stored[4:]) == status:
            return stored
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return None
    try:
        stat = os.fstat(fd)  # of the bytes hashed, should the file have moved since
        chunks, size = [], stat.st_size + 1  # one byte more: a file that grew is read whole
        while chunk := os.read(fd, size):
            chunks.append(chunk)
    except OSError:
        return None
    finally:
        os.close(fd)
    digest = hashlib.blake2b(b"".join(chunks), digest_size=16).hexdigest()
    return (stat.st_size, stat.st_mtime_ns, stat.st_mode, digest, stat.st_ctime_ns, stat.st_ino)


def _read_cache(name: str, version: str) -> _Cache:
    """The cached readings; empty when absent, unreadable or written by other code."""
    found = read_table("corpus", name)
    if found is None or found[1].get("version") != version:
        return _Cache()
    frame, meta = found
    for column, values in meta["json_columns"].items():
        frame[column] = from_json(values)  # one JSON array per column: one parse, not one a row
    frame = frame[meta["columns"]]
    files = meta["files"]
    return _Cache(
        keys={path: tuple(entry[:6]) for path, entry in files.items()},
        rows=frame,
        problems={path: [tuple(p) for p in entry[6]] for path, entry in files.items() if entry[6]},
    )


def _write_cache(name: str, folder: Path, version: str, cache: _Cache) -> None:
    """Store the readings (atomically; a read-only or full disk only costs speed)."""
    rows = cache.rows
    json_columns = {}  # the columns Parquet cannot hold as they are (lists, dates, mixed types)
    for column in rows.columns:
        values = rows[column]
        if values.dtype.kind in "iufbM" or isinstance(values.dtype, pd.StringDtype):
            continue
        if values.dtype == object and all(v is None or type(v) is str for v in values):
            continue
        try:
            json_columns[column] = to_json(values.tolist())
        except (TypeError, ValueError):  # a value JSON cannot hold: cache nothing, stay right
            return
    files = {path: [*key, cache.problems.get(path, [])] for path, key in cache.keys.items()}
    meta = {
        "version": version,
        "corpus_dir": str(folder),
        "columns": list(rows.columns),
        "json_columns": json_columns,
        "files": files,
    }
    write_table("corpus", name, rows.drop(columns=list(json_columns)), meta)


# --------------------------------------------------------------------------- folder

#: Below this many files to parse, a process pool costs more than it saves.
PARALLEL_MIN_FILES = 1000


def _read_one(args: tuple[Path, Path, int]) -> _Loaded:
    path, root, max_bytes = args
    try:
        return _read_file(path, root, max_bytes)
    except OSError as exc:
        return _Loaded(problems=[("unreadable file", f"{type(exc).__name__}: {exc}", False)])


def _read_files(
    files: list[Path], root: Path, max_bytes: int, progress: bool | None
) -> list[_Loaded]:
    """Read files in order, on every core when there are many."""
    jobs = [(file, root, max_bytes) for file in files]
    workers = min(os.cpu_count() or 1, 8)
    if len(files) < PARALLEL_MIN_FILES or workers < 2:
        results: Iterable[_Loaded] = map(_read_one, jobs)
        pool = None
    else:
        pool = ProcessPoolExecutor(max_workers=workers)
        results = pool.map(_read_one, jobs, chunksize=256)
    try:
        desc = f"Reading {root.name}"
        return list(
            show_progress(results, total=len(jobs), desc=desc, unit="file", enabled=progress)
        )
    finally:
        if pool is not None:
            pool.shutdown()


def _refresh(
    folder: Path,
    max_bytes: int,
    use_cache: bool,
    progress: bool | None,
    scanned: list[tuple[str, int, int]],
) -> _Cache:
    """Readings for every file ``scanned`` in ``folder``: cached if unchanged, else parsed."""
    version = code_version(sys.modules[__name__], cleaning, patterns, provenance, language)
    name = _cache_name(folder, max_bytes)
    old = _read_cache(name, version) if use_cache else _Cache()

    keys: dict[str, tuple[int, int, int, str, int, int]] = {}
    unchanged: set[str] = set()
    for path, size, mtime in scanned:
        if not use_cache or size < 0:
            continue
        # Taken before reading, so an edit made while reading is seen next time.
        stored = old.keys.get(path)
        key = _file_key(path, stored)
        if key is None:
            continue  # unreadable: read (and reported) every time
        keys[path] = key
        if stored is not None and key[:4] == stored[:4] and key[:2] == (size, mtime):
            unchanged.add(path)
    to_read = [path for path, _, _ in scanned if path not in unchanged]
    fresh = _read_files([Path(p) for p in to_read], folder, max_bytes, progress)

    fresh_rows = [
        loaded.row | {"_digest": loaded.digest, "_file": _repaired_name(path)}
        for path, loaded in zip(to_read, fresh, strict=True)
        if loaded.row
    ]
    parts = [pd.DataFrame(fresh_rows)] if fresh_rows else []
    if unchanged and not old.rows.empty:
        everything = len(unchanged) == len(old.keys)  # the usual warm load: no filtering
        shown = {_repaired_name(p) for p in unchanged}  # rows hold printable names
        parts.insert(0, old.rows if everything else old.rows[old.rows["_file"].isin(shown)])
    rows = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    problems = {p: old.problems[p] for p in unchanged if p in old.problems}
    problems |= {
        p: loaded.problems for p, loaded in zip(to_read, fresh, strict=True) if loaded.problems
    }
    current = _Cache(keys=keys, rows=rows, problems=problems)
    if use_cache and (to_read or len(old.keys) != len(keys)):
        _write_cache(name, folder, version, current)
    if not rows.empty:
        current.rows = rows.drop(columns="_file")
    return current


def load_corpus(
    path: str | os.PathLike[str] | None = None,
    *,
    strict: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    cache: bool = True,
    progress: bool | None = None,
    warn: bool = True,
) -> pd.DataFrame:
    """Load every article below ``path`` into a DataFrame, one row per document.

    ``path`` defaults to the ``CORPUS`` setting or the project's ``seeds/``
    (see :func:`helpers.paths.corpus_dir`). Columns: ``doc_id`` (path below
    the folder without extension), ``path``, ``title``, ``date`` (datetime64,
    NaT when missing or not a date), ``date_raw``, ``author`` (missing when
    empty or a placeholder such as «Автор неизвестен»), ``author_raw``,
    ``text`` (plain text, the reference for all offsets), ``n_words``,
    ``links``, ``encoding``, ``homoglyphs_fixed``, then every other
    frontmatter field.

    Every file below the folder (hidden folders such as ``.git`` aside) ends
    up as a row, a problem, or both. Problems go to ``df.attrs["problems"]``
    and are warned about; with ``strict=True`` any problem raises
    :class:`CorpusError` instead; ``warn=False`` keeps the table but skips
    the warnings (for the notebooks after the overview, which shows the
    problems once).

    ``source`` is the outlet (frontmatter ``source``/``outlet``, else the
    domain of ``url``/``link``, else the subfolder; a frontmatter ``source``
    is kept as written in ``meta_source``), ``language`` the ISO 639-1 code
    of the text's language (lingua, offline; ``None`` without letters).
    A text already loaded under another name is a repost when its title,
    date or source differs: it stays, with ``duplicate_of`` naming the first
    ``doc_id``; an exact copy (same text, title, date and source) is reported
    and left out, so copies do not inflate counts. ``story_id`` groups
    near-duplicates (edited reprints, MinHash/LSH over word shingles) under
    the ``doc_id`` of the story's first publication.
    Readings are cached per file in ``.cache/corpus/`` (``cache=False`` skips
    it); large folders are read on every core. ``progress`` shows a progress
    bar (default: when 2,000 files or more need parsing).
    """
    folder = corpus_dir(path)
    if not folder.is_dir():
        if folder.exists():
            raise FileNotFoundError(
                f"corpus folder {folder} is a file, not a folder: give the folder that holds it"
            )
        raise FileNotFoundError(f"corpus folder {folder} does not exist")
    scanned, folder_problems = _scan(folder)
    readings = _refresh(folder, max_bytes, cache, progress, scanned)
    readings = _unique_ids(readings, folder_problems)
    df, problem_records = _drop_duplicates(readings)
    for record in problem_records:
        record["path"] = _shown_path(record["path"], folder)
    problem_frame = _problems_frame(problem_records)
    if strict and len(problem_frame):
        raise CorpusError(problem_frame)
    if warn:
        _warn(problem_frame)
    df.attrs["problems"] = problem_frame
    df.attrs["corpus_dir"] = str(folder)
    return df


def _shown_path(path: str, folder: Path | None = None) -> str:
    """``path`` as shown to people: below ``folder`` when given, bytes that are not UTF-8 as «�».

    Problems name files relative to the corpus folder, so a shared report
    never shows where the user keeps their files.
    """
    if folder is not None and Path(path).is_relative_to(folder):
        path = Path(path).relative_to(folder).as_posix()
    return _repaired_name(path)


def _repaired_name(name: str) -> str:
    """A name whose bytes are not UTF-8 (held as surrogates by ``os``), with «�» for them."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _unique_ids(readings: _Cache, extra: dict[str, list]) -> _Cache:
    """Readings whose ``doc_id`` values are unique, the clashes reported; ``extra`` problems added.

    ``a.md`` and ``a.txt`` both become ``a`` without their extension: each
    then keeps its extension in the id (``a.md``, ``a.txt``) and both are
    reported, so no two documents' results mix.
    """
    problems = {path: list(found) for path, found in readings.problems.items()}
    for path, found in extra.items():
        problems.setdefault(path, []).extend(found)
    # Rows hold printable paths (see _read_file); problems are keyed the same way.
    problems = {_repaired_name(p): found for p, found in problems.items()}
    rows = readings.rows
    if rows.empty or not rows["doc_id"].duplicated().any():
        return _Cache(keys=readings.keys, rows=rows, problems=problems)
    rows = rows.copy()
    clashing = rows["doc_id"].duplicated(keep=False)
    taken = set(rows.loc[~clashing, "doc_id"])
    for doc_id, group in rows[clashing].groupby("doc_id", sort=True):
        paths = sorted(group["path"])
        names = [Path(p).name for p in paths]
        for path in paths:
            new_id = f"{doc_id}{Path(path).suffix}"
            n = 2
            while new_id in taken:
                new_id, n = f"{doc_id}{Path(path).suffix}~{n}", n + 1
            taken.add(new_id)
            rows.loc[rows["path"] == path, "doc_id"] = new_id
            others = ", ".join(_repaired_name(x) for x in names if x != Path(path).name)
            detail = f"same name as {others} but the extension; doc_id is {new_id!r}"
            problems.setdefault(path, []).append(("doc_id clash", detail, True))
    return _Cache(keys=readings.keys, rows=rows, problems=problems)


def _drop_duplicates(readings: _Cache) -> tuple[pd.DataFrame, list[dict[str, Any]]]:
    """The documents frame without exact copies, reposts flagged, stories grouped.

    See :func:`helpers.corpus.provenance.mark_duplicates` for the policy: a
    text under two names with another title, date or source stays (its
    ``duplicate_of`` names the first); an exact copy is reported and left out.
    """
    if readings.rows.empty:
        df = pd.DataFrame(columns=[*RESERVED_COLUMNS, "_digest", "_minhash"])
    else:
        df = readings.rows.sort_values("doc_id", kind="stable").reset_index(drop=True)
    df, copies = mark_duplicates(df)
    problems = {path: list(found) for path, found in readings.problems.items()}
    for path, original in zip(df.loc[copies, "path"], df.loc[copies, "duplicate_of"], strict=True):
        problems.setdefault(path, []).append(
            (
                "duplicate text",
                f"exact copy of {original} (same text, title, date, source); left out",
                False,
            )
        )
    dropped = set(df.loc[copies, "path"])
    records = [
        {"path": path, "problem": problem, "detail": detail, "kept": kept and path not in dropped}
        for path, found in problems.items()
        for problem, detail, kept in found
    ]
    kept = df.loc[~copies].reset_index(drop=True)
    kept["story_id"] = story_ids(
        kept["doc_id"].astype(str).tolist(),
        kept["_minhash"].tolist(),
        pd.to_datetime(kept["date"]),
    )
    return _documents_frame(kept.drop(columns=["_digest", "_minhash"])), records


def _problems_frame(records: list[dict[str, Any]]) -> pd.DataFrame:
    columns = ["path", "problem", "detail", "kept"]
    frame = pd.DataFrame(records, columns=columns).astype({"kept": bool})
    return frame.sort_values(["path", "problem"], kind="stable").reset_index(drop=True)


def _documents_frame(df: pd.DataFrame) -> pd.DataFrame:
    df = df.reset_index(drop=True)
    df["date"] = pd.to_datetime(df["date"]).astype("datetime64[ns]")
    for column in ("n_words", "homoglyphs_fixed"):
        df[column] = df[column].astype("int64")
    for column in ("doc_id", "path", "title", "author", "author_raw", "date_raw", "text"):
        df[column] = df[column].astype("str")
    for column in ("source", "language", "duplicate_of"):
        df[column] = df[column].astype(object).where(df[column].notna(), None)
    df["story_id"] = df["story_id"].astype("str")
    return df


def _warn(problems: pd.DataFrame) -> None:
    for record in problems.head(MAX_INDIVIDUAL_WARNINGS).itertuples():
        message = f"{record.path}: {record.problem} ({record.detail})"
        warnings.warn(message, CorpusWarning, stacklevel=3)
    if len(problems) > MAX_INDIVIDUAL_WARNINGS:
        rest = len(problems) - MAX_INDIVIDUAL_WARNINGS
        message = f"... and {rest} more problem(s); see df.attrs['problems']"
        warnings.warn(message, CorpusWarning, stacklevel=3)
