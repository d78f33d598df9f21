"""Names on real-like news text: surname lemmas, span rules, roles, credits, corpus-wide grouping.

Sentences are written here in the style of Russian and Kazakh news agencies;
natasha's behaviour on them is asserted where a rule exists to fix it, so a
test fails if the model changes and the rule is no longer needed (or no
longer enough). A slice of NEREL (``../shared/eval/nerel``) is read when present.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from helpers import entities
from helpers.entities import group, rules
from helpers.entities.context import is_credit, role_before, verb_gender
from helpers.entities.morph import normal_forms
from helpers.entities.ner import ner_spans
from helpers.nlp.lemmatizer import get_lemmatizer
from helpers.tooling.nerel import body_of, find_nerel
from helpers.words.analysis import tokens


def corpus_of(**texts: str) -> pd.DataFrame:
    return pd.DataFrame({"doc_id": list(texts), "text": list(texts.values())})


def canonicals(text: str) -> dict[str, str]:
    """Each mention's written form -> its entity, for one text (later mentions win a tie)."""
    found = entities.mentions(corpus_of(a=text), cache=False)
    return dict(zip(found["text"], found["canonical"], strict=True))


def grouped(rows: list[tuple[str, str, str]]) -> dict[str, str]:
    """«name|doc_id» -> the name ``group_corpus`` shows, for (doc_id, canonical, type) rows."""
    frame = pd.DataFrame(rows, columns=["doc_id", "canonical", "type"])
    return dict(
        zip(frame["canonical"] + "|" + frame["doc_id"], group.group_corpus(frame), strict=True)
    )


def lemmas_of(text: str) -> list[tuple[str, str]]:
    table = tokens(corpus_of(a=text), cache=False)
    table = table[table["is_word"]]
    return list(zip(table["token"].astype(str), table["lemma"].astype(str), strict=True))


# ----------------------------------------------------------------------------- lemmas


def test_nominative_surname_keeps_the_surname_as_lemma():
    lemma = get_lemmatizer().lemma
    # pymorphy's first readings: токай, колобок, ахмет, серикбай (genitive plurals)
    assert {lemma(w) for w in ("Токаев", "Токаева", "Токаеву", "Токаевым")} == {"токаев"}
    assert lemma("Колобков") == "колобков"
    assert lemma("Ахметов") == "ахметов"
    assert lemma("Серикбаев") == "серикбаев"
    assert lemma("Путин") == "путин"
    assert lemma("колобков") == "колобок"  # in lower case it is the common word


def test_capital_at_sentence_start_is_no_evidence_of_a_name():
    found = lemmas_of(
        "Домов в посёлке не хватает. Президент Токаев подписал указ. "
        "Токаев прилетел в Актау, где Токаева встречали рабочие."
    )
    assert ("Домов", "дом") in found
    assert [lemma for word, lemma in found if word == "Токаев"] == ["токаев", "токаев"]


def test_womans_surname_after_a_womans_first_name():
    found = dict(lemmas_of("Депутат Анна Курманова выступила на сессии маслихата."))
    assert found["Курманова"] == "курманова"
    man = lemmas_of("Статья Айнура Курманова вышла вчера. Айнур Курманов ответил критикам.")
    assert {lemma for word, lemma in man if word.startswith("Курманов")} == {"курманов"}


def test_data_is_a_noun_unless_a_noun_follows():
    found = lemmas_of(
        "Данные опроса показали рост недовольства. По данным профсоюза, зарплату не платят. "
        "Данные обещания никто не выполнил."
    )
    nouns = [lemma for word, lemma in found if word.lower().startswith("данн")]
    assert nouns[:2] == ["данные", "данные"]
    assert nouns[2] != "данные"  # «данные обещания»: the participle agreeing with its noun


# ----------------------------------------------------------------------------- span rules


def spans_of(text: str, raw: list[tuple[str, str]]) -> list[tuple[str, str, str]]:
    """Run the rules on spans given as (text, type), found left to right in ``text``."""
    out, at = [], 0
    for piece, kind in raw:
        start = text.index(piece, at)
        out.append((start, start + len(piece), kind, 0))
        at = start + len(piece)
    return [(text[a:b], t, f) for a, b, t, _, f in rules.fix_spans(text, out)]


def test_short_names_natasha_finds_are_kept():
    text = "Лидеры G7 и G20 обсудили доклад S&P. Боевики ИГ отступили, пишет «Ъ»."
    kept = spans_of(text, [("G7", "ORG"), ("G20", "ORG"), ("S&P", "ORG"), ("ИГ", "ORG")])
    assert [s[0] for s in kept] == ["G7", "G20", "S&P", "ИГ"]
    assert spans_of("Подпись: Ю. Петров", [("Ю.", "PER")]) == []  # an initial alone
    assert [s[0] for s in spans_of("Газета «Ъ» пишет", [("Ъ", "ORG")])] == ["Ъ"]


