"""Dates without a year placed by what the sentence says; datelines; spans and event labels.

The sentences are written for these tests in the manner of wire copy and
regional labour news (announcements, deadlines, reports of what happened,
datelines of several agencies); none is copied from a corpus.
"""

from __future__ import annotations

import itertools

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd
import pytest

from helpers.dates import extract_dates, referenced_dates
from helpers.dates import timeline as tl
from helpers.dates.placing import direction

TS = pd.Timestamp


def _only(text: str, published: str | None, written: str):
    found = [f for f in extract_dates(text, TS(published) if published else None)]
    hits = [f for f in found if text[f.start : f.stop] == written]
    assert len(hits) == 1, [(text[f.start : f.stop], f.note) for f in found]
    return hits[0]


@pytest.mark.parametrize(
    ("text", "published", "written", "expected", "why"),
    [
        # Announcements: future tense, plans, participles of what is to start.
        (
            "Профсоюз объявил: 10 августа на центральной площади пройдет митинг.",
            "2019-08-06",
            "10 августа",
            "2019-08-10",
            "future",
        ),
        (
            "Отопительный сезон в Караганде начнётся 12 января, сообщили в акимате.",
            "2021-12-20",
            "12 января",
            "2022-01-12",
            "future",
        ),
        (
            "Компания намерена провести 1 июля собрание акционеров.",
            "2020-11-03",
            "1 июля",
            "2021-07-01",
            "plan",
        ),
        (
            "Участники турнира, стартующего 10 мая, прибыли в Шымкент.",
            "2022-12-28",
            "10 мая",
            "2023-05-10",
            "present",
        ),
        (
            "Долги по зарплате работодатель обязан погасить до 15 августа.",
            "2018-09-30",
            "15 августа",
            "2019-08-15",
            "plan",
        ),
        (
            "Срок подачи заявок на участие в конкурсе — до 15 августа.",
            "2018-09-30",
            "15 августа",
            "2019-08-15",
            "deadline",
        ),
        (
            "10 мая рабочие депо потребовали повысить зарплату.",
            "2023-03-01",
            "10 мая",
            "2022-05-10",
            "past",
        ),
        (
            "Рассмотрение дела отложено и назначено на 3 февраля.",
            "2016-11-14",
            "3 февраля",
            "2017-02-03",
            "scheduled",
        ),
        # Reports of what happened: past tense, past participles.
        (
            "28 февраля рабочие шахты вышли на площадь перед акиматом.",
            "2021-02-20",
            "28 февраля",
            "2020-02-28",
            "past",
        ),
        (
            "На прошедшем 12 декабря собрании рабочие избрали стачком.",
            "2014-01-09",
            "12 декабря",
            "2013-12-12",
            "past",
        ),
        (
            "1 июля министр заявил, что намерен уйти в отставку.",
            "2017-05-02",
            "1 июля",
            "2016-07-01",
            "past",
        ),
        # Writer and reader are not the event: «напомним», «вспомним» do not decide.
        (
            "Напомним, 16 декабря погибли нефтяники.",
            "2012-01-10",
            "16 декабря",
            "2011-12-16",
            "past",
        ),
    ],
)
def test_the_sentence_decides_which_way_a_yearless_date_points(
    text, published, written, expected, why
):
    found = _only(text, published, written)
    assert found.date == TS(expected)
    assert found.year_inferred
    assert why in found.note


def test_no_sign_in_the_sentence_keeps_the_latest_date_on_or_before_publication():
    found = _only("Митинг 10 августа в Жезказгане.", "2019-08-06", "10 августа")
    assert found.date == TS("2018-08-10")
    assert "no tense or deadline" in found.note


def test_a_past_verb_beats_a_deadline_word():
    found = _only("Забастовка продолжалась до 15 марта.", "2015-04-20", "15 марта")
    assert found.date == TS("2015-03-15")
    assert "past tense" in found.note


