"""The loader on the real seeds and on every kind of broken input a real folder holds."""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
import warnings
from pathlib import Path

import pandas as pd
import pytest
import razdel
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import helpers
from helpers.cache import CacheWarning
from helpers.corpus import CorpusError, CorpusWarning, load_corpus
from helpers.corpus.cleaning import fix_homoglyphs
from helpers.corpus.loader import RESERVED_COLUMNS
from helpers.paths import SEEDS_DIR, corpus_dir

SEED_JUNE = "000_fb161a2db08fb9b8"
SEED_DECEMBER = "002_e634a78d755f3f5e"


@pytest.fixture(scope="module")
def seeds() -> pd.DataFrame:
    return load_corpus(cache=False).set_index("doc_id", drop=False)


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def load_quietly(folder: Path, **kwargs) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        return load_corpus(folder, cache=False, **kwargs)


def problems_by_file(df: pd.DataFrame) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for record in df.attrs["problems"].itertuples():
        found.setdefault(Path(record.path).name, []).append(record.problem)
    return found


GOOD = '---\ntitle: "Забастовка в Жанаозене"\ndate: "2011-05-26"\nauthor: "Иван Петров"\n---\n\n'


# --------------------------------------------------------------------------- seeds


def test_seeds_load_one_row_each_sorted_without_problems(seeds):
    assert list(seeds["doc_id"]) == [SEED_JUNE, SEED_DECEMBER]
    assert seeds.attrs["problems"].empty
    assert seeds["doc_id"].is_unique


def test_seed_titles_dates_and_authors(seeds):
    june, december = seeds.loc[SEED_JUNE], seeds.loc[SEED_DECEMBER]
    assert june["title"] == "КРИ и СДК не оставят рабочих Жезказгана одних"
    assert december["title"] == "Годовщина расстрела рабочих в Жанаозене"
    assert june["date"] == pd.Timestamp("2013-06-30")
    assert december["date"] == pd.Timestamp("2013-12-18")
    assert seeds["date"].dtype == "datetime64[ns]"
    # «Автор неизвестен» is a placeholder and "" is empty: both mean no author.
    assert pd.isna(june["author"]) and june["author_raw"] == "Автор неизвестен"
    assert pd.isna(december["author"]) and december["author_raw"] == ""


def test_text_starts_after_title_heading_and_byline(seeds):
    june, december = seeds.loc[SEED_JUNE, "text"], seeds.loc[SEED_DECEMBER, "text"]
    assert june.startswith("С таким заявлением выступил 28 июня сопредседатель")
    assert december.startswith("Казахские власти и их европейские")
    assert june.endswith("Видео выступления Айнура Курманова:")
    assert december.endswith("журнала «Пропаганда»")
    for text in (june, december):
        assert "---" not in text[:10] and "**" not in text and "title:" not in text


def test_markdown_emphasis_and_links_removed_list_markers_kept(seeds):
    june, december = seeds.loc[SEED_JUNE], seeds.loc[SEED_DECEMBER]
    assert "\n\n- Национализация всей промышленности под рабочим контролем!\n\n" in june["text"]
    assert "вопрос разбирался в Европарламенте" in december["text"]
    assert december["links"] == ["http://socialismkz.info/?p=10318"]
    assert june["links"] == []
    assert "\n\n1. Прекратить репрессии" in december["text"]
    assert "\n\n-закрыть сфабрикованные" in december["text"]


def test_homoglyphs_fixed_in_the_december_seed(seeds):
    december = seeds.loc[SEED_DECEMBER]
    assert "Борьба рабочих Казахстана справедлива" in december["text"]
    assert "Kaзахстана" not in december["text"]
    assert december["homoglyphs_fixed"] == 2  # a Latin K and a Latin a
    assert seeds.loc[SEED_JUNE, "homoglyphs_fixed"] == 0