def test_capitalised_sentence_start_is_cut_off_a_name():
    text = "Концерт прошёл. Музыканты Шевчук и Гребенщиков вышли. Оптимизм Чилингарова понятен."
    raw = [("Музыканты Шевчук", "PER"), ("Гребенщиков", "PER"), ("Оптимизм Чилингарова", "PER")]
    found = spans_of(text, raw)
    assert [(s[0], s[2]) for s in found] == [
        ("Шевчук", "lead"),
        ("Гребенщиков", ""),
        ("Чилингарова", "lead"),
    ]
    # A first name the dictionary lacks, in the nominative like the surname, stays.
    assert spans_of("Алмаз Сатпаев выступил.", [("Алмаз Сатпаев", "PER")])[0][0] == "Алмаз Сатпаев"
    # A title the dictionary knows only by its last part («агент») is cut too; a
    # hyphenated first name is not.
    press = spans_of(
        "Суд прошёл.\n\nПресс-агент Гибсона подтвердил это.", [("Пресс-агент Гибсона", "PER")]
    )
    assert [(s[0], s[2]) for s in press] == [("Гибсона", "lead")]
    jean = spans_of("Суд прошёл. Жан-Марк Эро подтвердил это.", [("Жан-Марк Эро", "PER")])
    assert [s[0] for s in jean] == ["Жан-Марк Эро"]


def test_natasha_misses_a_name_opening_a_paragraph_and_the_document_finds_it():
    text = (
        "Президент Украины Петр Порошенко прилетел в Брюссель.\n\n"
        "Порошенко договорился с партнёрами о новых санкциях."
    )
    raw = ner_spans([text])[0]
    assert [text[a:b] for a, b, *_ in raw if "Порошенко" in text[a:b]] == ["Петр Порошенко"]
    found = entities.mentions(corpus_of(a=text), cache=False)
    alone = found[found["text"] == "Порошенко"]
    assert list(alone["fixed_by"]) == ["propagate"]
    assert list(alone["canonical"]) == ["Пётр Порошенко"]


def test_a_full_name_keeps_a_foreign_person_from_becoming_a_place():
    text = "Певица Уитни Хьюстон умерла в Лос-Анджелесе. Хьюстон было 48 лет."
    found = spans_of(text, [("Уитни Хьюстон", "PER"), ("Лос-Анджелесе", "LOC"), ("Хьюстон", "PER")])
    assert [(s[0], s[1]) for s in found] == [
        ("Уитни Хьюстон", "PER"),
        ("Лос-Анджелесе", "LOC"),
        ("Хьюстон", "PER"),
    ]


def test_institution_and_place_are_one_organisation():
    text = "Решение правительства России осудили власти Москвы."
    found = spans_of(text, [("России", "LOC"), ("Москвы", "LOC")])
    assert [(s[0], s[1], s[2]) for s in found] == [
        ("правительства России", "ORG", "institution"),
        ("власти Москвы", "ORG", "institution"),
    ]


# ----------------------------------------------------------------------------- roles, credits


def test_role_is_the_title_before_a_name():
    cases = {
        "Бывший президент США Барак Обама приехал.": ("Барак", "президент США"),
        "Заявил министр иностранных дел России Сергей Лавров.": (
            "Сергей",
            "министр иностранных дел России",
        ),
        "Аким области Ерлан Серикбаев встретился с рабочими.": ("Ерлан", "аким области"),
        "Он приехал с женой Мишель.": ("Мишель", "жена"),
        "Как сказал Путин, всё решено.": ("Путин", ""),
        "Музыканты Шевчук и Гребенщиков": ("Гребенщиков", ""),
    }
    for text, (name, role) in cases.items():
        assert role_before(text, text.index(name)) == role, text


def test_agency_credits_are_marked_and_left_out_of_charts():
    text = (
        "МОСКВА, 9 августа. /ТАСС/. Министр обороны Сергей Шойгу посетил Казахстан. "
        "Об этом сообщает РИА Новости.\n\nТАСС провёл пресс-конференцию."
    )
    assert is_credit(text, text.index("ТАСС"), text.index("ТАСС") + 4, "ORG")
    last = text.rindex("ТАСС")
    assert not is_credit(text, last, last + 4, "ORG")  # the agency as a subject of the news
    found = entities.mentions(corpus_of(a=text), cache=False)
    credits = found[found["is_credit"]]
    assert set(credits["text"]) >= {"ТАСС", "РИА Новости"}
    assert list(found.loc[found["text"] == "Сергей Шойгу", "role"]) == ["министр обороны"]
    table = entities.entity_table(found)
    assert "РИА Новости" not in set(table["canonical"])
    assert "РИА Новости" in set(entities.entity_table(found, credits=True)["canonical"])


# ----------------------------------------------------------------------------- grouping


def test_normal_forms_keep_the_name():
    assert normal_forms("Высшей школы экономики", "ORG")[0] == "Высшая школа экономики"
    assert normal_forms("Кевина Спейси", "PER")[0] == "Кевин Спейси"
    assert normal_forms("Жанны Фриске", "PER")[0] == "Жанна Фриске"
    assert normal_forms("Сергея Скрипаля", "PER")[0] == "Сергей Скрипаль"


