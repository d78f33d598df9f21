"""Tests for helpers.dates (dates in the text) and helpers.dates.timeline (counts, tables)."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import helpers
from helpers.corpus.cleaning import parse_date
from helpers.dates import (
    DATE_COLUMNS,
    DateProblemWarning,
    extract_dates,
    referenced_dates,
    timeline,
)
from helpers.nlp.patterns import month_number

TS = pd.Timestamp


@pytest.fixture(scope="module")
def seeds() -> pd.DataFrame:
    return helpers.load_corpus()


@pytest.fixture(scope="module")
def seed_dates(seeds) -> pd.DataFrame:
    return referenced_dates(seeds)


def corpus_of(*docs: tuple[str, str | None]) -> pd.DataFrame:
    """A minimal corpus: (text, publication date or None) per document."""
    return pd.DataFrame(
        {
            "doc_id": [f"d{i}" for i in range(len(docs))],
            "text": [text for text, _ in docs],
            "date": pd.to_datetime([date for _, date in docs]).astype("datetime64[ns]"),
        }
    )


def one(text: str, published: str | None = "2013-06-30") -> dict:
    """The single date expression in ``text``, as a row dict (fails if not exactly one)."""
    rows = referenced_dates(corpus_of((text, published)))
    assert len(rows) == 1, rows[["text", "date", "note"]].to_dict("records")
    return rows.iloc[0].to_dict()


# --------------------------------------------------------------------------- seeds


def test_first_seed_yearless_dates_take_the_year_of_publication(seed_dates):
    first = seed_dates[seed_dates["doc_id"].str.startswith("000_")]
    assert first["text"].tolist() == ["28 июня", "25 июня"]
    assert first["date"].tolist() == [TS("2013-06-28"), TS("2013-06-25")]
    assert first["year_inferred"].all()
    assert first["valid"].all()
    assert first["note"].str.contains("2013-06-30").all()


def test_second_seed_dates_and_malformed_year(seed_dates):
    second = seed_dates[seed_dates["doc_id"].str.startswith("002_")]
    # Exactly three: «80%», «8 месяцев», «1.», «Ю. Тимошенко» and the list numbers are not dates.
    assert second["text"].tolist() == ["16 декабря 2011г.", "16.12.20011", "17 декабря 2013 года"]
    good = second[second["valid"]]
    assert good["date"].tolist() == [TS("2011-12-16"), TS("2013-12-17")]
    assert not good["year_inferred"].any()
    bad = second[~second["valid"]].iloc[0]
    assert pd.isna(bad["date"])
    assert bad["precision"] == "day"
    assert "20011" in bad["note"] and "probably 2011" in bad["note"]


def test_offsets_point_into_corpus_text(seeds, seed_dates):
    texts = seeds.set_index("doc_id")["text"]
    for row in seed_dates.itertuples():
        assert texts[row.doc_id][row.start : row.stop] == row.text
    assert list(seed_dates.columns) == DATE_COLUMNS


# --------------------------------------------------------------------------- formats


@pytest.mark.parametrize(
    ("text", "written", "date", "precision"),
    [
        (
            "Расстрел произошёл 16 декабря 2011г. в Жанаозене.",
            "16 декабря 2011г.",
            "2011-12-16",
            "day",
        ),
        (
            "Пикет прошёл 17 декабря 2013 года у посольства.",
            "17 декабря 2013 года",
            "2013-12-17",
            "day",
        ),
        ("Забастовка началась 26 мая 2011 г., а не позже.", "26 мая 2011 г.", "2011-05-26", "day"),
        ("ДАТА: 1 Марта 2012", "1 Марта 2012", "2012-03-01", "day"),
        ("Решение суда от 04.06.2012 обжаловано.", "04.06.2012", "2012-06-04", "day"),
        ("Письмо датировано 4/6/2012.", "4/6/2012", "2012-06-04", "day"),
        ("Приговор (05.06.12) оглашён.", "05.06.12", "2012-06-05", "day"),
        ("Запись 2011-12-16 в журнале.", "2011-12-16", "2011-12-16", "day"),
        ("Это случилось в 2011 году.", "2011 году", "2011-01-01", "year"),
        ("Отчёт за 2010 г. опубликован.", "2010 г.", "2010-01-01", "year"),
        ("В 2009-м году завод работал.", "2009-м году", "2009-01-01", "year"),
        ("В декабре 2011 года начались аресты.", "декабре 2011 года", "2011-12-01", "month"),
        ("Январь 2012 выдался холодным.", "Январь 2012", "2012-01-01", "month"),
        ("Годовщина 16-го декабря 2011 года.", "16-го декабря 2011 года", "2011-12-16", "day"),
        ("Не забудем 2011-го года!", "2011-го года", "2011-01-01", "year"),
        ("К 2013-му году профсоюз ликвидировали.", "2013-му году", "2013-01-01", "year"),
        ("РАССТРЕЛ 16 ДЕКАБРЯ 2011 ГОДА", "16 ДЕКАБРЯ 2011 ГОДА", "2011-12-16", "day"),
        ("Аресты В ДЕКАБРЕ 2011 Г. и позже", "ДЕКАБРЕ 2011 Г.", "2011-12-01", "month"),
    ],
)
def test_formats_with_a_year(text, written, date, precision):
    row = one(text)
    assert row["text"] == written
    assert row["date"] == TS(date)
    assert row["precision"] == precision
    assert row["valid"]
    assert not row["year_inferred"]


@pytest.mark.parametrize(
    ("text", "published", "written", "date", "precision"),
    [
        # Same year when the day has already come...
        ("Митинг прошёл 28 июня у акимата.", "2013-06-30", "28 июня", "2013-06-28", "day"),
        # ...the year before when it has not (a January article recalling December).
        ("Вспомним события 16 декабря.", "2012-01-10", "16 декабря", "2011-12-16", "day"),
        # On the publication day itself it is that day.
        ("Сегодня, 18 декабря, пикет.", "2013-12-18", "18 декабря", "2013-12-18", "day"),
        # 29 February goes back to the latest leap year.
        ("Собрание 29 февраля было бурным.", "2013-06-30", "29 февраля", "2012-02-29", "day"),
        ("В мае рабочие вышли на площадь.", "2011-12-18", "мае", "2011-05-01", "month"),
        ("в ноябре рабочие вышли на площадь.", "2013-06-30", "ноябре", "2012-11-01", "month"),
        (
            "В мае прошлого года был митинг.",
            "2013-06-30",
            "мае прошлого года",
            "2012-05-01",
            "month",
        ),
        ("К 1 мая этого года всё решится.", "2013-06-30", "1 мая этого года", "2013-05-01", "day"),
    ],
)
def test_yearless_dates_take_the_latest_year_on_or_before_publication(
    text, published, written, date, precision
):
    row = one(text, published)
    assert (row["text"], row["date"], row["precision"]) == (written, TS(date), precision)
    assert row["valid"] and row["year_inferred"]
    assert published in row["note"]


def test_yearless_date_in_an_undated_document_is_valid_but_has_no_date():
    row = one("Митинг прошёл 28 июня.", None)
    assert row["valid"] and row["year_inferred"]
    assert pd.isna(row["date"])
    assert row["precision"] == "day"
    assert "no publication date" in row["note"]


def test_dates_with_a_year_do_not_need_a_publication_date():
    row = one("Это было 16 декабря 2011 года.", None)
    assert row["date"] == TS("2011-12-16") and row["note"] == ""


def test_date_after_publication_is_valid_and_noted():
    row = one("Следующий пикет состоится 12 мая 2014 г. в Алматы.", "2013-06-30")
    assert row["valid"] and row["date"] == TS("2014-05-12")
    assert "after the publication date" in row["note"]


# --------------------------------------------------------------------------- ranges


@pytest.mark.parametrize(
    ("text", "written", "date", "date_end", "precision"),
    [
        (
            "Голодовка шла с 1 по 5 мая 2012 года.",
            "с 1 по 5 мая 2012 года",
            "2012-05-01",
            "2012-05-05",
            "day",
        ),
        (
            "Голодовка шла с 1-го по 5-е мая 2012 года.",
            "с 1-го по 5-е мая 2012 года",
            "2012-05-01",
            "2012-05-05",
            "day",
        ),
        (
            "Суд заседал 16–17 декабря 2011 года.",
            "16–17 декабря 2011 года",
            "2011-12-16",
            "2011-12-17",
            "day",
        ),
        ("Съезд: 3-5 марта 2010.", "3-5 марта 2010", "2010-03-03", "2010-03-05", "day"),
        (
            "Забастовка длилась с 28 декабря по 3 января 2012 года.",
            "с 28 декабря по 3 января 2012 года",
            "2011-12-28",
            "2012-01-03",
            "day",
        ),
        (
            "Акции шли с 20 мая по 2 июня 2011 г.",
            "с 20 мая по 2 июня 2011 г.",
            "2011-05-20",
            "2011-06-02",
            "day",
        ),
        ("Рост зарплат в 2011–2012 годах.", "2011–2012 годах", "2011-01-01", "2012-01-01", "year"),
        (
            "Комбинат работал с 2005 по 2010 год.",
            "с 2005 по 2010 год",
            "2005-01-01",
            "2010-01-01",
            "year",
        ),
    ],
)
def test_a_range_is_one_row_with_its_end(text, written, date, date_end, precision):
    row = one(text)
    assert row["text"] == written
    assert row["date"] == TS(date)
    assert row["date_end"] == TS(date_end)
    assert row["precision"] == precision
    assert row["valid"]


def test_yearless_range_takes_its_year_from_publication():
    row = one("Пикеты прошли с 10 по 12 июня у завода.", "2013-06-30")
    assert (row["date"], row["date_end"]) == (TS("2013-06-10"), TS("2013-06-12"))
    assert row["year_inferred"]


def test_single_dates_have_no_end(seed_dates):
    assert seed_dates["date_end"].isna().all()


def test_backwards_range_is_kept_as_invalid():
    row = one("Акция шла с 5 по 1 мая 2012 года.")
    assert not row["valid"] and pd.isna(row["date"])
    assert "ends before it starts" in row["note"]


# --------------------------------------------------------------------------- malformed


@pytest.mark.parametrize(
    ("text", "written", "in_note"),
    [
        ("во время бойни 16.12.20011 в Жанаозене", "16.12.20011", "probably 2011"),
        ("расстрел 16 декабря 20011 года", "16 декабря 20011 года", "probably 2011"),
        ("это было в 20011 году", "20011 году", "probably 2011"),
        ("встреча 31 июня 2012 года", "31 июня 2012 года", "does not exist"),
        ("справка от 30.02.2012", "30.02.2012", "does not exist"),
        ("справка от 12.13.2012", "12.13.2012", "month 13"),
        ("справка от 32.12.2012", "32.12.2012", "does not exist"),
        ("протокол от 1.1.0201", "1.1.0201", "outside"),
    ],
)
def test_malformed_dates_are_kept_invalid_with_a_note(text, written, in_note):
    row = one(text, "2013-12-18")
    assert row["text"] == written
    assert not row["valid"]
    assert pd.isna(row["date"])
    assert in_note in row["note"]


# --------------------------------------------------------------------------- false positives


@pytest.mark.parametrize(
    "text",
    [
        "80% экономического потенциала страны",
        "в течение 8 месяцев бастовали",
        "1. Прекратить репрессии",
        "2. Прекратить милицейский произвол:",
        "синячка на теле Ю. Тимошенко",
        "на киевском Майдане",
        "Марта Ивановна выступила",
        "в 90-е годы",
        "в 1990-х годах и в 1990-е годы",
        "3000 г. муки",
        "пункт 1.2.10 устава",
        "зарплата 150 000 тенге",
        "тел. 8 701 123 45 67",
        "в 1500 м от завода",
        "в маевке участвовали рабочие",
        "Ма. Мая. Мае",  # a month word alone, without «в», a day or a year, is not a date
    ],
)
def test_numbers_and_names_that_are_not_dates(text):
    assert referenced_dates(corpus_of((text, "2013-06-30"))).empty


def test_a_count_after_a_month_is_not_its_year():
    row = one("28 июня 150 человек вышли на площадь.")
    assert row["text"] == "28 июня"
    row = one("К 5 мая 10000 рабочих остались без зарплаты.")
    assert row["text"] == "5 мая"


# --------------------------------------------------------------------------- robustness


_FRAGMENTS = st.sampled_from(
    [
        "16 декабря 2011г.", "16.12.20011", "с 1 по 5 мая", "в 2011 году", "28 июня", " ", "\n\n",
        "1.", "80%", "-", "–", "с", "по", "мая", "года", "г.", "2013", "31", "00", ".", "в мае",
        "Ю. Тимошенко", "12/13/2012", "прошлого года", "2011-12-16",
    ]
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(
    parts=st.lists(st.one_of(_FRAGMENTS, st.text(max_size=5)), max_size=12),
    published=st.one_of(st.none(), st.dates().map(pd.Timestamp)),
)
def test_any_text_gives_sorted_non_overlapping_spans_inside_the_text(parts, published):
    text = "".join(parts)
    found = extract_dates(text, published)
    previous_stop = 0
    for f in found:
        assert 0 <= previous_stop <= f.start < f.stop <= len(text)
        previous_stop = f.stop
        assert f.precision in {"day", "month", "year"}
        if not f.valid:
            assert f.date is None and f.note
        if f.date_end is not None:
            assert f.date is not None and f.date <= f.date_end


def test_a_document_without_text_is_skipped_with_a_warning():
    corpus = corpus_of(("16 декабря 2011 года", "2013-12-18"), ("", None))
    corpus.loc[1, "text"] = None
    with pytest.warns(DateProblemWarning, match="d1: text is missing"):
        rows = referenced_dates(corpus)
    assert rows["doc_id"].tolist() == ["d0"]
    assert rows.attrs["skipped"] == ["d1"]
    corpus = corpus_of(("16 декабря 2011 года", "2013-12-18"))
    corpus["text"] = corpus["text"].astype(object)
    corpus.loc[0, "text"] = 20111216
    with pytest.warns(DateProblemWarning, match="d0: text is int"):
        assert referenced_dates(corpus).empty


def test_one_document_that_breaks_the_parser_does_not_stop_the_run(monkeypatch):
    corpus = corpus_of(
        ("16 декабря 2011 года", "2013-12-18"),
        ("в мае 2012 года", "2013-12-18"),
        ("28 июня", "2013-06-30"),
    )
    real = helpers.dates.extract_dates

    def fragile(text, published=None):
        if "мае" in text:
            raise RuntimeError("parser bug")
        return real(text, published)

    monkeypatch.setattr(helpers.dates.extract, "extract_dates", fragile)
    with pytest.warns(DateProblemWarning, match=r"d1: dates could not be read \(RuntimeError"):
        rows = referenced_dates(corpus)
    assert rows["doc_id"].tolist() == ["d0", "d2"]
    assert rows.attrs["skipped"] == ["d1"]


def test_a_publication_date_that_is_not_a_date_skips_only_its_document():
    corpus = corpus_of(("16 декабря 2011 года", "2013-12-18"), ("28 июня", "2013-06-30"))
    corpus["date"] = pd.Series(["не дата", pd.Timestamp("2013-06-30")], dtype=object)
    with pytest.warns(DateProblemWarning, match="d0: dates could not be read"):
        rows = referenced_dates(corpus)
    assert rows["doc_id"].tolist() == ["d1"]
    assert rows["date"].tolist() == [TS("2013-06-28")]


@pytest.mark.parametrize(
    ("word", "number"),
    [("мая", 5), ("Май", 5), ("мае", 5), ("маю", 5), ("марта", 3), ("март", 3), ("декабре", 12)],
)
def test_one_month_table_for_frontmatter_and_text(word, number):
    assert month_number(word) == number
    assert parse_date(f"9 {word} 2015") == pd.Timestamp(2015, number, 9)
    found = extract_dates(f"Это было 9 {word} 2015 года.")
    assert [(f.date, f.precision) for f in found] == [(pd.Timestamp(2015, number, 9), "day")]


@pytest.mark.parametrize("word", ["марш", "мама", "ма", "майор", "декабрист"])
def test_words_that_only_start_like_a_month_are_not_months(word):
    assert month_number(word) is None
    assert parse_date(f"9 {word} 2015") is None


def test_a_corpus_without_text_column_is_refused_clearly():
    with pytest.raises(ValueError, match="missing column"):
        referenced_dates(pd.DataFrame({"doc_id": ["a"]}))


def test_no_dates_gives_an_empty_table_with_the_columns():
    rows = referenced_dates(corpus_of(("Рабочие бастуют.", "2013-06-30")))
    assert rows.empty and list(rows.columns) == DATE_COLUMNS
    assert rows["date"].dtype == "datetime64[ns]"


# --------------------------------------------------------------------------- publication counts


def test_publication_counts_on_seeds_fill_empty_weeks_with_zero(seeds):
    counts = timeline.publication_counts(seeds)
    assert counts.attrs["freq"] == "week"  # 30 June to 18 December: 26 weeks
    assert len(counts) == 26
    assert counts["count"].sum() == 2
    assert counts["count"].iloc[0] == 1 and counts["count"].iloc[-1] == 1
    assert (counts["count"].iloc[1:-1] == 0).all()
    assert counts["start"].iloc[0] == TS("2013-06-24")  # weeks start on Monday
    assert counts.attrs["n_undated"] == 0


def test_publication_counts_by_month_on_request(seeds):
    counts = timeline.publication_counts(seeds, "month")
    assert counts["period"].tolist() == [f"2013-{m:02d}" for m in range(6, 13)]
    assert counts["count"].tolist() == [1, 0, 0, 0, 0, 0, 1]


def test_undated_documents_are_counted_and_named():
    corpus = corpus_of(("a", "2012-01-05"), ("b", None), ("c", "2012-03-20"), ("d", None))
    counts = timeline.publication_counts(corpus, "month")
    assert counts["count"].tolist() == [1, 0, 1]
    assert counts.attrs["n_docs"] == 4
    assert counts.attrs["n_undated"] == 2
    assert counts.attrs["undated"] == ["d1", "d3"]


@pytest.mark.parametrize(
    ("first", "last", "freq"),
    [
        ("2013-12-01", "2013-12-20", "D"),
        ("2013-06-30", "2013-12-18", "W-SUN"),
        ("2011-01-01", "2014-12-31", "M"),
        ("2005-01-01", "2020-12-31", "Q"),
        ("1950-01-01", "2020-12-31", "Y"),
    ],
)
def test_bin_size_adapts_to_the_span(first, last, freq):
    assert timeline.choose_frequency(pd.Series(pd.to_datetime([first, last]))) == freq


def test_all_undated_gives_no_periods_but_reports_them():
    counts = timeline.publication_counts(corpus_of(("a", None), ("b", None)))
    assert counts.empty and counts.attrs["n_undated"] == 2


def test_unknown_frequency_is_refused():
    with pytest.raises(ValueError, match="freq must be"):
        timeline.period_counts(pd.Series(pd.to_datetime(["2013-01-01"])), "fortnight")


# --------------------------------------------------------------------------- events, links, tables


def test_events_file_labels_zhanaozen():
    events = timeline.load_events()
    row = events[events["date"] == TS("2011-12-16")]
    assert row["label"].tolist() == ["Расстрел в Жанаозене"]
    assert events["date"].is_monotonic_increasing


def test_a_bad_event_line_is_skipped_with_a_warning(tmp_path):
    file = tmp_path / "events.csv"
    file.write_text(
        "# my events\ndate,label,note\n2011-12-16,Жанаозен,\n16.12.2011,Не тот формат,\n",
        encoding="utf-8",
    )
    with pytest.warns(DateProblemWarning, match="Не тот формат"):
        events = timeline.load_events(file)
    assert events["label"].tolist() == ["Жанаозен"]


def test_links_measure_how_far_back_an_article_looks(seeds, seed_dates):
    links = timeline.date_links(seed_dates, seeds)
    assert len(links) == 4 and links.attrs["n_invalid"] == 1
    zhanaozen = links[links["date"] == TS("2011-12-16")].iloc[0]
    assert zhanaozen["published"] == TS("2013-12-18")
    assert zhanaozen["days_back"] == 733  # 2011-12-16 → 2013-12-18 (2012 is a leap year)


def test_links_draw_coarse_dates_in_the_middle_of_their_period():
    corpus = corpus_of(("в декабре 2011 года и в 2012 году, с 1 по 5 мая 2012 года", "2013-01-01"))
    links = timeline.date_links(referenced_dates(corpus), corpus)
    assert links["plot_date"].tolist() == [TS("2011-12-15"), TS("2012-07-01"), TS("2012-05-03")]


def test_top_referenced_dates_rank_by_documents_with_context_and_event():
    corpus = corpus_of(
        ("Годовщина: 16 декабря 2011 года в Жанаозене стреляли.", "2012-12-16"),
        ("Расстрел 16.12.2011 не забыт. А 16 декабря 2011г. был праздник.", "2013-12-18"),
        ("Митинг 28 июня 2013 года.", "2013-06-30"),
    )
    top = timeline.top_referenced_dates(
        referenced_dates(corpus), corpus, n=5, events=timeline.load_events()
    )
    first = top.iloc[0]
    assert first["date"] == TS("2011-12-16")
    assert (first["n_docs"], first["n_mentions"]) == (2, 3)
    assert first["event"] == "Расстрел в Жанаозене"
    assert first["first_published"] == TS("2012-12-16")
    assert "[16 декабря 2011 года]" in first["example"]
    assert first["as_written"].split(" | ")[0] in {"16 декабря 2011 года", "16.12.2011"}
    assert top.iloc[1]["date"] == TS("2013-06-28") and top.iloc[1]["event"] == ""


def test_contexts_show_the_match_in_brackets_on_one_line(seeds, seed_dates):
    ctx = timeline.date_contexts(seed_dates, seeds, width=20)
    bad = ctx[~ctx["valid"]].iloc[0]
    assert "[16.12.20011]" in bad["context"]
    assert "\n" not in "".join(ctx["context"])


def test_event_timeline_labels_events_inside_its_range(seeds, seed_dates):
    links = timeline.date_links(seed_dates, seeds)
    fig, data = timeline.plot_date_links(links, timeline.load_events())
    assert data is links
    labels = " ".join(t.get_text() for t in fig.axes[0].texts)
    assert "Расстрел в Жанаозене" in labels
    assert "Независимость" not in labels  # 1991 is outside the range the articles talk about
    plt.close(fig)


def test_dates_summary_counts_per_precision(seed_dates):
    summary = timeline.dates_summary(seed_dates)
    assert summary.loc["day", "expressions"] == 5
    assert summary.loc["day", "year inferred"] == 2
    assert summary.loc["day", "not valid"] == 1
    assert summary.loc["month", "expressions"] == 0
    assert summary.loc["all", "documents"] == 2


def test_lookback_buckets_sort_references_by_distance(seeds, seed_dates):
    table = timeline.lookback_table(timeline.date_links(seed_dates, seeds)).set_index("looks back")
    assert table.loc["same week", "references"] == 3  # 28 and 25 June, 17 December 2013
    assert table.loc["1 to 5 years", "references"] == 1  # 16 December 2011
    assert table["references"].sum() == 4


def test_date_problems_group_invalid_expressions_by_kind():
    corpus = corpus_of(
        ("бойня 16.12.20011 и снова 17.12.20011, а ещё 31 июня 2012 года", "2013-12-18"),
    )
    problems = timeline.date_problems(referenced_dates(corpus))
    # grouped by kind, but each shows the real note of its first example, not «year '#'»
    assert problems["problem"].tolist() == [
        "year '20011' has 5 digits",
        "31 June 2012 does not exist",
    ]
    assert problems["expressions"].tolist() == [2, 1]
    assert problems["example"].iloc[0] == "16.12.20011"


def test_publication_chart_names_undated_documents():
    corpus = corpus_of(("a", "2012-01-05"), ("b", None), ("c", "2012-03-20"))
    counts = timeline.publication_counts(corpus)
    fig, data = timeline.plot_publications(counts)
    assert data is counts
    assert "1 without a date" in fig.axes[0].get_xlabel()
    plt.close(fig)


def test_event_timeline_turns_into_a_density_for_many_references():
    texts = [
        (f"Вспоминаем 16 декабря 2011 года и {d} мая.", f"2013-06-{d:02d}") for d in range(1, 29)
    ]
    corpus = corpus_of(*texts)
    links = timeline.date_links(referenced_dates(corpus), corpus)
    assert len(links) == 56
    few, _ = timeline.plot_date_links(links)
    assert few.axes[0].collections and len(few.axes) == 1  # lines and markers, no colour bar
    legend = [t.get_text() for t in few.axes[0].get_legend().get_texts()]
    # the example is an example, the count is of all day references
    assert "day, e.g. «16 декабря 2011»: 56" in legend
    many, _ = timeline.plot_date_links(links, max_lines=10)
    assert len(many.axes) == 2  # the hexbin density has its colour bar
    many.canvas.draw()
    ticks = [t.get_text() for t in many.axes[1].get_yticklabels() if t.get_text()]
    assert ticks and all(t.replace(",", "").isdigit() for t in ticks), ticks  # not 10⁰, 2×10⁰
    assert ticks[0] == "1"
    plt.close(few)
    plt.close(many)


def test_charts_without_dates_say_so_instead_of_bare_axes():
    corpus = corpus_of(("Здесь нет ни одной даты.", "2013-12-18"), ("И здесь нет.", None))
    links = timeline.date_links(referenced_dates(corpus), corpus)
    assert links.empty
    fig, _ = timeline.plot_date_links(links)
    ax = fig.axes[0]
    assert not ax.axison
    assert [t.get_text() for t in ax.texts] == ["No dates found in the articles' text."]
    plt.close(fig)
    fig, _ = timeline.plot_referenced_periods(links)
    assert not fig.axes[0].axison
    assert "No dates found" in fig.axes[0].texts[0].get_text()
    plt.close(fig)
    # dates found, but only in an undated article: nothing can be placed, and the reason is given
    corpus = corpus_of(("Вспоминаем 16 декабря 2011 года.", None))
    links = timeline.date_links(referenced_dates(corpus), corpus)
    fig, _ = timeline.plot_date_links(links)
    assert "No dates to place" in fig.axes[0].texts[0].get_text()
    plt.close(fig)
