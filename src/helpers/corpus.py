"""Load a folder of markdown articles with YAML frontmatter into one tidy DataFrame.

One row per document, sorted by ``doc_id``. The ``text`` column is the single
reference every later module gives character offsets into: frontmatter, a
heading that only repeats the title, a byline that only repeats date and
author, and markdown emphasis and link syntax are removed; Unicode is NFC and
Latin look-alike letters inside Cyrillic words are replaced by their Cyrillic
twins (same length, so offsets stay put).

Nothing is lost: every file in the folder ends up as a row, as a reported
problem, or both (a file decoded from Windows-1251 is loaded *and* reported).
Problems are in ``df.attrs["problems"]`` (columns ``path``, ``problem``,
``detail``, ``kept``) and each is issued as a :class:`CorpusWarning`;
``strict=True`` raises :class:`CorpusError` naming every file with a problem.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import unicodedata
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import frontmatter
import pandas as pd
import yaml

from helpers.paths import corpus_dir

__all__ = [
    "ARTICLE_SUFFIXES",
    "CorpusError",
    "CorpusWarning",
    "fix_homoglyphs",
    "load_corpus",
    "markdown_to_text",
    "parse_date",
]

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
)
#: Individual warnings issued per call before the rest are summarised in one.
MAX_INDIVIDUAL_WARNINGS = 20

_YAML_HANDLER = frontmatter.YAMLHandler()


class CorpusWarning(UserWarning):
    """A file in the corpus folder was skipped or loaded with a caveat."""


class CorpusError(ValueError):
    """Raised by ``load_corpus(strict=True)``; ``.problems`` holds the table."""

    def __init__(self, problems: pd.DataFrame):
        self.problems = problems
        lines = [f"{len(problems)} problem(s) in the corpus:"]
        lines += [f"  {r.path}: {r.problem} ({r.detail})" for r in problems.itertuples()]
        super().__init__("\n".join(lines))


# --------------------------------------------------------------------------- text


# Latin letters that look exactly like Cyrillic ones, mapped to their twin.
_LATIN_TO_CYRILLIC = str.maketrans(
    "AaBCcEeHKMOoPpTXxyY",
    "АаВСсЕеНКМОоРрТХхуУ",
)
_LATIN_TWINS = frozenset("AaBCcEeHKMOoPpTXxyY")
_MIXED_SCRIPT = re.compile(r"[A-Za-z][А-Яа-яЁё]|[А-Яа-яЁё][A-Za-z]")
_LETTER_RUN = re.compile(r"[^\W\d_]+")
_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
_LATIN = re.compile(r"[A-Za-z]")


def fix_homoglyphs(text: str) -> tuple[str, int]:
    """Replace Latin look-alikes inside Cyrillic words; return the text and how many.

    Only words that mix both scripts are touched, and only when every Latin
    letter in the word has a Cyrillic twin («Kaзахстана» → «Казахстана»), so
    real Latin words and mixed codes such as «iPhone-ы» stay as written. Each
    replacement is one character for one, so offsets do not move.
    """
    if not _MIXED_SCRIPT.search(text):
        return text, 0
    fixed = 0
    parts: list[str] = []
    last = 0
    for match in _LETTER_RUN.finditer(text):
        word = match.group()
        if not (_CYRILLIC.search(word) and _LATIN.search(word)):
            continue
        latin = [ch for ch in word if "A" <= ch <= "z" and ch.isascii()]
        if not all(ch in _LATIN_TWINS for ch in latin):
            continue
        parts.append(text[last : match.start()])
        parts.append(word.translate(_LATIN_TO_CYRILLIC))
        last = match.end()
        fixed += len(latin)
    if not fixed:
        return text, 0
    parts.append(text[last:])
    return "".join(parts), fixed


_IMAGE = re.compile(r"!\[([^\]\n]*)\]\(([^)\s]*)(?:\s+\"[^\"\n]*\")?\)")
_LINK = re.compile(r"\[([^\]\n]*)\]\(([^)\s]*)(?:\s+\"[^\"\n]*\")?\)")
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", re.DOTALL)
_EMPHASIS_STAR = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![\w*])")
_EMPHASIS_UNDERSCORE = re.compile(r"(?<![\w_])_(?=[^\s_])([^_\n]+?)(?<=[^\s_])_(?![\w_])")
_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$", re.MULTILINE)
_TRAILING_SPACE = re.compile(r"[ \t]+$", re.MULTILINE)
_MANY_BLANK_LINES = re.compile(r"\n{3,}")


def markdown_to_text(body: str) -> tuple[str, list[str]]:
    """Turn a markdown body into plain text; return the text and the link targets.

    Emphasis markers, heading markers and link syntax go; link text stays and
    the targets are returned in order. List markers (``-``, ``1.``) are kept:
    they are part of what the demand-list parser reads. Paragraphs stay
    separated by one blank line.
    """
    links: list[str] = []
    if "](" in body:

        def _keep_text(match: re.Match[str]) -> str:
            links.append(match.group(2))
            return match.group(1)

        body = _IMAGE.sub(_keep_text, body)
        body = _LINK.sub(_keep_text, body)
    if "<http" in body:
        links.extend(_AUTOLINK.findall(body))
        body = _AUTOLINK.sub(r"\1", body)
    if "**" in body or "__" in body:
        body = _STRONG.sub(r"\2", body)
    if "*" in body:
        body = _EMPHASIS_STAR.sub(r"\1", body)
    if "_" in body:
        body = _EMPHASIS_UNDERSCORE.sub(r"\1", body)
    if "#" in body:
        body = _HEADING.sub(r"\1", body)
    body = _TRAILING_SPACE.sub("", body)
    body = _MANY_BLANK_LINES.sub("\n\n", body)
    return body.strip(), links


_SQUASH = re.compile(r"[\W_]+")


def _squash(text: str) -> str:
    """Lower-case letters and digits only: for "does this line only repeat X?"."""
    return _SQUASH.sub("", text).casefold()


def _drop_repeated_header(body: str, title: str | None, date_raw: Any, author_raw: Any) -> str:
    """Drop a leading heading equal to the title and a byline of only date and author.

    Web-scraped articles repeat the frontmatter at the top of the body
    (``# Title`` then ``**2013-06-30** Author``). Left in, they would be
    counted as words and parsed as text; anything else on those lines keeps
    them.
    """
    lines = body.split("\n", 8)
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    if title and i < len(lines) and lines[i].lstrip().startswith("#"):
        if _squash(lines[i].lstrip("# \t")) == _squash(title):
            i += 1
            while i < len(lines) and not lines[i].strip():
                i += 1
    if i < len(lines) and lines[i].strip():
        rest = _squash(lines[i])
        for value in _byline_parts(date_raw, author_raw):
            rest = rest.replace(value, "", 1)
        if not rest:
            i += 1
    return "\n".join(lines[i:])


def _byline_parts(date_raw: Any, author_raw: Any) -> list[str]:
    parts = []
    if date_raw not in (None, ""):
        parts.append(_squash(str(date_raw)))
        stamp = parse_date(date_raw)
        if stamp is not None:
            parts += [_squash(stamp.strftime("%Y-%m-%d")), _squash(stamp.strftime("%d.%m.%Y"))]
    if isinstance(author_raw, str) and author_raw.strip():
        parts.append(_squash(author_raw))
    return [p for p in parts if p]


_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def count_words(text: str) -> int:
    """Runs of letters, a hyphenated compound counting once (numbers are not words)."""
    return sum(1 for _ in _WORD.finditer(text))


# --------------------------------------------------------------------------- dates

_RU_MONTHS = {
    "январ": 1,
    "феврал": 2,
    "март": 3,
    "апрел": 4,
    "мая": 5,
    "май": 5,
    "июн": 6,
    "июл": 7,
    "август": 8,
    "сентябр": 9,
    "октябр": 10,
    "ноябр": 11,
    "декабр": 12,
}
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$")
_DOTTED_DATE = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$")
_WORDED_DATE = re.compile(r"^(\d{1,2})\s+([а-яё]+)\s+(\d{4})(?:\s*(?:г\.?|года?))?$")


def parse_date(value: Any) -> pd.Timestamp | None:
    """Parse a frontmatter date; ``None`` when missing or not a real date.

    Accepts what YAML hands over (``datetime.date`` for unquoted dates) and
    strings in ISO form (``2013-06-30``, with or without a time), Russian
    dotted form (``30.06.2013``) and words (``30 июня 2013 г.``). Times are
    dropped: publication is counted by day.
    """
    if isinstance(value, dt.datetime):
        return pd.Timestamp(value.date())
    if isinstance(value, dt.date):
        return pd.Timestamp(value)
    if not isinstance(value, str):
        return None
    text = value.strip().casefold()
    if match := _ISO_DATE.match(text):
        year, month, day = (int(g) for g in match.groups())
    elif match := _DOTTED_DATE.match(text):
        day, month, year = (int(g) for g in match.groups())
    elif match := _WORDED_DATE.match(text):
        day, year = int(match.group(1)), int(match.group(3))
        word = match.group(2)
        month = next((n for stem, n in _RU_MONTHS.items() if word.startswith(stem)), 0)
    else:
        return None
    try:
        return pd.Timestamp(dt.date(year, month, day))
    except (ValueError, OverflowError):
        return None


# --------------------------------------------------------------------------- files


@dataclass
class _Loaded:
    """What reading one file produced: a row, problems, or both."""

    row: dict[str, Any] | None = None
    problems: list[tuple[str, str, bool]] = field(default_factory=list)  # problem, detail, kept


def _decode(raw: bytes) -> tuple[str, str]:
    """Decode bytes as UTF-8 (BOM allowed), falling back to Windows-1251.

    Russian text saved by Windows tools is usually cp1251; its bytes are
    almost never valid UTF-8, so the fallback is unambiguous in practice.
    """
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8"), "utf-8-sig"
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return raw.decode("cp1251", errors="replace"), "cp1251"


_FM_START = re.compile(r"\A---[ \t]*\n")
_FM_END = re.compile(r"^---[ \t]*$|^\.\.\.[ \t]*$", re.MULTILINE)


def _split_frontmatter(text: str) -> tuple[str | None, str]:
    """Return (frontmatter, body); frontmatter is None when the file has none.

    Raises ValueError when a frontmatter block opens but never closes.
    """
    if not _FM_START.match(text):
        return None, text
    if not _FM_END.search(text, 4):
        raise ValueError("frontmatter opens with '---' but never closes")
    fm, body = _YAML_HANDLER.split(text)
    return fm, body


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
            ("field of wrong type", f"{name} is {type(value).__name__} {value!r}, read as text", True)
        )
        return str(value)
    problems.append(
        ("field of wrong type", f"{name} is {type(value).__name__}, ignored", True)
    )
    return None


def _read_file(path: Path, root: Path, max_bytes: int) -> _Loaded:
    """Read one file into a row dict, collecting problems instead of raising."""
    out = _Loaded()
    suffix = path.suffix.lower()
    if suffix not in ARTICLE_SUFFIXES:
        kind = suffix or "no extension"
        out.problems.append(("not an article file", f"{kind}; reads {', '.join(sorted(ARTICLE_SUFFIXES))}", False))
        return out
    size = path.stat().st_size
    if size > max_bytes:
        out.problems.append(("file too large", f"{size:,} bytes > limit {max_bytes:,}", False))
        return out
    raw = path.read_bytes()
    if b"\x00" in raw:
        out.problems.append(("binary content", "contains NUL bytes; not a text file", False))
        return out
    text, encoding = _decode(raw)
    if encoding == "cp1251":
        out.problems.append(("not UTF-8", "decoded as Windows-1251; please re-save as UTF-8", True))
    if not text.strip():
        out.problems.append(("empty file", f"{size} bytes, no text", False))
        return out
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)

    meta: dict[str, Any] = {}
    try:
        fm, body = _split_frontmatter(text)
    except ValueError as exc:
        out.problems.append(("unclosed frontmatter", str(exc), False))
        return out
    if fm is None:
        out.problems.append(("no frontmatter", "no title, date or author; body loaded", True))
    else:
        try:
            loaded = _YAML_HANDLER.load(fm, Loader=yaml.CSafeLoader)
        except yaml.YAMLError as exc:
            detail = " ".join(str(exc).split())
            out.problems.append(("malformed YAML", f"{detail}; body loaded without metadata", True))
            loaded = {}
        if loaded is None:
            loaded = {}
        if isinstance(loaded, dict):
            meta = {str(k): v for k, v in loaded.items()}
        else:
            out.problems.append(
                ("frontmatter not a mapping", f"got {type(loaded).__name__}; body loaded without metadata", True)
            )

    title = _as_text_field("title", meta.pop("title", None), out.problems)
    author_raw = _as_text_field("author", meta.pop("author", None), out.problems)
    date_raw = meta.pop("date", None)
    date = parse_date(date_raw)
    if date is None and date_raw not in (None, ""):
        out.problems.append(("invalid date", f"date {date_raw!r} is not a date; set to NaT", True))

    body = _drop_repeated_header(body, title, date_raw, author_raw)
    body, links = markdown_to_text(body)
    body, homoglyphs = fix_homoglyphs(body)
    if title:
        title = fix_homoglyphs(unicodedata.normalize("NFC", title.strip()))[0]
    author = author_raw.strip() if author_raw else None
    if not author or author.casefold() in AUTHOR_PLACEHOLDERS:
        author = None

    row: dict[str, Any] = {
        "doc_id": path.relative_to(root).with_suffix("").as_posix(),
        "path": str(path),
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
    }
    for key, value in meta.items():
        row[f"meta_{key}" if key in RESERVED_COLUMNS else key] = value
    out.row = row
    return out


def _iter_files(folder: Path) -> Iterable[Path]:
    """Every file below ``folder``, sorted; hidden folders such as .git are skipped."""
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            yield Path(dirpath, name)


def _problems_frame(records: list[dict[str, Any]]) -> pd.DataFrame:
    columns = ["path", "problem", "detail", "kept"]
    frame = pd.DataFrame(records, columns=columns)
    return frame.sort_values(["path", "problem"], kind="stable").reset_index(drop=True)


def load_corpus(
    path: str | os.PathLike[str] | None = None,
    *,
    strict: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: bool | None = None,
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

    Problems go to ``df.attrs["problems"]`` and are warned about; with
    ``strict=True`` any problem raises :class:`CorpusError` instead. A file
    whose text duplicates an earlier one (by ``doc_id``) is reported and left
    out, so counts are not inflated by copies. ``progress`` shows a progress
    bar (default: for folders of more than 2,000 files).
    """
    folder = corpus_dir(path)
    if not folder.is_dir():
        raise FileNotFoundError(f"corpus folder not found: {folder}")
    files = list(_iter_files(folder))
    if progress is None:
        progress = len(files) > 2000
    if progress:
        from tqdm.auto import tqdm

        files_iter: Iterable[Path] = tqdm(files, desc=f"Loading {folder.name}", unit="file")
    else:
        files_iter = files

    rows: list[dict[str, Any]] = []
    problems: list[dict[str, Any]] = []
    seen_texts: dict[str, str] = {}
    for file in files_iter:
        try:
            loaded = _read_file(file, folder, max_bytes)
        except OSError as exc:
            loaded = _Loaded(problems=[("unreadable file", f"{type(exc).__name__}: {exc}", False)])
        row = loaded.row
        if row is not None:
            digest = hashlib.blake2b(row["text"].encode(), digest_size=16).hexdigest()
            if row["text"] and digest in seen_texts:
                loaded.problems.append(
                    ("duplicate text", f"same text as {seen_texts[digest]}; left out", False)
                )
                row = None
            else:
                seen_texts[digest] = row["doc_id"]
                rows.append(row)
        for problem, detail, kept in loaded.problems:
            problems.append(
                {"path": str(file), "problem": problem, "detail": detail, "kept": kept and row is not None}
            )

    df = _documents_frame(rows)
    problem_frame = _problems_frame(problems)
    if strict and len(problem_frame):
        raise CorpusError(problem_frame)
    _warn(problem_frame)
    df.attrs["problems"] = problem_frame
    df.attrs["corpus_dir"] = str(folder)
    return df


def _documents_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=None if rows else list(RESERVED_COLUMNS))
    df["date"] = pd.to_datetime(df["date"]).astype("datetime64[ns]")
    df["n_words"] = df["n_words"].astype("int64")
    df["homoglyphs_fixed"] = df["homoglyphs_fixed"].astype("int64")
    return df.sort_values("doc_id", kind="stable").reset_index(drop=True)


def _warn(problems: pd.DataFrame) -> None:
    for record in problems.head(MAX_INDIVIDUAL_WARNINGS).itertuples():
        warnings.warn(f"{record.path}: {record.problem} ({record.detail})", CorpusWarning, stacklevel=3)
    if len(problems) > MAX_INDIVIDUAL_WARNINGS:
        rest = len(problems) - MAX_INDIVIDUAL_WARNINGS
        warnings.warn(
            f"... and {rest} more problem(s); see df.attrs['problems']", CorpusWarning, stacklevel=3
        )