def test_word_counts_are_counts_of_letter_runs(seeds):
    text = "Рабочие ЖМЗ требуют 100% зарплаты — и научно-популярного журнала!"
    assert helpers.nlp.patterns.count_words(text) == 7
    # Independent check: razdel's tokens that contain a letter (it keeps hyphenated compounds).
    for text, n_words in zip(seeds["text"], seeds["n_words"], strict=True):
        words = [t for t in razdel.tokenize(text) if any(ch.isalpha() for ch in t.text)]
        assert n_words == len(words)
    assert list(seeds["n_words"]) == [249, 683]


# --------------------------------------------------------------------------- cleaning


@pytest.mark.parametrize(
    ("written", "expected", "fixed"),
    [
        ("Kaзахстана", "Казахстана", 2),
        ("рабoчие", "рабочие", 1),  # Latin o
        ("ArcelorMittal Темиртау", "ArcelorMittal Темиртау", 0),  # real Latin word untouched
        ("Wi-Fi сеть", "Wi-Fi сеть", 0),
        ("Zhanaozen-Жанаозен", "Zhanaozen-Жанаозен", 0),  # separate words, separate scripts
        ("iPhoneы", "iPhoneы", 0),  # i, h, n have no Cyrillic twin: leave the word alone
    ],
)
def test_fix_homoglyphs(written, expected, fixed):
    assert helpers.corpus.cleaning.fix_homoglyphs(written) == (expected, fixed)


def test_fix_homoglyphs_keeps_offsets():
    text = "В Kaзахстане и в Mосквe."
    fixed, count = helpers.corpus.cleaning.fix_homoglyphs(text)
    assert len(fixed) == len(text) and count == 4
    assert fixed == "В Казахстане и в Москве."


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2013-06-30", "2013-06-30"),
        ("2013-06-30T14:05:00+06:00", "2013-06-30"),
        ("30.06.2013", "2013-06-30"),
        ("30 июня 2013 г.", "2013-06-30"),
        ("1 мая 2012 года", "2012-05-01"),
        ("5 март 2010", "2010-03-05"),
        (dt.date(2011, 12, 16), "2011-12-16"),
        (dt.datetime(2011, 12, 16, 9, 30), "2011-12-16"),
    ],
)
def test_parse_date_accepts_the_usual_forms(value, expected):
    assert helpers.corpus.cleaning.parse_date(value) == pd.Timestamp(expected)


@pytest.mark.parametrize("value", ["16.12.20011", "2013-02-30", "вчера", "", None, 2013, True])
def test_parse_date_rejects_non_dates(value):
    assert helpers.corpus.cleaning.parse_date(value) is None


def test_byline_with_other_words_is_kept(tmp_path):
    write(
        tmp_path,
        "a.md",
        GOOD + "# Забастовка в Жанаозене\n\n**2011-05-26** Иван Петров пишет:\n\nТекст.",
    )
    text = load_quietly(tmp_path).loc[0, "text"]
    assert text.startswith("2011-05-26 Иван Петров пишет:")


def test_heading_that_differs_from_title_is_kept(tmp_path):
    write(tmp_path, "a.md", GOOD + "# Другой заголовок\n\nТекст статьи.")
    assert load_quietly(tmp_path).loc[0, "text"] == "Другой заголовок\n\nТекст статьи."


@pytest.mark.parametrize(
    "first_line",
    [
        "Забастовка в Жанаозене",
        "**Забастовка в Жанаозене**",
        "ЗАБАСТОВКА В ЖАНАОЗЕНЕ.",
        "# Забастовка",
    ],
)
def test_a_first_line_repeating_the_title_is_dropped_in_any_dress(tmp_path, first_line):
    write(tmp_path, "a.md", GOOD + f"{first_line}\n\nТекст статьи.")
    text = load_quietly(tmp_path).loc[0, "text"]
    if first_line == "# Забастовка":  # not the title: a heading of its own
        assert text == "Забастовка\n\nТекст статьи."
    else:
        assert text == "Текст статьи."


def test_a_title_that_is_the_whole_text_stays(tmp_path):
    write(tmp_path, "a.md", GOOD + "Забастовка в Жанаозене!\n")
    assert load_quietly(tmp_path).loc[0, "text"] == "Забастовка в Жанаозене!"