def test_mentions_group_across_documents():
    out = grouped(
        [
            ("a", "Владимир Путин", "PER"),
            ("b", "Путин", "PER"),
            ("c", "В. Путин", "PER"),
            ("d", "Владимир Владимирович Путин", "PER"),
            ("e", "Владимир Владимирович", "PER"),
            ("a", "Фидель Кастро", "PER"),
            ("b", "Рауль Кастро", "PER"),
            ("c", "Кастро", "PER"),
            ("a", "ТНК-BP", "ORG"),
            ("b", "ТНК-ВР", "ORG"),
            ("b", "ТНК-ВР", "ORG"),
            ("c", "BMW", "ORG"),
        ]
    )
    assert {out[k] for k in ("Путин|b", "В. Путин|c", "Владимир Владимирович Путин|d")} == {
        "Владимир Путин"
    }
    assert out["Владимир Владимирович|e"] == "Владимир Путин"
    assert out["Кастро|c"] == "Кастро"  # two people of that surname: not joined
    assert out["ТНК-BP|a"] == out["ТНК-ВР|b"] == "ТНК-ВР"
    assert out["BMW|c"] == "BMW"


def test_aliases_and_a_short_organisation_name_within_a_document():
    text = (
        "Минобороны России сообщило об учениях. Позже Минобороны уточнило данные. "
        "Депутаты Госдумы РФ и власти РФ ответили."
    )
    found = entities.mentions(corpus_of(a=text), cache=False)
    names = dict(zip(found["text"], found["canonical"], strict=False))
    assert names["Минобороны"] == "Минобороны России"
    assert names["Госдумы РФ"] == "Госдума"


# ----------------------------------------------------------------------------- NEREL slice

NEREL = find_nerel()


