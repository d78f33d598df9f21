"""Broken and hostile archives, built here: no single file stops a load, each is reported by name.

Every case is a file (or folder) a real scraped, merged, passed-around collection holds: dates
pandas cannot hold, YAML bombs, names that are not UTF-8, symlink loops, folders that cannot be
listed, clashing ids, text in the wrong encoding, bytes that are not text. For each: the other
files load, the problem names the file, ``strict=True`` raises ``CorpusError`` naming it.
The shared-report side (escaping, checked in a browser) is in ``test_hostile_reports.py``.
"""

from __future__ import annotations

import itertools
import os
import random
import warnings
from pathlib import Path

import pandas as pd
import pytest

from helpers.corpus import CorpusError, CorpusWarning, load_corpus
from helpers.corpus import loader as loader_module
from helpers.corpus.cleaning import markdown_to_text
from helpers.corpus.overview import date_coverage_figure, document_table
from helpers.dates import referenced_dates
from helpers.dates.timeline import plot_publications, publication_counts
from helpers.display import styled
from helpers.nlp.pieces import bounded_pieces
from helpers.paths import SEEDS_DIR
from helpers.tooling.reports import corpus_problem
from helpers.words import tokens

BODY = "Рабочие вышли на площадь и потребовали повышения зарплаты.\n"
RUSSIAN = (SEEDS_DIR / "002_e634a78d755f3f5e.txt").read_text(encoding="utf-8")


def article(title: str = "Забастовка", date: str = '"2011-05-26"', body: str = BODY) -> str:
    return f'---\ntitle: "{title}"\ndate: {date}\nauthor: "Иван Петров"\n---\n\n{body}'


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def load(folder: Path, **kwargs) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        return load_corpus(folder, cache=False, **kwargs)


def problems_of(df: pd.DataFrame, name: str) -> pd.DataFrame:
    problems = df.attrs["problems"]
    return problems[problems["path"] == name]


def assert_reported_and_strict(folder: Path, name: str, problem: str, *, kept: bool) -> None:
    """The file is reported by name with ``problem``; ``strict=True`` raises naming it."""
    df = load(folder)
    found = problems_of(df, name)
    assert problem in set(found["problem"]), df.attrs["problems"].to_dict("records")
    assert bool(found.loc[found["problem"] == problem, "kept"].iloc[0]) is kept
    assert "good" in set(df["doc_id"]), "the other files must load"
    with pytest.raises(CorpusError, match=name.replace(".", r"\.")):
        load(folder, strict=True)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    write(tmp_path, "good.md", article())
    return tmp_path


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize("date", ['"0213-12-18"', "1600-01-01", '"9999-12-31"', "9999-12-31"])
def test_a_date_pandas_cannot_hold_is_empty_and_reported(folder, date):
    write(folder, "ancient.md", article(title="Древность", date=date, body="Текст о прошлом.\n"))
    assert_reported_and_strict(folder, "ancient.md", "invalid date", kept=True)
    df = load(folder).set_index("doc_id")
    assert pd.isna(df.loc["ancient", "date"]) and df.loc["ancient", "text"] == "Текст о прошлом."
    detail = problems_of(load(folder), "ancient.md")["detail"].iloc[0]
    assert "outside the dates that can be counted" in detail


def test_a_corpus_spanning_centuries_draws_its_charts(tmp_path):
    for i, year in enumerate([1700, 1812, 1905, 1986, 2011, 2013, 2250]):
        body = f"Событие {i}: рабочие вспоминают 16 декабря 2011 года.\n"
        date = f'"{year}-05-01"'
        write(tmp_path, f"y{year}.md", article(title=f"Год {year}", date=date, body=body))
    corpus = load(tmp_path)
    assert corpus["date"].dt.year.tolist() == [1700, 1812, 1905, 1986, 2011, 2013, 2250]
    counts = publication_counts(corpus)
    assert counts.attrs["freq"] == "year" and counts["count"].sum() == 7
    fig, _ = plot_publications(counts, pd.DataFrame(columns=["date", "label", "note"]))
    fig.canvas.draw()
    fig, data = date_coverage_figure(corpus)
    fig.canvas.draw()
    assert len(data) == 7
    assert len(referenced_dates(corpus, cache=False)) == 7