@pytest.mark.parametrize(
    ("text", "published", "written", "expected", "why"),
    [
        # a term set until the date runs on after the decision, reported in the past tense
        (
            "Басманный суд 12 августа арестовал активиста до 11 октября.",
            "2019-08-13",
            "11 октября",
            "2019-10-11",
            "term «арестовал",
        ),
        (
            "Судья приняла решение об аресте члена профсоюза до 11 октября.",
            "2019-08-13",
            "11 октября",
            "2019-10-11",
            "term «аресте",
        ),
        (
            "Акимат ввёл режим чрезвычайного положения до 19 января.",
            "2022-01-06",
            "19 января",
            "2022-01-19",
            "term «ввёл",
        ),
        # the day the term was set, earlier in the sentence, is where it runs from
        (
            "Басманный суд 12 августа арестовал активиста до 11 октября.",
            "2019-12-01",
            "11 октября",
            "2019-10-11",
            "first on or after «12 августа», when set",
        ),
        # a term noun under a verb that states a fact, not a decision: over
        (
            "Активист находился под арестом до 11 октября.",
            "2019-12-01",
            "11 октября",
            "2019-10-11",
            "past tense «находился»",
        ),
        # a term word after the date does not set it
        (
            "До 5 января ввели запрет на митинги.",
            "2019-03-01",
            "5 января",
            "2019-01-05",
            "past tense «ввели»",
        ),
        # a past verb nearer the date than the term: the term has run out
        (
            "Режим ЧП, введённый 5 января, действовал до 19 января.",
            "2022-03-01",
            "19 января",
            "2022-01-19",
            "past tense «действовал»",
        ),
        (
            "Рабочие бастовали до 5 января.",
            "2019-03-01",
            "5 января",
            "2019-01-05",
            "past tense «бастовали»",
        ),
    ],
)
def test_a_term_set_until_a_date_looks_forward(text, published, written, expected, why):
    found = _only(text, published, written)
    assert found.date == TS(expected)
    assert why in found.note


@pytest.mark.parametrize(
    ("text", "published", "written", "expected"),
    [
        # Same sentence: the written year of the nearest date, the nearest such day.
        (
            "Стачка началась 28 декабря 2011 года и закончилась 3 января.",
            "2014-06-01",
            "3 января",
            "2012-01-03",
        ),
        (
            "16 декабря 2011 г. полиция открыла огонь, а 17 декабря волнения дошли до Шетпе.",
            "2016-12-16",
            "17 декабря",
            "2011-12-17",
        ),
    ],
)
def test_a_date_with_a_year_in_the_same_sentence_lends_its_year(text, published, written, expected):
    found = _only(text, published, written)
    assert found.date == TS(expected)
    assert "the same sentence" in found.note


def test_the_sentence_is_the_shared_cut_of_the_text_as_written():
    """A full stop before a capital ends the sentence (no year lent across it); an abbreviation
    («ч. 8 ст. 20.2») does not; the sentence of a date is the ``sent`` of the token table."""
    from helpers.nlp import segment

    two = "Клип вышел 19 июня 2017 года. Релиз запланирован на 30 июня.\n\nДругое."
    found = _only(two, None, "30 июня")
    assert "the same sentence" not in found.note and "no publication date" in found.note
    _, sent = segment.locate(two, [two.index("19 июня"), found.start])
    assert sent[0] != sent[1]
    one = (
        "1 июля 2019 года суд признал его виновным (ч. 8 ст. 20.2 КоАП) и арестовал, "
        "а через неделю 9 июля Мосгорсуд поддержал это решение."
    )
    assert "the same sentence" in _only(one, None, "9 июля").note
    # Cut on the text as written, read in lower case: «До» opening a sentence is a deadline.
    text = "Зарплату не платят. До 15 августа долг погасят."
    assert direction(text, text.index("15"), text.index(" долг")).way == "forward"


def test_without_a_publication_date_the_nearest_dated_expression_lends_its_year():
    text = (
        "В 2009 году на руднике сменился собственник.\n\n"
        "Рабочие узнали об этом 14 марта, когда пришли за расчётом."
    )
    found = _only(text, None, "14 марта")
    assert found.date == TS("2009-03-14")
    assert "no publication date" in found.note
    alone = _only("Рабочие узнали об этом 14 марта.", None, "14 марта")
    assert alone.date is None and alone.valid  # nothing to go by: nothing guessed


@pytest.mark.parametrize(
    ("text", "written", "expected", "precision"),
    [
        ("Завод остановили в декабре прошлого, 2014 года.", "декабре прошлого, 2014 года",
         "2014-12-01", "month"),
        ("-23 июля 2004 года суд вынес приговор.", "23 июля 2004 года", "2004-07-23", "day"),
        ("Хроника:\n-5 мая прошлого, 2016 года забастовка", "5 мая прошлого, 2016 года",
         "2016-05-05", "day"),
    ],
)  # fmt: skip
def test_glossed_relative_years_and_dash_before_a_day(text, written, expected, precision):
    found = _only(text, "2015-03-01", written)
    assert (found.date, found.precision, found.year_inferred) == (TS(expected), precision, False)


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("МОСКВА, 9 августа. /ТАСС/. Минтруд подготовил поправки.", "9 августа"),
        ("АЛМАТЫ, 30 ноября. КазТАГ. Рабочие депо объявили голодовку.", "30 ноября"),
        ("НУР-СУЛТАН, 2 марта – Kazinform. Сенат одобрил закон.", "2 марта"),
        ("Караганда, 14 мая (РИА Новости). Шахтёры спустились в забой.", "14 мая"),
        ("Уральск, 5 июня — Интерфакс. Суд арестовал активиста.", "5 июня"),
    ],
)
def test_agency_datelines_are_marked_and_set_on_the_day_of_the_report(text, written):
    found = _only(text, "2019-08-09", written)
    assert found.kind == "dateline"
    assert found.date is not None and found.date <= TS("2019-08-09")


