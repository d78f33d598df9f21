"""Protest events on reports written for the purpose (tests/data/events/, gold.tsv beside them).

Each field of each expected report is checked against what
:func:`helpers.events.protest_events` finds; files that report no event
must give none. Also: the gazetteer's choices, the size rule, grouping
across articles and the Mass Mobilization export.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pytest

from helpers import load_corpus
from helpers.events import (
    events,
    events_in_text,
    get_gazetteer,
    mass_mobilization,
    participants_category,
    protest_events,
)

DATA = Path(__file__).parent / "data" / "events"
FIELDS = ["form", "status", "place", "country", "date", "date_precision", "size", "state_response"]


def _gold() -> pd.DataFrame:
    gold = pd.read_csv(DATA / "gold.tsv", sep="\t", comment="#", dtype=str, keep_default_na=False)
    gold["doc_id"] = gold["file"].str.removesuffix(".md")
    gold["size"] = [
        f"{a}-{b}" if a else "" for a, b in zip(gold.size_low, gold.size_high, strict=True)
    ]
    return gold


@pytest.fixture(scope="module")
def found() -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus = load_corpus(DATA, progress=False)
    return protest_events(corpus, progress=False)


def _as_gold(row) -> dict[str, str]:
    def text(value) -> str:
        return "" if value is None or pd.isna(value) else str(value)

    size = f"{row.size_low}-{row.size_high}" if not pd.isna(row.size_low) else ""
    date = row.date.strftime("%Y-%m-%d") if not pd.isna(row.date) else ""
    return {
        "form": row.form,
        "status": row.status,
        "place": text(row.place),
        "country": text(row.country),
        "date": date,
        "date_precision": row.date_precision,
        "size": size,
        "state_response": ";".join(sorted(text(row.state_response).split(";"))).strip(";"),
    }


def score(found: pd.DataFrame) -> dict[str, object]:
    """Matched reports (same document and form) and per-field agreement on them."""
    gold = _gold()
    expected = gold[gold.form != "none"]
    matched, field_hits = 0, dict.fromkeys(FIELDS, 0)
    misses: list[str] = []
    for g in expected.itertuples():
        mine = found[(found.doc_id == g.doc_id) & (found.form == g.form)]
        if mine.empty:
            misses.append(f"{g.doc_id}: no {g.form}")
            continue
        matched += 1
        got = _as_gold(next(mine.itertuples()))
        for f in FIELDS:
            if got[f] == getattr(g, f):
                field_hits[f] += 1
            else:
                misses.append(f"{g.doc_id} {g.form} {f}: {got[f]!r} != {getattr(g, f)!r}")
    spurious = [
        f"{r.doc_id}: unexpected {r.form}"
        for r in found.itertuples()
        if not ((expected.doc_id == r.doc_id) & (expected.form == r.form)).any()
    ]
    return {
        "expected": len(expected),
        "matched": matched,
        "spurious": len(spurious),
        "fields": field_hits,
        "problems": misses + spurious,
    }


def test_score_on_the_written_reports(found):
    result = score(found)
    print(result)
    assert result["matched"] >= result["expected"] - 1, result["problems"]
    assert result["spurious"] <= 1, result["problems"]
    for f, hits in result["fields"].items():
        assert hits >= result["matched"] - 2, (f, result["problems"])


@pytest.mark.parametrize("doc_id", ["law_court", "shop_sale", "plain_news"])
def test_no_event_where_the_text_reports_none(found, doc_id):
    assert found[found.doc_id == doc_id].empty, found[found.doc_id == doc_id].evidence.tolist()


@pytest.mark.parametrize(
    ("field", "doc_id", "form", "value"),
    [
        ("status", "threatened_strike", "strike", "threatened"),
        ("status", "threatened_strike", "rally", "planned"),
        ("status", "banned_rally", "rally", "banned"),
        ("date", "historical_2011", "strike", "2011-05-01"),
        ("date", "blog_hunger", "hunger_strike", "2023-03-09"),
        ("place", "embassy_moscow", "picket", "Москва"),
        ("country", "embassy_moscow", "picket", "Россия"),
        ("place", "agency_strike", "strike", "Жанаозен"),
        ("region", "several_events", "road_block", "Карагандинская область"),
        ("size_low", "several_events", "hunger_strike", 200),
    ],
)
def test_each_field_of_the_hard_cases(found, field, doc_id, form, value):
    row = found[(found.doc_id == doc_id) & (found.form == form)]
    assert len(row) == 1, found[found.doc_id == doc_id][["form", "evidence"]]
    got = row.iloc[0][field]
    if field == "date":
        got = got.strftime("%Y-%m-%d")
    assert got == value


def test_several_events_in_one_article_are_several_reports(found):
    forms = found[found.doc_id == "several_events"].sort_values("start")["form"].tolist()
    assert forms == ["road_block", "rally", "hunger_strike"]
    assert found[found.doc_id == "several_events"]["event_id"].nunique() == 3


def test_claims_and_causes_come_with_the_report(found):
    union = found[found.doc_id == "union_statement"].iloc[0]
    assert "Погасить задолженность" in union.claims
    assert union.cause.split(";")[0] == "wage_arrears"
    hunger = found[found.doc_id == "blog_hunger"].iloc[0]
    assert "layoffs" in hunger.cause.split(";")


def test_evidence_is_the_sentence_in_the_text(found):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus = load_corpus(DATA, progress=False).set_index("doc_id")
    for row in found.itertuples():
        assert corpus.loc[row.doc_id, "text"][row.start : row.stop] == row.evidence


def test_gazetteer_picks_by_population_and_region():
    g = get_gazetteer()
    assert g.lookup("Актау").population > 100_000  # the Mangistau city, not the villages
    assert g.lookup("Озенмунайгаз").place == "Жанаозен"  # an enterprise's town, from the table
    assert g.lookup("Орал").place == "Уральск"  # the table's Russian name
    assert g.lookup("Казахстан").level == "country"  # not the village of that name
    karaganda = frozenset({"Карагандинская область"})
    assert g.lookup("Актау", regions=karaganda).region == "Карагандинская область"
    assert g.lookup("Москва").country == "Россия"
    assert g.lookup("Несуществующинск") is None


def test_a_bad_places_table_names_its_line(tmp_path):
    from helpers.events.gazetteer import Gazetteer

    bad = tmp_path / "places.tsv"
    bad.write_text(
        "name\tcanonical\tkind\tregion\tcountry\tlat\tlon\tcode\nШетпе\tШетпе\thamlet\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match=r"places.tsv:2: kind 'hamlet'"):
        Gazetteer(bad)


@pytest.mark.parametrize(
    ("sentence", "low", "high"),
    [
        ("Около 300 рабочих вышли на митинг у акимата.", 300, 300),
        ("Более тысячи шахтёров провели митинг у акимата.", 1000, 1999),
        ("Несколько сотен нефтяников провели митинг у акимата.", 200, 999),
        ("Десятки жителей провели митинг у акимата.", 20, 99),
        ("23 шахтёра провели митинг у акимата.", 23, 23),
        ("Тысячи рабочих вышли на митинг у акимата.", 2000, 9999),
    ],
)
def test_size_rule(sentence, low, high):
    row = events_in_text(sentence, date="2020-01-10").iloc[0]
    assert (row.size_low, row.size_high) == (low, high)


def test_no_size_from_victims_or_detainees():
    text = "Рабочие провели митинг у акимата Актобе. Полиция задержала 12 человек."
    row = events_in_text(text, date="2020-01-10").iloc[0]
    assert pd.isna(row.size_low) and row.state_response == "detention"


def test_reports_of_one_event_across_articles_are_one_event():
    a = "5 марта 2020 года около 200 рабочих в Жезказгане объявили забастовку."
    b = "В Жезказгане 5 марта 2020 года забастовали более тысячи горняков."
    c = "7 июня 2020 года рабочие в Жезказгане объявили забастовку."
    corpus = pd.DataFrame(
        {
            "doc_id": ["a", "b", "c"],
            "text": [a, b, c],
            "date": pd.to_datetime(["2020-03-06", "2020-03-07", "2020-06-08"]),
        }
    )
    reports = protest_events(corpus, progress=False)
    assert reports.groupby("event_id")["doc_id"].apply(sorted).tolist() == [["a", "b"], ["c"]]
    table = events(reports)
    first = table.iloc[0]
    assert (first.n_reports, first.size_low, first.size_high) == (2, 200, 1999)
    assert "size" in first.disagreements
    mm = mass_mobilization(table, reports)
    assert mm.loc[0, "participants_category"] == "100-999"
    assert mm.loc[0, "stateresponse1"] == "ignore"
    assert (mm.loc[0, "startyear"], mm.loc[0, "startmonth"], mm.loc[0, "startday"]) == (2020, 3, 5)


def test_participants_bands():
    assert [participants_category(n) for n in (10, 50, 999, 1000, 4000, 12000)] == [
        "<50",
        "50-99",
        "100-999",
        "1000-1999",
        "2000-4999",
        ">10000",
    ]


def test_events_of_a_corpus_are_the_events_of_its_reports(found):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus = load_corpus(DATA, progress=False)
    from_corpus = events(corpus)
    from_reports = events(found)
    assert len(from_corpus) == len(from_reports) == found["event_id"].nunique()
    assert from_corpus["n_reports"].sum() == len(found)


def test_map_borders_come_from_the_shipped_shapefile():
    from helpers.events.figures import borders

    rings = borders(("KAZ",))["KAZ"]
    lon = [r[:, 0] for r in rings]
    lat = [r[:, 1] for r in rings]
    # Kazakhstan spans about 46–88° E and 40–56° N
    assert 45 < min(x.min() for x in lon) < 48 and 86 < max(x.max() for x in lon) < 89
    assert 40 < min(y.min() for y in lat) < 42 and 55 < max(y.max() for y in lat) < 56


@pytest.mark.parametrize(
    "text",
    [
        "Актёр прославился ролью в сериале «Марш Турецкого», который вышел в 2000 году.",
        "Кандидат провёл предвыборный митинг в Павлодаре 3 марта 2019 года.",
        "Военное командование прекратило работу телеканалов 4 июля 2013 года.",
    ],
)
def test_no_event_in_titles_campaigns_or_closed_channels(text):
    assert events_in_text(text, date="2019-03-05").empty


def test_findings_count_the_tables_and_escape_place_names(found):
    """Notebook 05's closing bullets: computed from the tables, corpus text escaped."""
    from helpers.events.figures import findings

    table = events(found)
    corpus = pd.DataFrame({"doc_id": sorted(set(found["doc_id"]) | {"extra"})})
    lines = findings(found, table, corpus)
    assert lines[0].startswith(f"{len(table):,} events from {len(found):,} reports in ")
    assert f"of {len(corpus):,};" in lines[0]
    top_place = table["place"].dropna().value_counts().index[0]
    assert any(line.startswith("Places with most events: ") and top_place in line for line in lines)
    hostile = table.assign(place="<script>alert(1)</script>")
    text = "\n".join(findings(found, hostile, corpus))
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert findings(found.head(0), table.head(0), corpus) == [
        "No protest events were found in this corpus."
    ]