# --------------------------------------------------------------------------- YAML


def test_a_yaml_alias_bomb_is_refused_before_it_expands(folder):
    levels = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for n in range(1, 10):
        prev = chr(ord("a") + n - 1)
        name = chr(ord("a") + n)
        levels.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    fm = "\n".join([*levels, "title: Бомба", "date: *j"])
    write(folder, "bomb.md", f"---\n{fm}\n---\n\nТекст под бомбой.\n")
    assert_reported_and_strict(folder, "bomb.md", "YAML refused", kept=True)
    df = load(folder).set_index("doc_id")
    assert df.loc["bomb", "text"] == "Текст под бомбой." and "a" not in df.columns


def test_a_few_aliases_that_expand_far_are_refused_too(folder):
    # 30 aliases, each doubling: 2**15 values once expanded, under the alias limit.
    lines = ["x0: &x0 [1, 2]"]
    lines += [f"x{n}: &x{n} [*x{n - 1}, *x{n - 1}]" for n in range(1, 16)]
    write(folder, "doubling.md", "---\n" + "\n".join(lines) + "\n---\n\nТекст.\n")
    assert_reported_and_strict(folder, "doubling.md", "YAML refused", kept=True)


@pytest.mark.parametrize("style", ["flow", "block"])
def test_deeply_nested_yaml_is_refused_before_the_parser_sees_it(folder, style):
    if style == "flow":
        fm = "x: " + "[" * 50_000 + "]" * 50_000
    else:
        fm = "x:\n" + "".join("  " * (n + 1) + "- \n" for n in range(200))
    write(folder, "deep.md", f"---\n{fm}\n---\n\nГлубокий текст.\n")
    assert_reported_and_strict(folder, "deep.md", "YAML refused", kept=True)
    assert "Глубокий текст." in set(load(folder)["text"])


# --------------------------------------------------------------------------- the folder


