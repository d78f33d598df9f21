"""Selection, search, trends and sources on real text (the seeds, a NEREL slice, reposts)."""

from __future__ import annotations

import re
import shutil
import warnings
from pathlib import Path

import pandas as pd
import pytest

import helpers
from helpers import explore
from helpers.corpus import CorpusWarning
from helpers.explore import EmptySelectionError, parse_selection, select
from helpers.explore.header import header_lines
from helpers.explore.terms import phrase_spans
from helpers.paths import SEEDS_DIR
from helpers.words import tokens as token_table

NEREL = Path(__file__).resolve().parents[1].parent.parent / "shared" / "eval" / "nerel" / "corpus"
NEREL = NEREL if NEREL.is_dir() else Path("/work/shared/eval/nerel/corpus")


def load(folder: Path) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        return helpers.load_corpus(folder)


@pytest.fixture(scope="module")
def seeds() -> pd.DataFrame:
    return load(SEEDS_DIR)


@pytest.fixture(scope="module")
def seed_tokens(seeds) -> pd.DataFrame:
    return token_table(seeds)


@pytest.fixture(scope="module")
def mixed(tmp_path_factory) -> pd.DataFrame:
    """The seeds, a repost of one under another outlet, an edited reprint, an exact copy,
    a Kazakh and an English note, and 12 NEREL news articles in their own subfolder."""
    root = tmp_path_factory.mktemp("mixed")
    (root / "seeds").mkdir()
    for path in sorted(SEEDS_DIR.iterdir()):
        shutil.copy(path, root / "seeds" / f"{path.stem}.md")
    first, second = sorted((root / "seeds").iterdir())
    (root / "kazakh.ru").mkdir()
    shutil.copy(second, root / "kazakh.ru" / "statement.md")  # same file, another outlet
    shutil.copy(first, root / "seeds" / "zz_copy.md")  # exact copy: same outlet too
    body = second.read_text(encoding="utf-8").split("---\n", 2)[2]
    paragraphs = [p for p in body.split("\n\n") if p.strip()]
    reprint = "\n\n".join(paragraphs[3:-2]).replace("Казахстан", "Республика Казахстан", 2)
    (root / "other").mkdir()
    (root / "other" / "reprint.md").write_text(
        '---\ntitle: "Перепечатка"\ndate: 2013-12-20\nurl: "https://www.ratnik.kz/n/1"\n---\n'
        + reprint,
        encoding="utf-8",
    )
    (root / "other" / "kk.md").write_text(
        "---\ntitle: Жаңаөзен\ndate: 2013-12-16\nsource: abai.kz\n---\n"
        "Қазақстан Республикасының Жаңаөзен қаласында мұнайшылар ереуілге шықты. "
        "Жұмысшылар жалақыны көтеруді талап етті.\n",
        encoding="utf-8",
    )
    (root / "other" / "en.md").write_text(
        "---\ntitle: Zhanaozen\ndate: 2013-12-16\n---\nPolice opened fire on striking oil "
        "workers in Zhanaozen, Kazakhstan, two years ago today.\n",
        encoding="utf-8",
    )
    (root / "nerel").mkdir()
    for path in sorted(NEREL.glob("*.txt"))[:12]:
        shutil.copy(path, root / "nerel" / path.name)
    return load(root)


# ------------------------------------------------------------------ loader: provenance


def test_sources_come_from_frontmatter_url_or_subfolder(mixed):
    source = mixed.set_index("doc_id")["source"]
    assert source["other/kk"] == "abai.kz"  # frontmatter
    assert source["other/reprint"] == "ratnik.kz"  # domain of url, www. dropped
    assert source["kazakh.ru/statement"] == "kazakh.ru"  # subfolder
    assert set(source[source.index.str.startswith("nerel/")]) == {"nerel"}


def test_repost_under_another_source_stays_flagged_and_exact_copy_is_left_out(mixed):
    rows = mixed.set_index("doc_id")
    seed_ids = sorted(i for i in rows.index if i.startswith("seeds/"))
    assert "seeds/zz_copy" not in rows.index
    problems = mixed.attrs["problems"]
    copy = problems[problems["path"].str.endswith("zz_copy.md")]
    assert copy["problem"].tolist() == ["duplicate text"] and not copy["kept"].any()
    # The statement reposted by kazakh.ru is a row of its own; the later one (doc_id order)
    # names the first.
    assert rows.loc[seed_ids[1], "duplicate_of"] == "kazakh.ru/statement"
    assert rows["duplicate_of"].notna().sum() == 1