#: The evaluation data beside the project (``../shared/eval/nerel``), looked for upwards.
NEREL = next(
    (
        p / "shared" / "eval" / "nerel"
        for p in Path(__file__).resolve().parents
        if (p / "shared" / "eval" / "nerel").is_dir()
    ),
    Path("nowhere"),
)


@pytest.mark.skipif(not (NEREL / "corpus").is_dir(), reason="NEREL evaluation data not here")
def test_nerel_title_lines_are_dropped_and_the_rest_keeps_its_gold_spans(tmp_path):
    """NEREL bodies open with the title; what follows keeps every gold span after that line."""
    names = sorted(p.name for p in (NEREL / "corpus").iterdir())[:40]
    for name in names:
        (tmp_path / name).write_bytes((NEREL / "corpus" / name).read_bytes())
    corpus = load_quietly(tmp_path).set_index("doc_id")
    gold: dict[str, list[dict]] = {}
    with (NEREL / "gold.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            span = json.loads(line)
            if span["doc_id"] in corpus.index:
                gold.setdefault(span["doc_id"], []).append(span)
    dropped = 0
    for doc_id, row in corpus.iterrows():
        body = (tmp_path / f"{doc_id}.txt").read_text(encoding="utf-8").split("---\n", 2)[2]
        first = body.split("\n", 1)[0]
        if first.strip() != row["title"]:
            continue
        dropped += not row["text"].startswith(first.strip())
        for span in gold.get(doc_id, []):
            if span["start"] > len(first):
                written = fix_homoglyphs(" ".join(span["text"].split()))[0]  # as the loader does
                assert written in " ".join(row["text"].split())
    assert dropped >= len(names) * 0.9


# --------------------------------------------------------------------------- broken input


def test_every_kind_of_broken_file_is_a_row_or_a_reported_problem(tmp_path):
    body = "Рабочие вышли на площадь.\n"
    files = {
        "good.md": GOOD + body,
        "no_frontmatter.md": "# Просто текст\n\nРабочие требуют повышения зарплаты.\n",
        "malformed.md": '---\ntitle: "не закрыта кавычка\ndate: 2013-01-01\n---\n\n' + body + "1",
        "unclosed.md": '---\ntitle: "Заголовок"\ndate: "2013-01-01"\n\nТекст без конца шапки.\n',
        "list_fm.md": "---\n- один\n- два\n---\n\nТекст со списком вместо шапки.\n",
        "bad_date.md": '---\ntitle: "Т"\ndate: "16.12.20011"\n---\n\nТекст с плохой датой.\n',
        "wrong_types.markdown": "---\ntitle: 2013\nauthor: {name: Иван}\n---\n\nТекст с числом.\n",
        "empty.md": "",
        "blank.txt": "  \n\n \n",
        "notes.pdf": b"%PDF-1.4 binary",
        "image.png": b"\x89PNG\r\n\x1a\n\x00\x00",
        "good_copy.md": GOOD + body,
        "binary.md": b"---\ntitle: x\n---\n\x00\x01\x02",
        "huge.md": GOOD + "слово " * 5000,
        ".DS_Store": b"\x00\x00\x00\x01Bud1",
    }
    for name, content in files.items():
        write(tmp_path, name, content)
    write(tmp_path, ".git/config", "[core]\n")  # hidden folders are skipped, and reported

    df = load_quietly(tmp_path, max_bytes=20_000)
    problems = problems_by_file(df)
    rows = set(df["path"].map(lambda p: Path(p).name))

    assert rows | set(problems) == set(files) | {".git"}, "a file was lost"
    assert rows == {
        "good.md",
        "no_frontmatter.md",
        "malformed.md",
        "list_fm.md",
        "bad_date.md",
        "wrong_types.markdown",
    }
    assert problems == {
        "no_frontmatter.md": ["no frontmatter"],
        "malformed.md": ["malformed YAML"],
        "unclosed.md": ["unclosed frontmatter"],
        "list_fm.md": ["frontmatter not a mapping"],
        "bad_date.md": ["invalid date"],
        "wrong_types.markdown": ["field of wrong type", "field of wrong type"],
        "empty.md": ["empty file"],
        "blank.txt": ["empty file"],
        "notes.pdf": ["not an article file"],
        "image.png": ["not an article file"],
        "good_copy.md": ["duplicate text"],
        "binary.md": ["binary content"],
        "huge.md": ["file too large"],
        ".DS_Store": ["not an article file"],
        ".git": ["hidden folder"],
    }
    kept = df.attrs["problems"].groupby("problem")["kept"].all()
    assert kept["invalid date"] and kept["malformed YAML"] and not kept["duplicate text"]


def test_loaded_broken_files_have_sensible_values(tmp_path):
    write(tmp_path, "no_frontmatter.md", "Рабочие требуют повышения зарплаты.\n")
    write(tmp_path, "bad_date.md", '---\ntitle: "Т"\ndate: "16.12.20011"\n---\n\nТекст.\n')
    write(tmp_path, "wrong_types.md", "---\ntitle: 2013\nauthor: [Иван, Мария]\n---\n\nТекст 2.\n")
    df = load_quietly(tmp_path).set_index("doc_id")
    assert df.loc["no_frontmatter", "text"] == "Рабочие требуют повышения зарплаты."
    assert pd.isna(df.loc["no_frontmatter", "title"])
    assert pd.isna(df.loc["bad_date", "date"]) and df.loc["bad_date", "date_raw"] == "16.12.20011"
    assert df.loc["wrong_types", "title"] == "2013"
    assert df.loc["wrong_types", "author"] == "Иван, Мария"


def test_problems_are_warned_naming_the_file(tmp_path):
    write(tmp_path, "broken.md", '---\ntitle: "x"\n')
    with pytest.warns(CorpusWarning, match=r"broken\.md: unclosed frontmatter"):
        load_corpus(tmp_path, cache=False)


def test_many_problems_are_summarised_after_twenty_warnings(tmp_path):
    for i in range(25):
        write(tmp_path, f"empty_{i:02d}.md", "")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        df = load_corpus(tmp_path, cache=False)
    messages = [str(w.message) for w in caught if issubclass(w.category, CorpusWarning)]
    assert len(messages) == 21 and messages[-1].startswith("... and 5 more problem(s)")
    assert len(df.attrs["problems"]) == 25 and df.empty


def test_strict_raises_naming_every_broken_file(tmp_path):
    write(tmp_path, "good.md", GOOD + "Текст.")
    write(tmp_path, "first_broken.md", '---\ntitle: "x"\n')
    write(tmp_path, "second_broken.md", "")
    with pytest.raises(CorpusError) as raised:
        load_corpus(tmp_path, strict=True, cache=False)
    message = str(raised.value)
    assert "first_broken.md: unclosed frontmatter" in message
    assert "second_broken.md: empty file" in message
    assert "good.md" not in message
    assert len(raised.value.problems) == 2


def test_strict_passes_on_the_seeds():
    assert len(load_corpus(strict=True, cache=False)) == 2


def test_windows_1251_is_decoded_and_reported(tmp_path):
    text = GOOD + "Рабочие Жезказгана требуют национализации."
    write(tmp_path, "cp1251.md", text.encode("cp1251"))
    df = load_quietly(tmp_path)
    assert df.loc[0, "text"] == "Рабочие Жезказгана требуют национализации."
    assert df.loc[0, "title"] == "Забастовка в Жанаозене"
    assert df.loc[0, "encoding"] == "cp1251"
    assert problems_by_file(df) == {"cp1251.md": ["not UTF-8"]}
    assert df.attrs["problems"].loc[0, "kept"]


def test_bom_crlf_and_decomposed_unicode_are_normalised(tmp_path):
    decomposed = "Жанаозен и\u0306"  # и + combining breve = й in NFD
    content = (GOOD + decomposed + "\r\nвторая строка\r\n").encode("utf-8")
    write(tmp_path, "windows.md", b"\xef\xbb\xbf" + content)
    df = load_corpus(tmp_path, cache=False)
    assert df.loc[0, "text"] == "Жанаозен й\nвторая строка"
    assert df.loc[0, "title"] == "Забастовка в Жанаозене"
    assert df.attrs["problems"].empty


def test_unquoted_yaml_dates_and_extra_fields_become_columns(tmp_path):
    write(
        tmp_path,
        "a.md",
        "---\ntitle: Т\ndate: 2011-12-16\nsource: socialismkz.info\ntags: [Жанаозен]\n"
        "text: поле с зарезервированным именем\n---\n\nТекст.",
    )
    write(tmp_path, "b.md", '---\ntitle: Т2\ndate: "16.12.2011"\n---\n\nТекст два.')
    df = load_corpus(tmp_path, cache=False).set_index("doc_id")
    assert (df["date"] == pd.Timestamp("2011-12-16")).all()
    assert df.loc["a", "source"] == "socialismkz.info"
    assert df.loc["a", "tags"] == ["Жанаозен"]
    assert df.loc["a", "meta_text"] == "поле с зарезервированным именем"
    assert df.loc["a", "text"] == "Текст."
    assert pd.isna(df.loc["b", "source"])


def test_yaml_python_tags_never_execute(tmp_path):
    marker = tmp_path / "executed"
    payload = f"!!python/object/apply:os.system ['touch {marker}']"
    write(tmp_path, "evil.md", f"---\ntitle: {payload}\n---\n\nТекст.")
    df = load_quietly(tmp_path)
    assert not marker.exists()
    assert problems_by_file(df) == {"evil.md": ["malformed YAML"]}


def test_doc_ids_are_unique_across_subfolders(tmp_path):
    write(tmp_path, "2012/statement.md", GOOD + "Первый текст.")
    write(tmp_path, "2013/statement.md", GOOD + "Второй текст.")
    df = load_corpus(tmp_path, cache=False)
    assert list(df["doc_id"]) == ["2012/statement", "2013/statement"]


def test_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="does not exist"):
        load_corpus(tmp_path / "nowhere")
    write(tmp_path, "a.md", GOOD)
    with pytest.raises(FileNotFoundError, match="is a file, not a folder"):
        load_corpus(tmp_path / "a.md")


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    title=st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), min_size=1).filter(
        lambda s: s.strip() == s and s.strip()
    ),
    author=st.text(alphabet="абвгдеёжзийклмнопрстуфхцчшщыэюяАБВ -", min_size=1).filter(
        lambda s: s.strip() == s and s.strip() and s.casefold() not in {"-"}
    ),
    date=st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31)),
    extra=st.dictionaries(
        st.sampled_from(["source", "region", "tags", "rating"]),
        st.one_of(st.integers(), st.text(max_size=20), st.lists(st.text(max_size=5), max_size=3)),
        max_size=3,
    ),
)
def test_frontmatter_round_trip(tmp_path_factory, title, author, date, extra):
    folder = tmp_path_factory.mktemp("roundtrip")
    meta = {"title": title, "date": date.isoformat(), "author": author, **extra}
    header = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    # PyYAML itself folds a few line-break characters (U+0085) in values; test our loader,
    # not the YAML emitter.
    assume(yaml.safe_load(header) == meta)
    write(folder, "doc.md", f"---\n{header}---\n\nТело статьи о забастовке.\n")
    df = load_corpus(folder, cache=False)
    row = df.iloc[0]
    assert df.attrs["problems"].empty
    # The loader reads every file as NFC (so 豈 U+F900 is read as its canonical U+8C48) and
    # replaces Latin look-alike letters inside Cyrillic words.
    expected = helpers.corpus.cleaning.fix_homoglyphs(unicodedata.normalize("NFC", title))[0]
    assert row["title"] == expected
    assert row["author_raw"] == unicodedata.normalize("NFC", author)
    assert row["date"] == pd.Timestamp(date)
    assert row["text"] == "Тело статьи о забастовке."
    for key, value in extra.items():
        # A field the loader owns (source: the normalised outlet) is kept as written in meta_<key>.
        assert row[f"meta_{key}" if key in RESERVED_COLUMNS else key] == value