def test_a_file_name_that_is_not_utf8_is_loaded_and_reported(folder):
    raw_name = os.fsencode(folder) + b"/stat\xff\xfe.md"  # bytes: a name Path cannot spell
    fd = os.open(raw_name, os.O_WRONLY | os.O_CREAT)
    os.write(fd, article(title="Имя", body="Текст с плохим именем файла.\n").encode())
    os.close(fd)
    df = load(folder)
    assert "stat\ufffd\ufffd" in set(df["doc_id"])
    assert all(isinstance(p, str) and p.encode("utf-8") for p in df["path"])
    assert_reported_and_strict(folder, "stat\ufffd\ufffd.md", "file name not UTF-8", kept=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        cold, warm = (load_corpus(folder) for _ in range(2))  # through the loader's cache
    assert sorted(cold["doc_id"]) == sorted(warm["doc_id"]) == sorted(df["doc_id"])


def test_symlink_loops_are_reported_not_followed(folder):
    (folder / "sub").mkdir()
    write(folder, "sub/inner.md", article(title="Внутри", body="Текст во вложенной папке.\n"))
    (folder / "sub" / "up").symlink_to("..", target_is_directory=True)
    (folder / "self.md").symlink_to("self.md")  # a link to itself
    df = load(folder)
    assert sorted(df["doc_id"]) == ["good", "sub/inner"]
    assert_reported_and_strict(folder, "sub/up", "symlink loop", kept=False)
    assert set(problems_of(df, "self.md")["problem"]) == {"unreadable file"}


def test_a_folder_that_cannot_be_listed_is_reported(folder, monkeypatch):
    locked = folder / "locked"
    write(folder, "locked/secret.md", article(title="Секрет", body="Закрыто.\n"))
    locked.chmod(0)
    if os.geteuid() == 0:  # root lists anything: make listing this folder fail as it would
        real_scandir = os.scandir

        def scandir(path):
            if Path(path) == locked:
                raise PermissionError(13, "Permission denied", str(path))
            return real_scandir(path)

        monkeypatch.setattr(loader_module.os, "scandir", scandir)
    try:
        assert_reported_and_strict(folder, "locked", "unreadable folder", kept=False)
    finally:
        locked.chmod(0o755)


def test_hidden_folders_are_reported_as_skipped(folder):
    write(folder, ".obsidian/notes.md", article(title="Скрыто", body="Скрытый текст.\n"))
    assert_reported_and_strict(folder, ".obsidian", "hidden folder", kept=False)
    assert "Скрытый текст." not in set(load(folder)["text"])


def test_names_that_differ_only_by_extension_get_unique_ids(folder):
    write(folder, "a.md", article(title="Первая", body="Рабочие требуют зарплату.\n"))
    write(folder, "a.txt", article(title="Вторая", body="Шахтёры объявили забастовку 5 мая.\n"))
    df = load(folder)
    assert sorted(df["doc_id"]) == ["a.md", "a.txt", "good"]
    for name in ("a.md", "a.txt"):
        assert_reported_and_strict(folder, name, "doc_id clash", kept=True)
    found = tokens(df, cache=False, progress=False)
    by_doc = found.groupby("doc_id", observed=True)["lemma"].apply(set)
    assert "шахтёр" in by_doc["a.txt"] and "шахтёр" not in by_doc["a.md"]
    assert document_table(df).index.is_unique


def test_an_empty_folder_and_a_file_get_a_clear_message(tmp_path):
    assert "holds no articles" in corpus_problem(tmp_path)
    write(tmp_path, "notes.pdf", b"%PDF")
    write(tmp_path, "empty.md", "")
    message = corpus_problem(tmp_path)
    assert "no article that could be read" in message and "empty.md: empty file" in message
    file = write(tmp_path, "a.md", article())
    assert "is a file, not a folder" in corpus_problem(file)
    assert "does not exist" in corpus_problem(tmp_path / "nowhere")
    with pytest.raises(FileNotFoundError, match="is a file, not a folder"):
        load_corpus(file)


def test_problems_name_files_relative_to_the_corpus_folder(folder):
    write(folder, "2013/broken.md", "---\ntitle: x\n")
    df = load(folder)
    assert df.attrs["problems"]["path"].tolist() == ["2013/broken.md"]
    assert str(folder) not in str(CorpusError(df.attrs["problems"]))


# --------------------------------------------------------------------------- decoding


def test_one_stray_byte_keeps_a_utf8_file_utf8(folder):
    text = article(title="Годовщина", body=RUSSIAN.split("---\n", 2)[2])
    raw = text.encode("utf-8")
    cut = raw.index("Казахские".encode())
    write(folder, "stray.md", raw[:cut] + b"\xff" + raw[cut:])
    df = load(folder).set_index("doc_id")
    assert df.loc["stray", "encoding"] == "utf-8"
    assert "\ufffdКазахские власти" in df.loc["stray", "text"]
    assert df.loc["stray", "text"].count("\ufffd") == 1
    detail = problems_of(load(folder), "stray.md")["detail"].iloc[0]
    assert detail.startswith("1 byte sequence(s) not valid utf-8")
    assert_reported_and_strict(folder, "stray.md", "invalid bytes", kept=True)


@pytest.mark.parametrize(
    ("codec", "named"),
    [("cp1251", "Windows-1251"), ("koi8-r", "KOI8-R"), ("latin-1", "Latin-1")],
)
def test_other_encodings_are_decoded_and_named(folder, codec, named):
    if codec == "latin-1":
        body = "Les ouvriers de l'usine réclament une hausse des salaires. Grève générale à Oran.\n"
    else:
        body = RUSSIAN.split("---\n", 2)[2].replace("«", '"').replace("»", '"')
    write(folder, "legacy.md", article(title="Title", body=body).encode(codec, errors="replace"))
    df = load(folder).set_index("doc_id")
    assert df.loc["legacy", "encoding"] == codec
    assert body.split()[1] in df.loc["legacy", "text"]
    problem = problems_of(load(folder), "legacy.md")
    assert problem["problem"].tolist() == ["not UTF-8"] and named in problem["detail"].iloc[0]


def test_a_text_in_capitals_is_told_apart_in_both_cyrillic_code_pages(folder):
    body = "НАЗАРБАЕВ УХОДИ! СВОБОДУ ПОЛИТЗАКЛЮЧЕННЫМ! ДОЛОЙ ДИКТАТУРУ!\n"
    for codec in ("cp1251", "koi8-r"):
        text = article(title="ЛОЗУНГИ", body=f"{body}{codec.upper()}\n")
        write(folder, f"{codec}.md", text.encode(codec))
    df = load(folder).set_index("doc_id")
    assert df.loc["cp1251", "text"] == f"{body}CP1251"
    assert df.loc["koi8-r", "text"] == f"{body}KOI8-R"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-8-sig"])
def test_text_with_a_byte_order_mark_is_decoded(folder, codec):
    raw = article(title="Юникод", body="Текст в UTF-16.\n").encode(codec)
    if codec == "utf-16-be":
        raw = b"\xfe\xff" + raw
    write(folder, "bom.md", raw)
    df = load(folder).set_index("doc_id")
    assert df.loc["bom", "text"] == "Текст в UTF-16." and df.loc["bom", "title"] == "Юникод"


def test_random_bytes_without_nul_are_not_text(folder):
    rng = random.Random(12)
    write(folder, "noise.md", bytes(rng.randrange(1, 256) for _ in range(20_000)))
    df = load(folder)
    assert set(df["doc_id"]) == {"good"}
    assert_reported_and_strict(folder, "noise.md", "binary content", kept=False)
    assert "reads as text in no encoding" in problems_of(df, "noise.md")["detail"].iloc[0]


# --------------------------------------------------------------------------- long input


@pytest.mark.parametrize(
    "text",
    [
        "**" + "жирный текст без конца " * 50,
        "[ссылка без конца " * 50 + "](" * 30,
        "# " + " " * 300 + "#" * 300 + " x",
        "a" + " " * 500 + "b\n",
    ],
)
def test_markdown_cleaning_keeps_unbalanced_markup_as_text(text):
    cleaned, _ = markdown_to_text(text)
    assert cleaned.replace(" ", "").replace("\n", "").strip("#") != ""
    assert set(cleaned) <= set(text)


def test_long_stretches_reach_razdel_and_natasha_in_bounded_pieces():
    rng = random.Random(3)
    words = ["рабочие", "требуют.", "Повышения", "зарплаты!", "а", "x" * 60]
    for _ in range(200):
        text = " ".join(rng.choice(words) for _ in range(rng.randrange(1, 300)))
        if rng.random() < 0.3:
            text = text.replace(" ", "")
        limit = rng.randrange(8, 200)
        pieces = list(bounded_pieces(text, 0, len(text), limit))
        assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
        assert all(0 < b - a <= limit for a, b in pieces)
        assert all(not text[b:c].strip() for (_, b), (c, _) in itertools.pairwise(pieces))
    ordinary = "Рабочие требуют повышения зарплаты. " * 3
    assert list(bounded_pieces(ordinary, 0, len(ordinary), 2000)) == [(0, len(ordinary))]


def test_a_long_document_on_one_line_is_tokenised_like_its_paragraphs(tmp_path):
    body = RUSSIAN.split("---\n", 2)[2]
    one_line = " ".join(body.split())
    write(tmp_path, "lines.md", article(title="А", body=body * 5))
    write(tmp_path, "oneline.md", article(title="Б", body=(one_line + " ") * 5))
    found = tokens(load(tmp_path), cache=False, progress=False)
    words = found[found["is_word"]].groupby("doc_id", observed=True)["lemma"].apply(list)
    assert words["lines"] == words["oneline"]


# --------------------------------------------------------------------------- display


def test_styled_tables_escape_every_cell_and_label():
    frame = pd.DataFrame(
        {"<b>col</b>": ["<script>x()</script>", "<img src=x onerror=y()>"], "n": [1, 2]},
        index=["<i>a</i>", "b"],
    )
    html = styled(frame).to_html()
    assert "<script>" not in html and "<img" not in html and "<b>" not in html
    assert "<i>" not in html and "&lt;script&gt;x()&lt;/script&gt;" in html