def test_near_duplicates_share_a_story_and_unrelated_texts_do_not(mixed):
    story = mixed.set_index("doc_id")["story_id"]
    seed_ids = sorted(i for i in story.index if i.startswith("seeds/"))
    assert story["other/reprint"] == story[seed_ids[1]] == story["kazakh.ru/statement"]
    assert story[seed_ids[0]] != story[seed_ids[1]]
    nerel = story[story.index.str.startswith("nerel/")]
    assert (nerel == nerel.index).all()  # 12 distinct news stories
    assert mixed["story_id"].nunique() == len(mixed) - 2


def test_language_is_identified_and_russian_news_is_russian(mixed):
    lang = mixed.set_index("doc_id")["language"]
    assert lang["other/kk"] == "kk" and lang["other/en"] == "en"
    assert (lang.drop(["other/kk", "other/en"]) == "ru").all()


# ------------------------------------------------------------------ selection


def test_select_syntax_reads_lists_quotes_periods_and_flags():
    chosen = parse_selection(
        'since=2011 until=2012-02 words=забастовка,"уголовное дело" sources=kazakh.ru per_story=1'
    )
    assert chosen.since == pd.Timestamp("2011-01-01")
    assert chosen.until == pd.Timestamp("2012-02-29")
    assert chosen.words == ("забастовка", "уголовное дело")
    assert chosen.sources == ("kazakh.ru",) and chosen.per_story
    assert parse_selection(chosen.describe()) == chosen
    assert parse_selection(None).describe() == "everything"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("year=2011", "cannot read 'year=2011'"),
        ("since=вчера", "is not a date"),
        ("per_story=maybe", "per_story=1 or 0"),
        ('words="уголовное', "unbalanced quotes"),
    ],
)
def test_select_syntax_errors_name_the_problem(text, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        parse_selection(text)


def test_select_by_words_matches_any_inflection(seeds, seed_tokens):
    # «забастовка» is written забастовки, забастовок, забастовкам in the second seed only.
    picked = select(seeds, words="забастовки", tokens=seed_tokens)
    with_word = [
        d for d, t in zip(seeds.doc_id, seeds.text, strict=True) if re.search(r"забастовк", t)
    ]
    assert picked["doc_id"].tolist() == with_word and len(with_word) == 1


def test_select_by_dates_sources_languages_and_per_story(mixed):
    assert len(select(mixed, since="2013-12")) == 5  # dated Dec 2013; undated NEREL left out
    assert set(select(mixed, until="2013-06-30")["doc_id"]) == {"seeds/000_fb161a2db08fb9b8"}
    assert select(mixed, sources=["KAZAKH.RU"])["doc_id"].tolist() == ["kazakh.ru/statement"]
    assert select(mixed, languages="kk,en")["language"].tolist() == ["en", "kk"]
    stories = select(mixed, per_story=True)
    assert len(stories) == mixed["story_id"].nunique()
    assert stories["story_id"].is_unique


def test_empty_selection_says_which_criterion_left_nothing(mixed):
    picked = select(mixed, since="2013-12", words="космонавт")
    assert picked.empty
    assert picked.attrs["steps"] == [("since=2013-12-01", 5), ("words=космонавт", 0)]
    with pytest.raises(EmptySelectionError, match=r"words=космонавт left nothing"):
        explore.report_header(mixed, "since=2013-12 words=космонавт", display=False)


def test_header_names_corpus_selection_and_what_is_left(mixed):
    picked = explore.report_header(mixed, "since=2013-12-16", russian_only=True, display=False)
    lines = header_lines(mixed, select(mixed, since="2013-12-16"))
    assert lines[1] == "Selection: since=2013-12-16"
    assert lines[2].startswith("Left: 5 documents, 3 stories, 5 sources")  # one story thrice
    assert "ru 3" in lines[2] and "kk 1" in lines[2] and "en 1" in lines[2]
    assert set(picked["language"]) == {"ru"} and len(picked) == 3


# ------------------------------------------------------------------ search and trends


def test_phrase_search_through_lemmas_finds_every_inflected_form(seeds, seed_tokens):
    hits = helpers.search(seeds, ["уголовное дело", "уголовных дел"], tokens=seed_tokens)
    by_regex = sum(len(re.findall(r"уголовн\w+\s+дел\w*", t, re.I)) for t in seeds.text)
    assert hits.attrs["hits"] == {"уголовное дело": by_regex, "уголовных дел": by_regex}
    assert by_regex >= 3
    assert set(hits["match"].str.lower()) == {"уголовные дела"}
    row = hits.iloc[0]
    text = seeds.set_index("doc_id").loc[row.doc_id, "text"]
    assert text[row.start : row.stop] == row.match
    assert row.title == seeds.set_index("doc_id").loc[row.doc_id, "title"]


def test_phrase_does_not_match_across_punctuation_or_documents(seed_tokens):
    assert phrase_spans(seed_tokens, "уголовного кодекса").shape[0] >= 1
    assert phrase_spans(seed_tokens, "кодекса уголовного").empty


def test_entity_search_finds_every_form_of_a_name(seeds):
    hits = helpers.search(seeds, entities="Курманов")
    assert hits.attrs["hits"]["Курманов"] >= 3
    assert {"Курманов", "Курманова"} <= {m.split()[-1].strip(".:") for m in hits["match"]}


def test_trends_rates_follow_from_counts(mixed):
    corpus = select(mixed, languages="ru")
    trend = explore.trends(corpus, ["рабочий", "уголовное дело"], freq="month")
    dated = corpus[corpus.date.notna()]
    assert trend.attrs["n_undated"] == corpus.date.isna().sum()
    one = trend[trend.term == "рабочий"]
    assert one["n_docs"].sum() == len(dated)
    assert one["n_words"].sum() == dated["n_words"].sum()
    busy = one[one.n_words > 0]
    assert (busy.per_10k == busy.hits * 10_000 / busy.n_words).all()
    assert (busy.share_docs == busy.docs_with / busy.n_docs).all()
    assert (one.docs_with <= one.n_docs).all() and one.hits.sum() > 0
    fig, data = explore.plot_trends(trend)
    assert data is trend and len(fig.axes) == 3


def test_sources_over_time_and_entities_by_source(mixed):
    counts = explore.sources_over_time(mixed, freq="month")
    dated = mixed[mixed.date.notna()]
    assert counts["count"].sum() == len(dated)
    per = counts.groupby("source")["count"].sum()
    assert per["kazakh.ru"] == 1 and per["seeds"] == 2
    tokens = token_table(mixed)
    keyness = explore.distinctive_by_source(tokens, mixed, top=5)
    assert set(keyness["source"]) <= set(mixed["source"].dropna())
    assert (keyness["g2"] > 0).all()


@pytest.mark.notebooks
def test_select_setting_narrows_a_notebook_and_its_header_says_so(monkeypatch, tmp_path):
    from nbclient.exceptions import CellExecutionError

    from helpers.paths import NOTEBOOKS_DIR
    from helpers.tooling.reports import execute_notebook

    monkeypatch.delenv("CORPUS", raising=False)
    monkeypatch.setenv("HELPERS_FIGURES_DIR", str(tmp_path / "figures"))
    monkeypatch.setenv("SELECT", "words=забастовка")
    notebook = execute_notebook(NOTEBOOKS_DIR / "01_timeline.ipynb", timeout=600)
    shown = [
        o["data"]["text/html"]
        for cell in notebook.cells[:4]
        if cell.cell_type == "code"
        for o in cell.outputs
        if "text/html" in o.get("data", {})
    ]
    header = next(h for h in shown if "helpers-report-header" in h)
    assert "Selection: words=забастовка" in header
    assert "Left: 1 document, 1 story, 0 sources" in header
    monkeypatch.setenv("SELECT", "words=космонавт")
    with pytest.raises(CellExecutionError, match="words=космонавт left nothing"):
        execute_notebook(NOTEBOOKS_DIR / "01_timeline.ipynb", timeout=600)


def test_provenance_columns_come_back_from_the_loader_cache(mixed, monkeypatch):
    import helpers.corpus.loader as loader

    def must_not_read(*args):
        raise AssertionError("a file was read again: the cache did not hold its row")

    monkeypatch.setattr(loader, "_read_file", must_not_read)
    again = load(Path(mixed.attrs["corpus_dir"]))
    columns = ["doc_id", "source", "language", "duplicate_of", "story_id"]
    pd.testing.assert_frame_equal(again[columns], mixed[columns])


def test_trend_lines_join_the_periods_that_have_documents():
    """Two seeds half a year apart, by week: both weeks are drawn, not lost among empty weeks."""
    import matplotlib.pyplot as plt

    corpus = helpers.load_corpus(SEEDS_DIR, warn=False)
    data = explore.trends(corpus, entities=["Казахстан"])
    assert (data["n_docs"] == 0).any()  # empty weeks between the two articles
    fig, _ = explore.plot_trends(data)
    rate_axis = fig.axes[0]
    (line,) = rate_axis.get_lines()
    drawn = pd.Series(line.get_ydata(), dtype=float)
    expected = data.loc[data["n_docs"] > 0, "per_10k"].to_numpy()
    assert drawn.notna().all() and drawn.to_numpy() == pytest.approx(expected)
    plt.close(fig)