@pytest.mark.parametrize(
    "text",
    [
        "Суд назначил слушание на 9 августа. Защита обжалует решение.",
        "Как сообщил 30 ноября аким, выплаты возобновятся.",
        "Москва, 9 августа 2019 года, была жаркой",  # a place and a date in a sentence
    ],
)
def test_dates_inside_sentences_are_references(text):
    assert {f.kind for f in extract_dates(text, TS("2019-12-01"))} == {"reference"}


def test_datelines_do_not_count_as_referenced_dates_in_the_timeline():
    corpus = pd.DataFrame(
        {
            "doc_id": ["a", "b"],
            "date": [TS("2019-08-09"), TS("2019-08-10")],
            "text": [
                "МОСКВА, 9 августа. /ТАСС/. Рабочие вспомнили события 16 декабря 2011 года.",
                "АСТАНА, 10 августа. КазТАГ. Пикет прошёл 8 августа.",
            ],
        }
    )
    dates = referenced_dates(corpus, cache=False)
    assert dates.groupby("kind").size().to_dict() == {"dateline": 2, "reference": 2}
    links = tl.date_links(dates, corpus)
    assert sorted(links["text"]) == ["16 декабря 2011 года", "8 августа"]
    top = tl.top_referenced_dates(dates, corpus)
    assert TS("2019-08-09") not in set(top["date"])


def test_direction_reads_the_clause_nearest_the_date():
    text = "Переговоры, начавшиеся 3 мая, продолжатся до 20 мая."
    first, second = text.index("3 мая"), text.index("20 мая")
    assert direction(text, first, first + 5).way == "back"
    assert direction(text, second, second + 6).way == "forward"


# --------------------------------------------------------------------------- figures


def _links_with_range() -> tuple[pd.DataFrame, pd.DataFrame]:
    corpus = pd.DataFrame(
        {
            "doc_id": ["a", "b", "c"],
            "date": [TS("1995-03-01"), TS("2012-01-10"), TS("2019-05-05")],
            "text": [
                "В 1991 году страна стала независимой.",
                "Забастовка шла с 16 мая по 16 декабря 2011 года.",
                "С 1 по 5 мая 2019 года прошли пикеты; 16 декабря 2011 года вспоминают.",
            ],
        }
    )
    return tl.date_links(referenced_dates(corpus, cache=False), corpus), corpus


def test_a_range_is_drawn_as_a_span_from_its_first_to_its_last_day():
    links, _ = _links_with_range()
    fig, _ = tl.plot_date_links(links)
    ax = fig.axes[0]
    spans = [c for c in ax.collections if "drawn as a span" in str(c.get_label())]
    assert len(spans) == 1
    segments = sorted(tuple(map(tuple, seg)) for seg in spans[0].get_segments())
    ranges = links[links["date_end"].notna()].sort_values("date")
    assert len(segments) == len(ranges) == 2
    for (start, end), row in zip(segments, ranges.itertuples(), strict=True):
        assert start[0] == pytest.approx(matplotlib.dates.date2num(row.date))
        assert end[0] == pytest.approx(matplotlib.dates.date2num(row.date_end))
    plt.close(fig)


def test_event_labels_never_overlap_on_a_multi_decade_axis():
    links, _ = _links_with_range()
    events = pd.DataFrame(
        {
            "date": pd.to_datetime(
                ["1991-12-16", "2011-12-16", "2011-12-17", "2011-12-20", "2012-01-05",
                 "2019-03-20", "2019-05-01"]
            ),
            "label": ["Независимость", "Расстрел в Жанаозене", "События в Шетпе",
                      "Комендантский час", "Суд над нефтяниками", "Отставка президента",
                      "Первомай"],
            "note": [""] * 7,
        }
    )  # fmt: skip
    for plot in (
        lambda: tl.plot_date_links(links, events)[0],
        lambda: tl.plot_referenced_periods(links, events)[0],
    ):
        fig = plot()
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        ax = fig.axes[0]
        labels = [t for t in ax.texts if "(" in t.get_text() and "." in t.get_text()]
        assert len(labels) == len(events)
        boxes = [t.get_window_extent(renderer) for t in labels]
        for a, b in itertools.combinations(boxes, 2):
            assert not a.overlaps(b), (a, b)
        axes_box = ax.get_window_extent(renderer)
        assert all(b.x1 <= axes_box.x1 + 1 and b.x0 >= axes_box.x0 - 1 for b in boxes)
        plt.close(fig)