# --------------------------------------------------------------------------- cache


def test_cache_serves_unchanged_files_and_rereads_changed_ones(tmp_path, monkeypatch):
    monkeypatch.setenv("HELPERS_CACHE_DIR", str(tmp_path / "cache"))
    corpus = tmp_path / "corpus"
    a = write(corpus, "a.md", GOOD + "Первый вариант.")
    write(corpus, "b.md", GOOD + "Второй текст.")
    first = load_corpus(corpus)
    assert list((tmp_path / "cache" / "corpus").glob("*.parquet"))

    reads = []
    original = helpers.corpus.loader._read_file
    monkeypatch.setattr(
        helpers.corpus.loader, "_read_file", lambda p, *a: reads.append(p.name) or original(p, *a)
    )
    again = load_corpus(corpus)
    assert reads == [] and again.equals(first)

    a.write_text(GOOD + "Исправленный вариант, длиннее прежнего.", encoding="utf-8")
    edited = load_corpus(corpus).set_index("doc_id")
    assert reads == ["a.md"]
    assert edited.loc["a", "text"] == "Исправленный вариант, длиннее прежнего."

    a.unlink()
    assert list(load_corpus(corpus)["doc_id"]) == ["b"]


def test_a_corrupt_cache_is_ignored(tmp_path, monkeypatch):
    monkeypatch.setenv("HELPERS_CACHE_DIR", str(tmp_path / "cache"))
    corpus = tmp_path / "corpus"
    write(corpus, "a.md", GOOD + "Текст.")
    load_corpus(corpus)
    for cache_file in (tmp_path / "cache" / "corpus").glob("*.parquet"):
        cache_file.write_bytes(b"not a parquet file")
    with pytest.warns(CacheWarning, match="unreadable"):
        assert load_corpus(corpus).loc[0, "text"] == "Текст."