@pytest.mark.skipif(NEREL is None, reason="NEREL not found beside the project")
def test_rules_do_not_lose_natashas_spans_on_a_nerel_slice():
    """On 12 real articles the pipeline finds at least the exact gold spans natasha's NER does."""
    from helpers.tooling.baseline import natasha_mentions

    files = sorted((NEREL / "corpus").glob("*.txt"))[:12]
    texts = {path.stem: body_of(path) for path in files}
    gold = set()
    with (NEREL / "gold.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row["doc_id"] in texts and row["type"]:
                gold.add((row["doc_id"], row["start"], row["stop"], row["type"]))
    corpus = corpus_of(**texts)
    ours = entities.mentions(corpus, cache=False)
    plain = natasha_mentions(corpus)

    def hits(frame):
        keys = set(zip(frame["doc_id"], frame["start"], frame["stop"], frame["type"], strict=True))
        return len(keys & gold)

    assert hits(ours) >= hits(plain) > 50


def test_b_cubed_of_the_nerel_benchmark():
    import importlib.util

    script = Path(__file__).parents[1] / "benchmarks" / "eval_entities_nerel.py"
    spec = importlib.util.spec_from_file_location("eval_entities_nerel", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    perfect = module.b_cubed(["Q1", "Q1", "Q2"], ["a", "a", "b"])
    assert perfect["F1"] == pytest.approx(1.0)
    split = module.b_cubed(["Q1", "Q1", "Q2"], ["a", "b", "b"])
    assert split["P"] == pytest.approx(2 / 3) and split["R"] == pytest.approx(2 / 3)
    assert module.stripped("«Ъ» пишет", 0, 3) == (1, 2)


def test_a_declined_foreign_surname_joins_the_full_name_of_the_document():
    # pymorphy cannot tell «Джаггера» from a nominative: the full name in the text settles it.
    assert normal_forms("Джаггера", "PER") == ["Джаггера"]
    text = (
        "Мик Джаггер выступил в Лондоне в субботу. На концерт Джаггера пришли "
        "тысячи зрителей, сообщает агентство."
    )
    # Another text names another Джаггер in full: the corpus alone cannot decide.
    other = "Бьянка Джаггер приехала в Париж на показ мод."
    found = entities.mentions(corpus_of(a=text, b=other), cache=False)
    names = dict(zip(found["text"], found["canonical"], strict=False))
    assert names["Джаггера"] == "Мик Джаггер"
    assert group.case_form_of("спектеру", "спектер")
    assert group.case_form_of("манделе", "мандела")
    assert not group.case_form_of("спектер", "спектер")
    assert not group.case_form_of("спектерович", "спектер")
    full = {"кастро": {"Фидель Кастро", "Рауль Кастро"}}
    assert group._declined_match("Кастро", full) is None  # not a case form
    assert group._declined_match("Кастры", full) is None  # two people: left alone


def test_lone_declined_surname_and_acronyms_group_across_documents():
    out = grouped(
        [
            ("a", "Арлен Спектер", "PER"),
            ("b", "Спектеру", "PER"),
            ("a", "Ларри Пейдж", "PER"),
            ("b", "Ларри Пейдж", "PER"),
            ("c", "Ларри Пейджу", "PER"),
            ("c", "Сергей Брину", "PER"),
            ("d", "Сергей Брин", "PER"),
            ("a", "НХЛ", "ORG"),
            ("a", "Национальная хоккейная лига", "ORG"),
            ("b", "НХЛ", "ORG"),
            ("c", "НХЛ", "ORG"),
            ("d", "Национальная хоккейная лига", "ORG"),
            ("c", "Следственный комитет России", "ORG"),
            ("c", "Россия", "LOC"),
            ("c", "СК", "ORG"),
            ("e", "СК", "ORG"),
            ("f", "ЕС", "ORG"),
            ("f", "Европейский союз", "ORG"),
            ("g", "ЕС", "ORG"),
            ("g", "Единая система", "ORG"),
        ]
    )
    assert out["Спектеру|b"] == "Арлен Спектер"
    assert out["Ларри Пейджу|c"] == "Ларри Пейдж"
    assert out["Сергей Брину|c"] == "Сергей Брин"  # «у»: a dative, never a nominative
    assert out["Национальная хоккейная лига|d"] == out["НХЛ|b"] == "НХЛ"
    # «России» at the end is a place of the text, so «СК» abbreviates the committee
    assert out["Следственный комитет России|c"] == out["СК|e"] == "СК"  # СК is written more
    # «ЕС» expands to two different names in two texts: no corpus-wide join,
    assert out["ЕС|g"] == "Единая система"  # in each text, the name it spells out
    assert out["ЕС|f"] == "Европейский союз"
    assert out["Европейский союз|f"] == "Европейский союз"


# ----------------------------------------------------------------------------- grouping rules


def test_a_name_with_its_original_in_brackets_is_two_mentions_of_one_entity():
    text = (
        "Основатель антивирусной компании Джон Макафи (John McAfee) заявил, что покинул "
        "Белиз. По словам Макафи, полиция преследует его. Расследование ведёт Фонд борьбы "
        "с коррупцией (ФБК), сообщил источник."
    )
    # natasha tags each name with its bracket as one span
    raw = {text[a:b] for a, b, _, _ in ner_spans([text])[0]}
    assert "Джон Макафи (John McAfee)" in raw
    names = canonicals(text)
    assert names["Джон Макафи"] == names["John McAfee"] == names["Макафи"] == "Джон Макафи"
    assert names["ФБК"] == names["Фонд борьбы с коррупцией"]
    found = entities.mentions(corpus_of(a=text), cache=False)
    assert set(found.loc[found["text"] == "John McAfee", "fixed_by"]) == {"gloss"}
    # natasha stops inside the brackets: the name and its original are still two mentions
    owner = (
        "Суд признал бывшего владельца клуба «Бирмингем Сити» Карсона Ёнга (Carson Yeung, "
        "также в некоторых источниках — Карсон Юнг) виновным. Ёнг не признал вину."
    )
    assert "Карсона Ёнга (Carson Yeung" in {owner[a:b] for a, b, _, _ in ner_spans([owner])[0]}
    names = canonicals(owner)
    assert names["Карсона Ёнга"] == names["Carson Yeung"] == names["Ёнг"] == "Карсон Ёнг"
    # a branch in brackets is not another name of the organisation
    branch = "Резолюцию подписали: Рабочий фронт Украины (Киевская городская организация)."
    signed = entities.mentions(corpus_of(a=branch), cache=False)
    assert signed["canonical"].nunique() == len(signed) == 2
    # a place in brackets is where the first place lies, not another name of it
    place = "Взрыв прогремел в Бостоне (Массачусетс) в понедельник."
    places = entities.mentions(corpus_of(a=place), cache=False)
    assert len(set(places["canonical"])) == len(places) == 2


def test_one_person_in_a_document_under_several_spellings():
    text = (
        "Певица Жанна Фриске скончалась в понедельник. Жанне Фриске было 40 лет. "
        "Жанна Владимировна Фриске родилась в Москве. Поклонники простились с Жанной "
        "у театра.\n\nФигуристка Юлия Липницкая завершила карьеру. Юлия Вячеславовна "
        "поблагодарила тренеров.\n\nСтарший брат Марат Ахметов и младший Мурат Ахметов "
        "работают на шахте."
    )
    names = canonicals(text)
    for written in ("Жанне Фриске", "Жанна Владимировна Фриске", "Жанной"):
        assert names[written] == "Жанна Фриске", written
    assert names["Юлия Вячеславовна"] == "Юлия Липницкая"
    # two first names the dictionary knows are two people, however alike
    assert names["Марат Ахметов"] != names["Мурат Ахметов"]
    # brothers stay two people, and their surname alone stays unresolved
    family = "Александр Кличко и Алексей Кличко открыли кафе. Кличко рассказал о планах."
    people = entities.mentions(corpus_of(a=family), cache=False)
    assert people["canonical"].nunique() == 3


def test_a_womans_foreign_surname_is_not_declined():
    assert normal_forms("Анны Франк", "PER")[0] == "Анна Франк"
    assert normal_forms("Юлии Скрипаль", "PER")[0] == "Юлия Скрипаль"
    assert normal_forms("Мика Джаггера", "PER")[0] == "Мик Джаггер"


def test_spellings_of_one_foreign_name_group_across_documents():
    assert group.transliteration_variant("кэмерон", "камерон")
    assert group.transliteration_variant("мидлтон", "миддлтон")
    assert not group.transliteration_variant("петров", "петрова")  # a woman's surname
    assert not group.transliteration_variant("иванов", "ивашов")  # consonants differ
    out = grouped(
        [
            ("a", "Дэвид Кэмерон", "PER"),
            ("a", "Дэвид Кэмерон", "PER"),
            ("b", "Дэвид Камерон", "PER"),
            ("c", "Иван Петров", "PER"),
            ("c", "Иван Петрова", "PER"),
            ("d", "АКБ «Пересвет»", "ORG"),
            ("d", "АКБ «Пересвет»", "ORG"),
            ("e", "Пересвет", "ORG"),
            ("f", "Братья-мусульмане", "ORG"),
            ("g", "Братья мусульмане", "ORG"),
        ]
    )
    assert out["Дэвид Камерон|b"] == "Дэвид Кэмерон"
    assert out["Иван Петрова|c"] == "Иван Петрова"
    assert out["Пересвет|e"] == "АКБ «Пересвет»"
    assert out["Братья мусульмане|g"] == out["Братья-мусульмане|f"]


def test_an_organisation_is_named_with_its_country_spelled_out():
    text = (
        "Правительство РФ одобрило законопроект. Верховная рада Украины приняла закон в "
        "первом чтении. Позже Верховная рада отклонила поправки."
    )
    names = canonicals(text)
    assert names["Правительство РФ"] == "Правительство России"
    assert names["Верховная рада"] == "Верховная рада Украины"


def test_official_name_order_and_a_misspelt_surname_in_one_text():
    assert group.person_key("Сурков Владислав Юрьевич") == group.person_key(
        "Владислав Юрьевич Сурков"
    )
    assert group.person_key("Арсланов Айрат")[:2] == group.person_key("Айрат Арсланов")[:2]
    assert group.person_key("Мартин Куба")[:2] == ("мартин", "куба")  # Куба is no first name
    text = (
        "В матче за звание чемпиона мира Владимир Крамник обыграл Веселина Топалова. "
        "Краник выиграл со счётом 6,5:5,5. Топалов поздравил соперника."
    )
    names = canonicals(text)
    assert names["Краник"] == "Владимир Крамник"
    assert group._misspelt_match("Петрова", {"петров": {"Иван Петров"}}) is None
    frame = pd.DataFrame(
        [
            ("a", "Грызлов Борис Вячеславович", "PER"),
            ("b", "Борис Грызлов", "PER"),
            ("b", "Борис Грызлов", "PER"),
        ],
        columns=["doc_id", "canonical", "type"],
    )
    assert set(group.group_corpus(frame)) == {"Борис Грызлов"}


def test_state_forms_acronyms_and_latin_spellings_group_across_the_corpus():
    out = grouped(
        [
            ("a", "Республика Казахстан", "LOC"),
            ("b", "Казахстан", "LOC"),
            ("b", "Казахстан", "LOC"),
            ("c", "Форум стран - экспортеров газа", "ORG"),
            ("c", "ФСЭГ", "ORG"),
            ("d", "Чешская социал-демократическая партия", "ORG"),
            ("d", "ЧСДП", "ORG"),
            ("e", "Forbes", "ORG"),
            ("f", "Форбс", "ORG"),
            ("f", "Форбс", "ORG"),
            ("g", "Larry King", "PER"),
            ("h", "Ларри Кинг", "PER"),
            ("i", "Ford", "ORG"),  # two Cyrillic names sound alike: joins neither
            ("j", "Форд", "ORG"),
            ("k", "Фарад", "ORG"),
        ]
    )
    assert out["Республика Казахстан|a"] == "Казахстан"
    assert out["ФСЭГ|c"] == out["Форум стран - экспортеров газа|c"]
    assert out["ЧСДП|d"] == out["Чешская социал-демократическая партия|d"]
    assert out["Forbes|e"] == "Форбс"
    assert out["Larry King|g"] == "Ларри Кинг"
    assert out["Ford|i"] == "Ford"
    assert group.sound_skeleton("Microsoft") == group.sound_skeleton("Майкрософт")
    assert group.sound_skeleton("Associated Press") == group.sound_skeleton("Ассошиэйтед Пресс")
    names = pd.Series(["Скотленд-Ярд", "Скотленд-Ярд", "Скотланд-Ярд", "Судан", "Седан"])
    kinds = pd.Series(["ORG", "ORG", "ORG", "LOC", "LOC"])
    spelled = group._transliterated_names(names, kinds)
    assert spelled["Скотланд-Ярд"] == "Скотленд-Ярд"
    assert spelled["Седан"] == "Седан"  # both known to the dictionary: two places
    assert group.sound_skeleton("Fitch") != group.sound_skeleton("ФАТХ")


def test_an_adjective_glued_onto_a_surname_at_a_sentence_start_is_cut_off():
    text = "Суд в Гааге вынес приговор. Семидесятилетний Караджич выслушал его молча."
    found = entities.mentions(corpus_of(a=text), cache=False)
    texts = set(found.loc[found["type"] == "PER", "text"])
    assert "Караджич" in texts and "Семидесятилетний Караджич" not in texts
    # surname first: the adjective is the surname («Лихой Сергей Петрович», a list entry)
    listed = "Задержан. Лихой Сергей Петрович, 1960 года рождения."
    start = listed.index("Лихой")
    span = (start, listed.index(","), "PER", 0, "")
    assert rules._drop_lead(listed, span) == span
    # a common noun that may be a Kazakh first name stays («Канат», «Алмаз»)
    kept = "Канат Сатпаев выступил на митинге. Нурлан Сатпаев потребовал повысить зарплату."
    names = set(entities.mentions(corpus_of(a=kept), cache=False)["text"])
    assert {"Канат Сатпаев", "Нурлан Сатпаев"} <= names


def test_compound_abbreviations_and_countries_in_capitals():
    text = (
        "Совет безопасности России собрался в понедельник. Совбез обсудил ситуацию. "
        "Государственный совет Китая одобрил план; Госсовет опубликовал его. "
        "Палата представителей США приняла закон."
    )
    names = canonicals(text)
    assert names["Совбез"] == names["Совет безопасности России"]
    assert names["Госсовет"] == names["Государственный совет Китая"]
    assert names["Палата представителей США"] == "Палата представителей США"  # not «Сша»
    assert group._compounded("Газовая промышленность", "Москва", set()) is None


def test_other_spellings_of_a_person_join_across_the_corpus():
    assert group.case_form_of("буша-младшего", "буш-младший")
    assert not group.case_form_of("лукашенко-младший", "лукашенко-старший")
    assert group.transliteration_variant("джорджо", "джорджио")
    assert group.transliteration_variant("анжелина", "анджелина")
    out = grouped(
        [
            ("a", "Эдвард Сноуден", "PER"),
            ("b", "Эдварда Сноудену", "PER"),  # both words left in the dative
            ("c", "Пан Ги Мун", "PER"),
            ("c", "Пан Ги Мун", "PER"),
            ("d", "Пан Ги Муна", "PER"),  # «а» may be a woman's: joins the more frequent
            ("e", "Габриэль Гиффордс", "PER"),
            ("e", "Габриэль Гиффордс", "PER"),
            ("f", "Гэбриэль Гиффордс", "PER"),
            ("g", "Мигель Диас-Канель", "PER"),
            ("h", "Мигель Диас-Канель Бермудес", "PER"),
            ("i", "Джордж Буш-младший", "PER"),
            ("j", "Джордж Буша-младшего", "PER"),
            ("k", "Рафаэль Корреа", "PER"),
            ("l", "Рафаэль Корреа Эдвард Сноуден", "PER"),  # two names tagged as one
            ("m", "Сноуден", "PER"),
            ("n", "Анна Петрова", "PER"),  # a woman's nominative, not an oblique case
            ("o", "Анна Петров", "PER"),
        ]
    )
    assert out["Эдварда Сноудену|b"] == "Эдвард Сноуден"
    assert out["Пан Ги Муна|d"] == "Пан Ги Мун"
    assert out["Гэбриэль Гиффордс|f"] == "Габриэль Гиффордс"
    assert out["Мигель Диас-Канель Бермудес|h"] == "Мигель Диас-Канель"
    assert out["Джордж Буша-младшего|j"] == "Джордж Буш-младший"
    # the glued name's last word is not Корреа's surname: «Сноуден» alone is still Эдвард
    assert out["Сноуден|m"] == "Эдвард Сноуден"
    assert out["Анна Петрова|n"] == "Анна Петрова"


def test_one_abbreviation_for_the_offices_of_two_countries_joins_each_in_its_text():
    frame = pd.DataFrame(
        [
            ("a", "Генеральная прокуратура Казахстана", "ORG"),
            ("a", "Генпрокуратура", "ORG"),
            ("a", "Казахстан", "LOC"),
            ("b", "Генеральная прокуратура Украины", "ORG"),
            ("b", "Генпрокуратура", "ORG"),
            ("b", "Украина", "LOC"),
            ("c", "Генпрокуратура", "ORG"),  # no country in this text: left as written
        ],
        columns=["doc_id", "canonical", "type"],
    )
    out = list(group.group_corpus(frame))
    assert out[0] != out[3]  # two offices stay two
    assert out[1] == "Генеральная прокуратура Казахстана"
    assert out[4] == "Генеральная прокуратура Украины"
    assert out[6] == "Генпрокуратура"


def test_everyday_first_names_and_foreign_spellings_within_a_text():
    assert group.first_name_key("Юле") == group.first_name_key("Юлия") == "юлия"
    assert group.first_name_key("Саша") == "саша"  # a man's or a woman's: left as it is
    text = (
        "Футболист Дэвид Бекхэм приехал в Москву. Бэкхем встретился с болельщиками.\n\n"
        "Депутат Ирина Яровая внесла законопроект. Законопроект Ирины Яровой приняли."
    )
    names = canonicals(text)
    frame = pd.DataFrame(
        [
            ("a", "Мария Алехина", "PER"),
            ("a", "Мария Алехина", "PER"),
            ("b", "Маша Алехина", "PER"),
        ],
        columns=["doc_id", "canonical", "type"],
    )
    assert set(group.group_corpus(frame)) == {"Мария Алехина"}
    assert names["Бэкхем"] == "Дэвид Бекхэм"
    assert names["Ирины Яровой"] == names["Ирина Яровая"]
    across = pd.DataFrame(
        [("a", "Ирина Яровая", "PER"), ("b", "Ирина Ярова", "PER")],
        columns=["doc_id", "canonical", "type"],
    )
    assert set(group.group_corpus(across)) == {"Ирина Яровая"}


def test_a_particle_belongs_to_the_surname_and_a_surname_may_end_in_ovich():
    assert group._names("Роберт Де Ниро")[0] == ["Роберт", "Де Ниро"]
    assert group._names("Ван Ицзюнь")[0] == ["Ван", "Ицзюнь"]  # a Chinese surname, not «van»
    assert group._names("Бен Карнс")[0] == ["Бен", "Карнс"]  # a first name
    text = (
        "Актёр Роберт Де Ниро приехал в Канны. Де Ниро представил фильм.\n\n"
        "Владелец клуба Роман Абрамович продал его. Абрамович не комментирует сделку."
    )
    names = canonicals(text)
    assert names["Де Ниро"] == "Роберт Де Ниро"
    assert names["Абрамович"] == "Роман Абрамович"  # «Абрамович» alone: a surname, not a patronymic


def test_a_declined_foreign_surname_names_the_man_not_the_woman():
    text = (
        "Бард Юрий Визбор написал эту песню. Его дочь Варвара Визбор рассказала о нём. "
        "Песни Визбора поют до сих пор."
    )
    names = canonicals(text)
    assert names["Визбора"] == "Юрий Визбор"
    # two men of the surname: a declined form names neither
    brothers = "Юрий Визбор и Сергей Визбор выступили вместе. Песни Визбора поют до сих пор."
    both = entities.mentions(corpus_of(a=brothers), cache=False)
    assert dict(zip(both["text"], both["canonical"], strict=True))["Визбора"] == "Визбор"


#: (why, text, the surname alone as written, the entity it should join)
SHARED_SURNAMES = [
    (
        "the last named",
        "Бывший лидер Кубы Фидель Кастро передал власть в 2008 году. Его брат Рауль Кастро "
        "начал реформы. Кастро разрешил частный бизнес.",
        "Кастро",
        "Рауль Кастро",
    ),
    (
        "the verb's gender, whoever was named last",
        "Прокурор Джанет Рено родилась в Майами. Её брат Роберт Рено писал для газеты. "
        "Рено поступила на юридический факультет.",
        "Рено",
        "Джанет Рено",
    ),
    (
        "a declined form is a man's: the daughter, named last, is passed over",
        "Роман Абрамович купил клуб. Его сын Аркадий Абрамович играет в футбол. "
        "Дочь Лея Абрамович учится в Лондоне. Яхта Абрамовича стоит в порту.",
        "Абрамовича",
        "Аркадий Абрамович",
    ),
    (
        "past a paragraph break, the person the text is about",
        "Миллиардер Уоррен Баффет назвал преемника. Уоррен Баффет руководит компанией "
        "полвека.\n\nКонкретных имён Уоррен Баффет не назвал. Президентом, вероятно, станет "
        "его сын Говард Баффет.\n\nБаффет не скрывает своего удовольствия.",
        "Баффет",
        "Уоррен Баффет",
    ),
    (
        "in the same paragraph, the last named",
        "Миллиардер Уоррен Баффет назвал преемника. Уоррен Баффет руководит компанией "
        "полвека.\n\nКонкретных имён Уоррен Баффет не назвал. Президентом, вероятно, станет "
        "его сын Говард Баффет. Баффет не скрывает своего удовольствия.",
        "Баффет",
        "Говард Баффет",
    ),
    (
        "before any of them is named in full: unresolved",
        "Кастро выступил первым. Фидель Кастро и Рауль Кастро приехали позже.",
        "Кастро",
        "Кастро",
    ),
    (
        "both brothers named in one sentence: unresolved",
        "Аким области Ерлан Нургалиев и его брат Канат Нургалиев приехали. Нургалиев заявил.",
        "Нургалиев",
        "Нургалиев",
    ),
    (
        "a first name of unknown gender is not ruled out by the verb; the woman is",
        "Канат Ким приехал на завод. Его жена Ольга Ким работает там. Ким заявил, что рад.",
        "Ким",
        "Канат Ким",
    ),
    (
        "the verb after a time phrase is the name's",
        "Виктор Цой работает. Его жена Салтанат Цой в профсоюзе. Сын Артём Цой учится. "
        "Во вторник Цой заявила о забастовке.",
        "Цой",
        "Салтанат Цой",
    ),
    (
        "a role before the genitive of a name is not the person's own",
        "Виктор Ким бастует. Канат Ким тоже бастует. Жена Каната Кима рассказала о голодовке. "
        "Адвокат Кима подал жалобу.",
        "Кима",
        "Канат Ким",
    ),
    (
        "a quotation closing on «!» ends its sentence",
        "Виктор Ким сказал: «Мы не уйдём!» Канат Ким поддержал его. Ким добавил, что они правы.",
        "Ким",
        "Канат Ким",
    ),
    (
        "a headline without a full stop ends at the blank line",
        "Фидель Кастро передал власть брату\n\nРауль Кастро начал реформы. Кастро разрешил бизнес.",
        "Кастро",
        "Рауль Кастро",
    ),
    (
        "a name the dictionary lacks is a woman's by what the text says of her",
        "Виктор Ким работает на заводе. Его жена Салтанат Ким возглавляет профсоюз. "
        "Зарплату Кима урезали вдвое.",
        "Кима",
        "Виктор Ким",
    ),
    (
        "a list of signatories one per line names them all at once",
        "Обращение подписали:\nКанат Ермеков\nАйгуль Ермекова\nЖанна Ермекова\nЕрлан Ермеков\n"
        "Ермеков позже заявил, что рад.",
        "Ермеков",
        "Ермеков",
    ),
    (
        "an abbreviation does not end the sentence naming both",
        "Фидель Кастро (род. в 1926 г.) и Рауль Кастро приехали. Кастро выступил первым.",
        "Кастро",
        "Кастро",
    ),
    (
        "only people named before the surname count for the one the text is about",
        "Рабочий Канат Ахметов пришёл к акимату.\n\nАхметов рассказал о зарплате. Его брат "
        "Нурлан Ахметов согласен. Нурлан Ахметов молчит. Нурлан Ахметов ушёл.",
        "Ахметов",
        "Канат Ахметов",
    ),
]


@pytest.mark.parametrize(
    ("text", "written", "entity"),
    [case[1:] for case in SHARED_SURNAMES],
    ids=[case[0] for case in SHARED_SURNAMES],
)
def test_a_shared_surname_alone_is_the_person_last_named_who_fits(text, written, entity):
    assert canonicals(text)[written] == entity


def test_a_hyphenated_kazakh_first_name_opening_a_sentence_is_no_title():
    assert "Ак-Бота Серикова" in canonicals("Суд прошёл. Ак-Бота Серикова заявила о забастовке.")


def test_a_junior_or_senior_is_the_person_of_that_surname():
    text = (
        "Основатель IKEA Ингвар Кампрад умер в 91 год. Кампрад-старший основал компанию в "
        "1943 году. Состояние Кампрада-старшего оценивали в миллиарды."
    )
    names = canonicals(text)
    assert names["Кампрад-старший"] == names["Кампрада-старшего"] == "Ингвар Кампрад"
    # the suffix as written first; among two of the surname it names neither by recency
    bush = "Джордж Буш-старший и его сын Джордж Буш-младший приехали. Позже Буш-младший заявил."
    assert canonicals(bush)["Буш-младший"] == "Джордж Буш-младший"
    family = (
        "Ветеран Ерлан Нургалиев работал на шахте. Его сын Канат Нургалиев бастует. "
        "Нургалиев-старший поддержал сына."
    )
    assert canonicals(family)["Нургалиев-старший"] not in ("Канат Нургалиев", "Ерлан Нургалиев")


def test_the_verb_beside_a_name_gives_its_gender():
    def gender(text: str, name: str) -> str | None:
        at = text.index(name)
        return verb_gender(text, at, at + len(name))

    assert gender("Рено поступила в университет.", "Рено") == "femn"
    assert gender("«Мы рады», — заявил Кастро журналистам", "Кастро") == "masc"
    assert gender("Как заявил Кастро журналистам", "Кастро") == "masc"
    assert gender("В 1970-х годах Визбор заинтересовался кино", "Визбор") == "masc"
    assert gender("Рено, чей рост был большим", "Рено") is None  # a comma between
    assert gender("Рено\nпоступила в университет", "Рено") is None  # a line break between
    assert gender("Рено и Буш пришли", "Рено") is None  # not a verb beside it
    assert gender("Рено подписало контракт", "Рено") is None  # neuter: the carmaker
    # the name is not the verb's subject: the husband's verb, an object
    assert gender("Муж Соколенко заявил, что она невиновна", "Соколенко") is None
    assert gender("Суд оштрафовал Ким на 100 МРП", "Ким") is None
    # a noun before the name: a subject the name may depend on, or not
    assert gender("Аким Нургалиев заявил журналистам", "Нургалиев") == "masc"
    assert gender("Во вторник Цой заявила о забастовке", "Цой") == "femn"
    assert gender("Об этом заявила Ким.", "Ким") == "femn"


def test_a_first_name_gives_its_gender_where_the_dictionary_knows_it():
    assert group._gender("роман") == "masc"  # not «роман», the genitive plural of Романа
    assert group._gender("юлия") == "femn"  # not «юлия», the genitive of Юлий
    assert group._gender("лея") == "femn"  # not a name to the dictionary: by its ending
    assert group._gender("саша") is None  # a man's or a woman's
    # pymorphy guesses «Салтанат» a man's name from its ending; the guess is not used
    assert group._gender("салтанат") is None
    assert group._gender("канат") is None
