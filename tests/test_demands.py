"""Tests for helpers.demands and helpers.demands.coding on the seeds and on hand-written texts.

The texts in tests/data/demand_texts/ were written for these tests: numbered
lists with «)», bullets «•» and «*», «—»/«–» dashes with indented sub-items,
items ending «;», genitive demands after «требуют:», unmarked lines under a
header, a call list, closing slogans over a signature block, and lists that
must not be taken (an agenda, chronologies, participants, signatories), plus
demands reported inside narrative sentences. tests/data/demand_gold.tsv lists,
by hand, every item a reader would take from them.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import helpers
from helpers import demands as dm
from helpers.demands import coding
from helpers.demands import figures as figs

DATA = Path(__file__).parent / "data"
TEXTS = DATA / "demand_texts"
SEED_1 = "000_fb161a2db08fb9b8"
SEED_2 = "002_e634a78d755f3f5e"
RULES = {
    "list_after_demand_header",
    "list_after_slogan_header",
    "list_after_call_header",
    "list_by_form",
    "inline_after_header",
    "we_demand_sentence",
    "closing_slogan",
    "quoted_slogan",
}
MASS_MOBILIZATION = {
    "labor wage dispute",
    "land farm issue",
    "police brutality",
    "political behavior, process",
    "price increases, tax policy",
    "removal of politician",
    "social restrictions",
}


@pytest.fixture(scope="module")
def seeds() -> pd.DataFrame:
    return helpers.load_corpus()


@pytest.fixture(scope="module")
def seed_items(seeds) -> pd.DataFrame:
    return dm.demands(seeds)


@pytest.fixture(scope="module")
def texts() -> pd.DataFrame:
    return helpers.load_corpus(TEXTS)


@pytest.fixture(scope="module")
def text_items(texts) -> pd.DataFrame:
    return dm.demands(texts)


@pytest.fixture(scope="module")
def text_lists(texts) -> pd.DataFrame:
    return dm.demand_lists(texts)


def _norm(text: str) -> str:
    return " ".join(text.split())


# --------------------------------------------------------------------------- seeds


def test_first_seed_has_its_four_slogans(seed_items):
    got = seed_items[seed_items["doc_id"] == SEED_1]
    assert got["text"].str[:12].tolist() == [
        "Ни одной уст",
        "Не дадим зак",
        "Национализац",
        "Формирование",
    ]
    assert set(got["kind"]) == {"slogan"}
    assert set(got["rule"]) == {"list_after_slogan_header"}
    assert got["item"].tolist() == ["1", "2", "3", "4"]
    assert got["form"].tolist() == ["against", "against", "nominal", "nominal"]
    assert got["text"].str.endswith("!").all()


def test_second_seed_demands_and_sub_items(seed_items):
    got = seed_items[(seed_items["doc_id"] == SEED_2) & (seed_items["kind"] == "demand")]
    top = got[got["level"] == 0]
    assert top["item"].tolist() == ["1", "2", "3", "4"]
    assert top["text"].str.split().str[0].tolist() == [
        "Прекратить",
        "Прекратить",
        "Восстановить",
        "Прекратить",
    ]
    assert top["parent"].isna().all()
    subs = got[got["level"] == 1]
    assert subs.groupby("parent").size().to_dict() == {"1": 3, "2": 3, "3": 4, "4": 4}
    assert subs[subs["parent"] == "3"]["item"].tolist() == ["3.1", "3.2", "3.3", "3.4"]
    # Sub-items were written «-закрыть …» without a space: text starts at the word.
    assert subs["text"].str.match(r"^[а-яё]").all()
    assert set(got["form"]) == {"infinitive"}
    assert set(got["rule"]) == {"list_after_demand_header"}
    # Each sub-item lies after its parent and before the next top-level demand.
    starts = dict(zip(top["item"], top["start"], strict=True))
    for row in subs.itertuples():
        assert starts[row.parent] < row.start
        nxt = str(int(row.parent) + 1)
        assert nxt not in starts or row.start < starts[nxt]


def test_second_seed_closing_slogans_and_call(seed_items):
    got = seed_items[(seed_items["doc_id"] == SEED_2) & (seed_items["rule"] == "closing_slogan")]
    assert [(k, t[:10]) for k, t in zip(got["kind"], got["text"], strict=True)] == [
        ("call", "Рабочие, в"),
        ("slogan", "Нет - межд"),
        ("slogan", "Да - Велик"),
        ("slogan", "ПРОЛЕТАРИИ"),
    ]
    assert got["form"].tolist() == ["imperative", "against", "for", "imperative"]
    # A statement in the same closing run is not a slogan.
    assert not seed_items["text"].str.contains("завершится Победой").any()


def test_second_seed_takes_nothing_after_the_slogans(seeds, seed_items):
    text = seeds.set_index("doc_id").loc[SEED_2, "text"]
    cut = text.index("17 декабря 2013 года")
    got = seed_items[seed_items["doc_id"] == SEED_2]
    assert (got["stop"] <= cut).all()
    assert len(got) == 4 + 14 + 4
    lists = dm.demand_lists(seeds)
    refused = lists[(lists["doc_id"] == SEED_2) & ~lists["taken"]]
    assert refused["header"].tolist() == ["Участники пикета"]
    assert refused["n_items"].tolist() == [7]
    assert "participants" in refused["rule"].iloc[0]


def test_second_seed_narrative_demand_is_not_taken(seed_items):
    # «с требованием повышения и своевременной выплаты зарплаты» is a report, not a demand.
    assert not seed_items["text"].str.contains("своевременной выплаты").any()


def test_seed_coding(seed_items):
    by_text = seed_items.set_index(seed_items["text"].str[:25])
    assert by_text.loc["Прекратить милицейский пр", "category"] == "police"
    assert by_text.loc["Прекратить милицейский пр", "mm_label"] == "police brutality"
    assert by_text.loc["возместить материальный и", "category"] == "compensation"
    assert by_text.loc["Национализация всей промы", "category"] == "nationalisation"
    assert by_text.loc["Ни одной уступки хозяевам", "category"] == "jobs"
    assert by_text.loc["Ни одной уступки хозяевам", "target"] == "employer"
    assert by_text.loc["закрыть сфабрикованные уг", "target"] == "courts"
    assert by_text.loc["ПРОЛЕТАРИИ ВСЕХ СТРАН, СО", "category"] == "international"
    assert by_text.loc["Прекратить репрессии прот", "action"] == "прекратить"
    assert by_text.loc["Ни одной уступки хозяевам", "action"] == "уступка"


# --------------------------------------------------------------------------- every row


@pytest.mark.parametrize("which", ["seeds", "texts"])
def test_offsets_rules_and_columns(which, request):
    corpus = request.getfixturevalue(which)
    items = request.getfixturevalue("seed_items" if which == "seeds" else "text_items")
    assert list(items.columns) == dm.COLUMNS
    texts = corpus.set_index("doc_id")["text"]
    for row in items.itertuples():
        assert texts[row.doc_id][row.start : row.stop] == row.text
        assert not row.text.startswith(("-", "–", "—", "•", "*", " ")), row.text
        assert not row.text.endswith((";", ":", ",", " ")), row.text
    assert set(items["rule"]) <= RULES
    assert set(items["kind"]) <= {"demand", "slogan", "call"}
    assert set(items["form"]) <= set(coding.FORMS)
    assert items["category"].notna().all()
    assert set(items["target"].dropna()) <= {"state", "employer", "courts", "international"}
    assert not items.duplicated(["doc_id", "start"]).any()


# --------------------------------------------------------------------------- varied texts


def test_precision_and_recall_on_hand_written_texts(text_items):
    gold = pd.read_csv(DATA / "demand_gold.tsv", sep="\t", dtype=str, keep_default_na=False)
    expected = {(r.doc_id, _norm(r.text)) for r in gold.itertuples()}
    found = {(r.doc_id, _norm(r.text)) for r in text_items.itertuples()}
    hits = expected & found
    precision = len(hits) / len(found)
    recall = len(hits) / len(expected)
    assert (precision, recall) == (1.0, 1.0), (found - expected, expected - found)
    # Kinds and structure agree with the gold too.
    merged = gold.assign(text=gold["text"].map(_norm)).merge(
        text_items.assign(text=text_items["text"].map(_norm)),
        on=["doc_id", "text"],
        suffixes=("_gold", ""),
    )
    assert (merged["kind_gold"] == merged["kind"]).all()
    assert (merged["item_gold"] == merged["item"]).all()
    assert (merged["parent_gold"] == merged["parent"].fillna("")).all()


def test_lists_that_are_not_demands_are_refused_with_a_reason(text_lists, text_items):
    refused = text_lists[~text_lists["taken"]].set_index("doc_id")
    assert set(refused.index) == {
        "a_meeting_paren",
        "b_bullets_slogans",
        "c_genitive_inline",
        "e_chronology",
        "f_closing",
        "i_hunger_strike",
        "j_conference_letters",
    }
    assert refused.loc["i_hunger_strike", "rule"].tolist() == [
        "refused: header names participants",
        "refused: header names chronology",
    ]
    assert "agenda" in refused.loc["j_conference_letters", "rule"]
    refused = refused.drop(index=["i_hunger_strike", "j_conference_letters"])
    reasons = dict(zip(refused.index, refused["rule"], strict=True))
    assert "chronology" in reasons["a_meeting_paren"]
    assert "participants" in reasons["b_bullets_slogans"]
    assert "agenda" in reasons["c_genitive_inline"]
    assert "chronology" in reasons["e_chronology"]
    assert "participants" in reasons["f_closing"]
    for words in (
        "Отчёт председателя",
        "начало голодовки",
        "Союз коммунистов",
        "Айнур Курманов",
        "расстрел рабочих на площади",
    ):
        assert not text_items["text"].str.contains(words).any(), words


def test_demands_reported_in_narrative_are_not_taken(text_items):
    # «рабочие с мая требовали повышения зарплаты», «вышли … с требованием повышения зарплаты»,
    # «добились повышения зарплаты»: reports, not the text's own demands.
    got = text_items[text_items["text"].str.contains("повышения зарплаты")]
    assert got.empty
    # «Это настоящий позор!» closes a narrative paragraph, not the text: not a slogan.
    assert not text_items["text"].str.contains("позор").any()


def test_reported_demands_on_request(seeds, texts, text_items):
    # Off by default (the seeds' expected lists have none), on with reported=True.
    assert "reported_demand" not in set(text_items["rule"])
    got = dm.demands(seeds, reported=True)
    reported = got[got["rule"] == "reported_demand"]
    # «Людей, вышедших на площадь с требованием повышения и своевременной выплаты
    # зарплаты, милиция разгоняла пулями»: the clause ends at the comma.
    assert reported["text"].tolist() == ["повышения и своевременной выплаты зарплаты"]
    assert reported["category"].tolist() == ["wages"]
    assert len(got) == 26 + 1
    got = dm.demands(texts, reported=True)
    reported = got[got["rule"] == "reported_demand"]
    assert reported[reported["doc_id"] == "a_meeting_paren"]["text"].tolist() == [
        "повышения зарплаты",  # «рабочие с мая требовали повышения зарплаты и отмены …»
        "отмены приказа о сокращениях",
    ]
    # A singular «требует» is usually impersonal («ситуация требует вмешательства»): not taken.
    assert dm.demands_in_text("Ситуация требует вмешательства властей.", reported=True).empty


def test_genitive_demands_after_trebuyut(text_items):
    got = text_items[text_items["doc_id"] == "c_genitive_inline"]
    assert set(got["form"]) == {"genitive"}
    assert got["action"].tolist() == [
        "отставка",
        "повышение",
        "возвращение",
        "отставка",
        "освобождение",
    ]
    assert got["rule"].tolist() == ["inline_after_header"] * 3 + ["we_demand_sentence"] * 2
    assert got.iloc[0]["category"] == "removal"
    assert got.iloc[0]["mm_label"] == "removal of politician"
    assert got.iloc[0]["target"] == "state"


def test_header_names_the_target(text_items):
    got = text_items[text_items["doc_id"] == "g_unmarked"]
    assert (
        got[got["kind"] == "demand"]["target"].eq("employer").all()
    )  # «требуют от руководства парка:»


def test_quoted_slogans_only_with_a_slogan_cue(text_items):
    got = text_items[text_items["rule"] == "quoted_slogan"]
    assert got["text"].tolist() == [
        "Нет расстрелам рабочих!",  # «скандировали «…» и «…»»
        "Солидарность сильнее репрессий!",
        "Руки прочь от нашего профсоюза!",  # «транспаранты с надписями «…» и «…»»
        "Мы не рабы!",
    ]
    assert not text_items["text"].str.contains("Жанарту").any()


def test_a_quoted_slogan_in_a_sentence_without_cue_is_not_taken():
    text = "Директор «Казахмыса» сказал «Завод закроем!» и уехал.\n\nДругих новостей нет."
    assert dm.demands_in_text(text).empty
    text = "Рабочие вышли к акимату с плакатом «Верните наши рабочие места!»."
    got = dm.demands_in_text(text)
    assert got["text"].tolist() == ["Верните наши рабочие места!"]
    assert got["kind"].tolist() == ["slogan"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Reported speech in dash lines is dialogue, not a list of demands.
        (
            "Рабочие собрались у проходной.\n\n"
            "— Мы требуем повышения зарплаты, — говорит сварщик Иван.\n\n"
            "— Прекратите нас обманывать! — кричали женщины.\n\n"
            "— Верните долги! — добавил другой рабочий.\n\nДиректор к ним не вышел.",
            [],
        ),
        # A numbered list of facts under a neutral header.
        (
            "Что известно о забастовке:\n\n1. В мае 2011 года бастовали 18 тысяч нефтяников.\n"
            "2. Компания уволила более 2000 человек.\n3. Суд признал забастовку незаконной.",
            [],
        ),
        # A headline that names demands, followed by prose.
        ("Требования нефтяников остаются без ответа\n\nУже месяц власти молчат.", []),
        # An exclamation that closes a report is a remark, not a slogan.
        ("Забастовка продолжается. Рабочие держатся.\n\nВот такая у нас жизнь!", []),
        # Numbered demands written on one line after «Требования рабочих:».
        (
            "Требования рабочих: 1) повысить зарплату на 50%; 2) вернуть уволенных; "
            "3) признать профсоюз.",
            ["повысить зарплату на 50%", "вернуть уволенных", "признать профсоюз"],
        ),
        # «Мы требуем» with two coordinated infinitives.
        (
            "Мы требуем немедленно прекратить преследование активистов и освободить арестованных.",
            ["немедленно прекратить преследование активистов", "освободить арестованных"],
        ),
        # A programme under a neutral header, taken because its items read as demands.
        (
            "Программа действий:\n\n- Повысить минимальную зарплату.\n"
            "- Снизить тарифы на коммунальные услуги.\n- Вернуть землю крестьянам.",
            [
                "Повысить минимальную зарплату.",
                "Снизить тарифы на коммунальные услуги.",
                "Вернуть землю крестьянам.",
            ],
        ),
        # Closing slogans above a long signature line are still at the end.
        (
            "Суд над нефтяниками продолжается.\n\nСвободу Козлову!\n\n"
            "Политсовет Социалистического движения Казахстана, Центральный комитет профсоюза "
            "«Жанарту», Комитет за рабочий интернационал, Социалистическое сопротивление",
            ["Свободу Козлову!"],
        ),
        # An exclamation followed by more prose does not stand at the end.
        (
            "Суд над нефтяниками продолжается.\n\nДолой диктатуру!\n\n"
            "Мы будем следить за развитием событий и сообщать о них читателям.",
            [],
        ),
        # Roman numerals and letters with a dot number the items.
        (
            "Требования профсоюза:\n\nI. Повысить зарплату на 40%.\n"
            "II. Восстановить уволенных активистов.\nIII. Прекратить давление на профсоюз.",
            [
                "Повысить зарплату на 40%.",
                "Восстановить уволенных активистов.",
                "Прекратить давление на профсоюз.",
            ],
        ),
        (
            "Мы требуем:\nа. отменить штрафы;\nб. выплатить премии за квартал.",
            ["отменить штрафы", "выплатить премии за квартал."],
        ),
        # Unmarked quoted slogans under «скандировали:»; the quotes are not part of the item.
        (
            "Участники пикета скандировали:\n\n«Долой диктатуру!»\n\n«Свободу политзаключённым!»,"
            "\n\n«Нет произволу!»\n\nПолиция не вмешивалась, и пикет прошёл спокойно.",
            ["Долой диктатуру!", "Свободу политзаключённым!", "Нет произволу!"],
        ),
        # Several closing exclamations on one line; the address «Товарищи!» is not a slogan.
        (
            "Суд продолжается.\n\nТоварищи! Свободу Козлову! Свободу Тулетаевой!\n\nАлматы, 2012",
            ["Свободу Козлову!", "Свободу Тулетаевой!"],
        ),
        # A chronology whose items start «В 2011 году …».
        (
            "Как это было:\n\n- В 2011 году рабочие начали забастовку.\n"
            "- В декабре 2011 года забастовку подавили.\n- В 2012 году начались суды.",
            [],
        ),
    ],
    ids=[
        "dialogue",
        "facts",
        "headline",
        "remark",
        "inline-numbered",
        "we-demand",
        "programme",
        "long-signature",
        "not-at-end",
        "roman",
        "letter-dot",
        "quoted-lines",
        "several-closing",
        "chronology-years",
    ],
)
def test_more_formats(text, expected):
    assert dm.demands_in_text(text)["text"].tolist() == expected


def test_programme_items_are_coded_to_their_mass_mobilization_labels():
    text = (
        "Программа действий:\n\n- Повысить минимальную зарплату.\n"
        "- Снизить тарифы на коммунальные услуги.\n- Вернуть землю крестьянам."
    )
    got = dm.demands_in_text(text)
    assert got["mm_label"].tolist() == [
        "labor wage dispute",
        "price increases, tax policy",
        "land farm issue",
    ]
    assert set(got["rule"]) == {"list_by_form"}


# --------------------------------------------------------------------------- coding


@pytest.mark.parametrize(
    ("text", "form", "action"),
    [
        ("Прекратить репрессии против активистов", "infinitive", "прекратить"),
        ("немедленно освободить Козлова", "infinitive", "освободить"),
        ("отставки акима", "genitive", "отставка"),
        ("Национализация всей промышленности!", "nominal", "национализация"),
        ("Нет – войне!", "against", "война"),
        ("Долой диктатуру!", "against", "диктатура"),
        ("Не допустить закрытия завода", "against", "закрытие"),
        ("Да – Союзу пролетариев!", "for", "союз"),
        ("Свободу Козлову!", "for", "свобода"),
        ("Работу – шахтёрам!", "for", "работа"),
        ("Зарплату — в срок!", "for", "зарплата"),
        ("Да здравствует солидарность трудящихся!", "for", "солидарность"),
        ("Слава героям Жанаозена!", "for", "слава"),
        ("Пролетарии всех стран, соединяйтесь!", "imperative", "соединяться"),
        ("Профсоюзам всех стран — провести акции солидарности", "infinitive", "провести"),
    ],
)
def test_forms_and_actions(text, form, action):
    assert coding.classify_form(text) == (form, action)


@pytest.mark.parametrize(
    ("text", "statement"),
    [
        ("Борьба рабочих справедлива и она неизбежно завершится Победой!", True),
        ("Правда о Жанаозене всё равно станет известна!", True),
        ("Не дадим закрыть завод!", False),
        ("Да здравствует солидарность трудящихся!", False),
        ("Слава героям Жанаозена!", False),  # «Жанаозена» is not a short participle
        ("Национализация всей промышленности под рабочим контролем!", False),
        ("Пролетарии всех стран, соединяйтесь!", False),
    ],
)
def test_is_statement(text, statement):
    assert coding.is_statement(text) is statement


def test_rules_file_covers_mass_mobilization():
    table = coding.category_table()
    assert table["category"].is_unique
    assert table["category"].iloc[-1] == "other"
    labels = set(table["mass_mobilization"].dropna())
    assert labels == MASS_MOBILIZATION  # every MM label is used, and only those
    assert {
        "jobs",
        "union_rights",
        "repression",
        "accountability",
        "compensation",
        "nationalisation",
        "international",
    } <= set(table["category"])


def test_rules_file_can_be_replaced(tmp_path):
    path = tmp_path / "rules.toml"
    path.write_text(
        '[[category]]\nid = "water"\nlabel = "Water"\nmass_mobilization = "social restrictions"\n'
        'strong = ["питьевой воды"]\n',
        encoding="utf-8",
    )
    rules = coding.load_rules(path)
    assert coding.code_item("Обеспечить посёлок питьевой водой", rules)["category"] == "water"
    assert coding.code_item("Повысить зарплату", rules)["category"] is None
    bad = tmp_path / "bad.toml"
    bad.write_text('[[category]]\nid = "x"\nstrong = "not a list"\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.toml"):
        coding.load_rules(bad)


def test_demands_take_a_rules_file_with_own_header_words(tmp_path):
    text = "Резолюция митинга\n\n1. Вернуть воду в посёлок.\n2. Починить водопровод.\n"
    # The package's rules: «Резолюция митинга» is a neutral header; the list reads as demands.
    assert set(dm.demands_in_text(text)["rule"]) == {"list_by_form"}
    path = tmp_path / "rules.toml"
    path.write_text(
        '[[category]]\nid = "water"\nstrong = ["вода", "водопровод"]\n\n'
        '[headers]\ndemand = ["резолюция"]\nslogan = []\ncall = []\n\n'
        '[headers.refuse]\nagenda = ["повестка"]\n',
        encoding="utf-8",
    )
    corpus = pd.DataFrame({"doc_id": ["d"], "text": [text]})
    items, lists = dm.find_demands(corpus, rules=path)
    assert set(items["rule"]) == {"list_after_demand_header"}
    assert items["category"].tolist() == ["water", "water"]
    assert lists["header"].tolist() == ["Резолюция митинга"]
    # A rules file with categories only keeps the package's header words.
    only_categories = tmp_path / "categories.toml"
    only_categories.write_text('[[category]]\nid = "water"\nstrong = ["вода"]\n', encoding="utf-8")
    got = dm.demands(helpers.load_corpus(), rules=only_categories)
    assert len(got) == 26


def test_sub_item_without_rule_words_takes_parent_category():
    text = (
        "Наши требования:\n\n1. Прекратить преследование профсоюзных активистов:\n"
        "-вернуть паспорта.\n"
    )
    got = dm.demands_in_text(text)
    assert got["item"].tolist() == ["1", "1.1"]
    assert got["category"].tolist() == ["repression", "repression"]
    assert got["category_evidence"].iloc[1] == "(from item 1)"


# --------------------------------------------------------------------------- robustness and display


def test_bad_document_is_skipped_with_a_named_warning():
    corpus = pd.DataFrame(
        {
            "doc_id": ["ok", "broken"],
            "text": ["Мы требуем:\n- Повысить зарплату;\n- Вернуть уволенных.", None],
        }
    )
    with pytest.warns(dm.DemandWarning, match="broken"):
        got = dm.demands(corpus)
    assert got["doc_id"].tolist() == ["ok", "ok"]


def test_empty_and_demandless_corpora():
    empty = dm.demands(pd.DataFrame({"doc_id": [], "text": []}))
    assert list(empty.columns) == dm.COLUMNS and empty.empty
    assert dm.demands_in_text("Обычная новость без требований. Погода хорошая.").empty
    with pytest.raises(ValueError, match="text"):
        dm.demands(pd.DataFrame({"doc_id": ["x"]}))


_ALPHABET = st.sampled_from(
    [
        *"абвгдеёжзийклмнопрстуфхцчшщыэюя АБВНПТ",
        "\n",
        "\n\n",
        "1.",
        "2)",
        "-",
        "—",
        "•",
        "* ",
        ":",
        ";",
        "!",
        ".",
        "«",
        "»",
        "требуем",
        "Требования:",
        "Долой ",
        "лозунги:",
        "Участники:",
    ]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_ALPHABET, max_size=80).map("".join))
def test_any_text_gives_consistent_rows(text):
    with warnings.catch_warnings():
        warnings.simplefilter("error", dm.DemandWarning)  # a crash inside would surface here
        got = dm.demands_in_text(text)
    for row in got.itertuples():
        assert text[row.start : row.stop] == row.text
        assert row.text.strip() == row.text and row.text


def test_nested_table_indents_sub_items(seed_items):
    table = figs.nested_table(seed_items, SEED_2)
    first = table[table["item"].str.strip() == "1.1"].iloc[0]
    assert first["text"].startswith("\u2003\u2003закрыть")
    assert table["text"].str.len().max() <= 90 + 4
    # Without a doc_id: the document with the most items.
    assert figs.nested_table(seed_items)["text"].iloc[0].startswith("Прекратить репрессии")


def test_summaries_count_taken_and_refused(seeds, seed_items):
    lists = dm.demand_lists(seeds)
    summary = figs.rule_summary(seed_items, lists)
    assert summary.loc["list_after_demand_header", "items"] == 18
    assert summary.loc["closing_slogan", "items"] == 4
    assert summary.loc["refused: header names participants", "lists"] == 1
    assert summary["items"].sum() == len(seed_items)
    assert figs.refused_lists(lists)["example header"].tolist() == ["Участники пикета"]


def test_figures_return_the_data_they_draw(seed_items):
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    fig, data = figs.category_figure(seed_items)
    assert data["total"].sum() == len(seed_items)
    assert data.loc["union_rights", "mass_mobilization"] == "labor wage dispute"
    plt.close(fig)
    fig, data = figs.form_category_figure(seed_items)
    assert data.to_numpy().sum() == len(seed_items)
    plt.close(fig)
    fig, data = figs.actions_figure(seed_items, top=5)
    assert data["action"].iloc[0] == "прекратить" and len(data) == 5
    plt.close(fig)


def test_structure_figure_draws_every_item_of_the_richest_list(seed_items):
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    assert figs.pick_structured_list(seed_items) == (SEED_2, 1)
    fig, data = figs.structure_figure(seed_items)
    assert len(data) == 18
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert sum(t.replace("\n", " ").startswith("Прекратить") for t in texts) == 3
    assert "3.4" in texts
    assert max(len(line) for t in texts for line in t.split("\n")) <= 75
    plt.close(fig)


def test_one_pass_gives_own_and_reported_demands(seeds, texts):
    # Reported demands are numbered after the text's own lists: splitting them off
    # gives exactly what reported=False gives, so notebook 04 parses the corpus once.
    for corpus in (seeds, texts):
        own, own_lists = dm.find_demands(corpus)
        items, lists, reported = dm.split_reported(*dm.find_demands(corpus, reported=True))
        pd.testing.assert_frame_equal(items, own)
        pd.testing.assert_frame_equal(lists, own_lists)
        assert set(reported["rule"]) == {"reported_demand"}
    assert len(dm.split_reported(*dm.find_demands(seeds, reported=True))[2]) == 1


@pytest.mark.parametrize(
    ("text", "action"),
    [
        # The project lemmatizer's overrides: «Жанарту» is an indeclinable union name.
        ("Да – Жанарту!", "жанарту"),
        # Its lemmas keep «ё», as notebook 02's do.
        ("Нет ёлкам!", "ёлка"),
    ],
)
def test_actions_are_the_shared_lemmatizers_lemmas(text, action):
    from helpers.nlp.lemmatizer import get_lemmatizer

    assert coding.classify_form(text)[1] == action
    assert get_lemmatizer().lemma(text.split()[-1].strip("!")) == action


def test_action_labels_capitalise_proper_names():
    items = dm.demands_in_text(
        "Лозунги:\n- Долой Назарбаева!\n- Нет – войне!\n- Долой НАЗАРБАЕВА!\n"
    )
    assert set(items["action"]) == {"назарбаев", "война"}
    assert figs.action_labels(items) == {"война": "война", "назарбаев": "Назарбаев"}
    # A capital at the start of an item or after a full stop is not a name.
    items = dm.demands_in_text("Лозунги:\n- Война войне!\n- Нет. Войне!\n")
    assert "Война" not in set(figs.action_labels(items).values())
    # A verb capitalised once inside an item but written in lower case elsewhere stays lower.
    items = dm.demands_in_text(
        "Требования:\n- прекратить репрессии;\n- прекратить давление;\n"
        "- требуем Прекратить преследование.\n"
    )
    assert figs.action_labels(items)["прекратить"] == "прекратить"


def test_figures_on_a_corpus_without_demands(tmp_path):
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    corpus = pd.DataFrame(
        {
            "doc_id": ["a", "b"],
            "text": [
                "В Алматы прошёл форум. Участники обсудили экономику.",
                "Погода в Астане хорошая. Завтра ожидается дождь.",
            ],
        }
    )
    items, lists = dm.find_demands(corpus)
    assert items.empty
    for draw in (
        figs.category_figure,
        figs.form_category_figure,
        figs.actions_figure,
        figs.structure_figure,
    ):
        fig, data = draw(items)
        assert data.empty
        shown = [t.get_text() for ax in fig.axes for t in ax.texts]
        assert shown == [figs.NO_DEMANDS]
        fig.savefig(tmp_path / "x.png")
        plt.close(fig)
    assert figs.rule_summary(items, lists).empty
    assert figs.largest_lists(items) == []
    assert figs.nested_table(items).empty
    assert figs.refused_lists(lists).empty


def test_figures_use_readable_category_labels(seed_items):
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    labels = figs.category_labels()
    fig, _ = figs.form_category_figure(seed_items)
    ticks = [t.get_text().replace("\n", " ") for t in fig.axes[0].get_yticklabels()]
    assert "union_rights" not in ticks and labels["union_rights"] in ticks
    plt.close(fig)
    fig, _ = figs.structure_figure(seed_items)
    legend = [t.get_text().replace("\n", " ") for t in fig.axes[0].get_legend().get_texts()]
    assert all(text in labels.values() for text in legend) and legend
    plt.close(fig)