def test_parallel_reading_matches_serial(tmp_path, monkeypatch):
    for i in range(12):
        write(tmp_path, f"doc_{i:02d}.md", GOOD + f"Текст номер {i} о забастовке {i * 7}.")
    write(tmp_path, "broken.md", "")
    serial = load_quietly(tmp_path)
    monkeypatch.setattr(helpers.corpus.loader, "PARALLEL_MIN_FILES", 2)
    parallel = load_quietly(tmp_path)
    assert parallel.equals(serial)
    assert parallel.attrs["problems"].equals(serial.attrs["problems"])


# --------------------------------------------------------------------------- paths


def test_corpus_dir_precedence(monkeypatch, tmp_path):
    monkeypatch.delenv("CORPUS", raising=False)
    assert corpus_dir() == SEEDS_DIR
    monkeypatch.setenv("CORPUS", str(tmp_path))
    assert corpus_dir() == tmp_path
    assert corpus_dir(SEEDS_DIR) == SEEDS_DIR
    monkeypatch.setenv("CORPUS", "seeds")  # relative to the project, not the cwd
    assert corpus_dir() == SEEDS_DIR


def test_loading_does_not_depend_on_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.delenv("CORPUS", raising=False)
    monkeypatch.chdir(tmp_path)
    assert Path.cwd() != SEEDS_DIR.parent
    df = load_corpus(cache=False)
    assert len(df) == 2 and all(Path(p).parent == SEEDS_DIR for p in df["path"])
    assert Path(df.attrs["corpus_dir"]).is_absolute()


def test_relative_cache_and_figure_settings_are_taken_from_the_project(tmp_path, monkeypatch):
    from helpers.paths import PROJECT_ROOT, cache_dir

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HELPERS_CACHE_DIR", "build/cache")
    assert cache_dir() == PROJECT_ROOT / "build" / "cache"


def test_warn_false_keeps_the_problems_but_issues_no_warning(tmp_path):
    write(tmp_path, "empty.md", "")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        df = load_corpus(tmp_path, cache=False, warn=False)
    assert list(df.attrs["problems"]["problem"]) == ["empty file"]
