"""Demands only where someone demands: reported «требовать», closing mottos, banners, decrees.

The texts are written for these tests in the manner of news wire copy, service
e-mail, essays, resolutions and leaflets; each rule is tested on a case it
must refuse and on one it must keep, so a rule that refused everything fails.
"""

from __future__ import annotations

import pandas as pd
import pytest

from helpers import demands as dm
from helpers.demands import voice


def _reported(text: str) -> list[str]:
    got = dm.demands_in_text(text, reported=True)
    return got[got["rule"] == "reported_demand"]["text"].tolist()


def _own(text: str) -> list[str]:
    return dm.demands_in_text(text)["text"].tolist()


@pytest.mark.parametrize(
    "text",
    [
        # Negated: nobody demands anything.
        "Новые правила [которые не требуют согласования с акиматом] вступят в силу в мае.",
        "Эти методы лечения не требуют хирургического вмешательства.",
        # Hypothetical.
        "Если бы зарплату не повысили, рабочие потребовали бы отставки директора.",
        # A thing «requires»: a service, a situation, a repair, a relative clause about things.
        "Здравствуйте! Сервис требует залогиниться повторно, чтобы подтвердить адрес.",
        "Ремонт дороги требует больших вложений из местного бюджета.",
        "Ситуация на границе требует немедленного вмешательства.",
        "Это механизмы регулирования, которые требуют полной отдачи сил.",
        "Состояние больного ухудшилось, что потребовало срочной госпитализации.",
    ],
)
def test_a_requirement_is_not_a_reported_demand(text):
    assert _reported(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Профсоюз потребовал повышения зарплаты на 30%.", ["повышения зарплаты на 30%"]),
        (
            "В Караганде шахтёры, которые требуют выплаты долгов, перекрыли дорогу.",
            ["выплаты долгов"],
        ),
        ("Жители посёлка требуют отремонтировать школу.", ["отремонтировать школу"]),
        # No subject in the clause: people are meant («В Казани потребовали …»).
        ("В Темиртау потребовали наказать виновных в аварии.", ["наказать виновных в аварии"]),
    ],
)  # fmt: skip
def test_someone_demanding_is_a_reported_demand(text, expected):
    assert _reported(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The subject follows the verb: the demand is what comes before it.
        (
            "Освобождения задержанных активистов потребовали правозащитники и депутаты.",
            ["Освобождения задержанных активистов"],
        ),
        (
            "Отменить штрафы для бастующих потребовали российские и мировые звезды шоу-бизнеса.",
            ["Отменить штрафы для бастующих"],
        ),
        # The subject after the demand is cut off.
        ("Эту сделку требуют признать незаконной акционеры завода.", ["признать незаконной"]),
        # An object in the accusative is not a subject.
        ("Рабочие требуют вернуть премии и надбавки.", ["вернуть премии и надбавки"]),
    ],
)
def test_the_item_is_what_is_demanded_not_who_demands(text, expected):
    assert _reported(text) == expected


def test_a_negated_inline_header_is_not_a_demand_list():
    assert _own("Она не требует ничего особенного: «Я просто хочу домой».") == []
    assert _own("Рабочие требуют: повышения зарплаты, возврата премий.") == [
        "повышения зарплаты",
        "возврата премий",
    ]


ESSAY = (
    "Я долго думал, стоит ли писать эти заметки. Отец всю жизнь проработал на комбинате и "
    "никогда не жаловался. Он говорил мне, что работа — это не только деньги.\n\n"
    "Теперь, когда завод закрывают, я часто вспоминаю его слова.\n\n"
    "Никогда не сдавайтесь!"
)
LEAFLET = (
    "Товарищи металлурги!\n\n"
    "Нам третий месяц не платят зарплату. Мы не можем больше ждать. Мы выходим на "
    "забастовку в понедельник.\n\n"
    "Поддержите бастующих!\n\n"
    "Никогда не сдавайтесь!"
)
APPEAL = (
    "Обращение к жителям Темиртау\n\n"
    "Третий месяц металлурги не получают зарплату. Руководство комбината молчит.\n\n"
    "Поддержите бастующих металлургов!"
)


def test_a_motto_closing_an_essay_is_not_a_slogan():
    assert _own(ESSAY) == []
    lists = dm.demand_lists(pd.DataFrame({"doc_id": ["essay"], "text": [ESSAY]}), progress=False)
    assert lists["rule"].str.contains("not a statement").tolist() == [True]


def test_a_motto_quoted_in_an_essay_is_not_a_slogan():
    text = (
        "Отец прожил трудную жизнь. Его девизом было «Делай что должен, и будь что будет!», "
        "и он повторял его до последних дней."
    )
    assert _own(text) == []
    protest = "На митинге у проходной рабочие выбрали девизом «Ни шагу назад!»."
    assert _own(protest) == ["Ни шагу назад!"]


def test_closing_slogans_count_in_statement_like_texts():
    assert voice.statement_like(LEAFLET) and voice.statement_like(APPEAL)
    assert not voice.statement_like(ESSAY)
    assert _own(LEAFLET) == ["Поддержите бастующих!", "Никогда не сдавайтесь!"]
    assert _own(APPEAL) == ["Поддержите бастующих металлургов!"]


def test_a_demand_formula_closing_any_text_is_a_slogan():
    essay = ESSAY.replace("Никогда не сдавайтесь!", "Свободу политзаключённым!")
    assert _own(essay) == ["Свободу политзаключённым!"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Болельщики встретили команду баннерами «Спасибо за сезон!» и «Верим в победу!».", []),
        ("Судья вышел из машины и кричал: «Я здесь закон!».", []),
        (
            "Участники митинга у акимата держали баннеры «Верните зарплату!».",
            ["Верните зарплату!"],
        ),
        ("Пенсионеры вышли к мэрии с плакатом «Верните пенсии!».", ["Верните пенсии!"]),
    ],
)
def test_quoted_slogans_need_a_protest_or_a_placard(text, expected):
    assert _own(text) == expected


def test_a_decree_is_not_a_demand_list_but_a_resolution_is():
    decree = (
        "В соответствии с Конституцией Республики Казахстан постановляю:\n\n"
        "1. Назначить Иванова Ивана Ивановича акимом области.\n\n"
        "2. Настоящий указ вводится в действие со дня подписания."
    )
    assert _own(decree) == []
    resolution = (
        "Собрание трудового коллектива постановило:\n\n"
        "1. Провести предупредительную забастовку.\n"
        "2. Избрать стачечный комитет."
    )
    assert _own(resolution) == [
        "Провести предупредительную забастовку.",
        "Избрать стачечный комитет.",
    ]


def test_a_headline_that_reports_a_demand_is_not_a_header():
    text = (
        "Похитители журналистов потребовали выкуп\n"
        "Антиправительственные выступления в столице.\n"
        "Посольство подтвердило факт похищения."
    )
    assert _own(text) == []
    assert _own("Наши требования\n- повысить зарплату;\n- вернуть уволенных.") == [
        "повысить зарплату",
        "вернуть уволенных.",
    ]
