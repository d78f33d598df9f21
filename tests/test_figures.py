"""The figure convention (shared colours and wrapping, (fig, data)), and findings prose that is
computed from the corpus at hand, on the seeds and on articles that are not the seeds."""

from __future__ import annotations

import os
import subprocess

import matplotlib.pyplot as plt
import pandas as pd
import pytest

import helpers
from helpers import demands, entities, prose, words
from helpers.corpus import load_corpus, overview
from helpers.dates import timeline
from helpers.demands import figures as demand_figures
from helpers.figures import shorten, wrap
from helpers.paths import PROJECT_ROOT
from helpers.words import figures as word_figures

#: Articles that are not the seeds: other places, other years, one title with markup in it.
OTHER = {
    "a.md": (
        "---\ntitle: \"<script>alert('x')</script> Забастовка в Темиртау\"\n"
        "date: 2019-03-04\nauthor: Иван Петров\n---\n\n"
        "Шахтёры Темиртау вышли на забастовку 4 марта 2019 года. Шахтёры требуют повышения "
        "зарплаты. Компания АрселорМиттал Темиртау отказалась от переговоров.\n\n"
        "Шахтёры Темиртау заявили, что забастовка продолжится.\n"
    ),
    "b.md": (
        "---\ntitle: Митинг в Актобе\ndate: 2021-07-10\nauthor: Иван Петров\n---\n\n"
        "В Актобе прошёл митинг учителей. Учителя Актобе говорили о зарплате и о нагрузке.\n\n"
        "Мы требуем:\n\n1. Повысить зарплату учителям.\n2. Сократить нагрузку.\n\n"
        "Не дадим закрыть школы!\n"
    ),
}
SEED_WORDS = ("Жанаозен", "Жезказган", "Назарбаев", "Киев", "2013", "Курманов", "СДК")


def texts(fig) -> str:
    found = [t.get_text() for ax in fig.axes for t in ax.texts]
    found += [ax.get_title() for ax in fig.axes]
    return " ".join(found)


@pytest.fixture(scope="module")
def seeds() -> pd.DataFrame:
    return load_corpus()


@pytest.fixture(scope="module")
def other(tmp_path_factory) -> pd.DataFrame:
    folder = tmp_path_factory.mktemp("other")
    for name, content in OTHER.items():
        (folder / name).write_text(content, encoding="utf-8")
    return load_corpus(folder)


def test_wrap_and_shorten_are_the_one_way_text_is_cut():
    name = "Комитет за Рабочий Интернационал Казахстанской секции"
    assert wrap(name, 18) == "Комитет за Рабочий\nИнтернационал …"
    assert wrap(name, 18, lines=None).split("\n")[-1] == "секции"
    assert wrap("  много\n\nпробелов ", 40) == "много пробелов"
    assert shorten(name, 12) == "Комитет за…" and len(shorten(name, 12)) <= 12
    assert shorten("коротко", 12) == "коротко"


def test_quote_escapes_corpus_text_for_markdown_and_html():
    quoted = prose.quote("<img src=x onerror=alert(1)> **жирный** [ссылка](http://x)")
    assert "<" not in quoted and ">" not in quoted
    assert "&lt;img" in quoted and r"\*\*жирный\*\*" in quoted and r"\[ссылка\]" in quoted
    assert prose.count(1, "document") == "1 document"
    assert prose.count(2_345, "entity", "entities") == "2,345 entities"


def test_the_collocation_floor_adapts_and_a_tiny_corpus_says_it_is_too_small(seeds, other):
    pairs = words.collocations(words.tokens(seeds), min_count=2)
    assert word_figures.collocation_floor(pairs, wanted=20) == 2
    assert word_figures.collocation_floor(pairs, wanted=3) == 3  # 3 pairs are seen 3+ times
    big = pd.DataFrame({"count": [12] * 25 + [2] * 100})
    assert word_figures.collocation_floor(big, wanted=20) == 10
    fig, data = word_figures.collocations_figure(pairs, n=20)
    assert len(data) == 20 and "too small" not in texts(fig)
    tiny = words.collocations(words.tokens(other), min_count=2)
    fig, data = word_figures.collocations_figure(tiny, n=20)
    assert data["lemma1"].tolist() == tiny["lemma1"].head(20).tolist()
    assert "too small to rank collocations" in texts(fig)
    plt.close("all")


def test_an_undated_corpus_says_it_has_no_dates(other):
    undated = other.assign(date=pd.NaT)
    fig, data = overview.date_coverage_figure(undated)
    assert data.empty
    assert "No document has a publication date: all 2 are undated." in texts(fig)
    assert not fig.axes[0].collections  # no event ticks on an empty time axis
    plt.close(fig)


def test_opposed_actions_are_counted_apart(seeds):
    items, _ = demands.find_demands(seeds)
    fig, data = demand_figures.actions_figure(items, top=30)
    close = data[data["action"] == "закрыть"].set_index("against")
    assert close.loc[True, "label"] == "against: закрыть" and close.loc[False, "label"] == "закрыть"
    assert close.loc[True, "items"] == items["text"].str.startswith("Не дадим закрыть").sum()
    assert data["items"].sum() == items["action"].notna().sum()
    plt.close(fig)


def test_findings_are_about_the_corpus_at_hand(seeds, other):
    """The same calls on the seeds and on other articles: each true of its corpus only."""

    def findings(corpus: pd.DataFrame) -> str:
        dates = timeline.referenced_dates(corpus)
        links = timeline.date_links(dates, corpus)
        counts = timeline.publication_counts(corpus)
        tokens = words.tokens(corpus)
        freq = words.frequencies(tokens)
        distinct = words.distinctive(tokens, "doc_id", top=10, min_freq=2)
        coll = words.collocations(tokens, min_count=2)
        found = entities.mentions(corpus)
        table = entities.entity_table(found)
        edges = entities.cooccurrence(found)
        items, lists = demands.find_demands(corpus)
        lines = [
            *overview.findings(corpus),
            *timeline.findings(counts, dates, links, corpus),
            *word_figures.findings(freq, distinct, coll, corpus=corpus),
            *entities.findings(found, table, edges),
            *demand_figures.findings(items, lists, corpus),
        ]
        return prose.bullets(lines)

    on_seeds, on_other = findings(seeds), findings(other)
    assert "2 documents" in on_seeds and "in 2013" in on_seeds and "Жанаозен" in on_seeds
    assert not [word for word in SEED_WORDS if word in on_other]
    assert "from 2019 to 2021" in on_other and "Темиртау" in on_other
    assert "Иван Петров (2 documents)" in on_other
    assert "<script>" not in on_other and "&lt;script&gt;" in on_other


def test_make_lab_allows_root_only_as_root():
    dry = subprocess.run(
        ["make", "-n", "lab"], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True
    ).stdout
    command = [line for line in dry.splitlines() if "jupyter lab" in line]
    assert len(command) == 1
    assert ("--allow-root" in command[0]) == (os.geteuid() == 0)


def test_the_notebooks_use_the_shared_helpers():
    """No figure module keeps its own colours or wrapping: they live in helpers.figures."""
    package = PROJECT_ROOT / "src" / "helpers"
    modules = [
        "corpus/overview.py",
        "dates/timeline.py",
        "words/figures.py",
        "entities/analysis.py",
        "demands/figures.py",
    ]
    for module in modules:
        source = (package / module).read_text(encoding="utf-8")
        assert "import textwrap" not in source, module
        assert "tab10" not in source and '"Blues"' not in source, module
    assert helpers.figures.TYPE_COLORS is entities.analysis.TYPE_COLORS
