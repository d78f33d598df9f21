"""Tests for helpers.words and helpers.nlp.lemmatizer on the seeds and on small texts."""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import helpers
from helpers.context import one_line
from helpers.nlp import segment
from helpers.nlp.lemmatizer import (
    LEMMA_OVERRIDES_FILE,
    Lemmatizer,
    c_dawg_in_use,
    get_lemmatizer,
    is_abbreviation_shape,
    morph_analyzer,
)
from helpers.words import analysis as text


def make_corpus(*texts: str) -> pd.DataFrame:
    """A corpus frame as load_corpus returns it, with only the columns tokens() needs."""
    return pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": list(texts)})


@pytest.fixture(scope="module")
def corpus() -> pd.DataFrame:
    return helpers.load_corpus()


@pytest.fixture(scope="module")
def toks(corpus) -> pd.DataFrame:
    return text.tokens(corpus)


@pytest.fixture(scope="module")
def lemmatizer() -> Lemmatizer:
    return get_lemmatizer()


# --------------------------------------------------------------------------- tokens


def test_token_offsets_point_into_corpus_text(corpus, toks):
    assert list(toks.columns) == text.TOKEN_COLUMNS
    texts = dict(zip(corpus.doc_id, corpus.text, strict=True))
    for doc_id, start, stop, token in zip(
        toks.doc_id, toks.start, toks.stop, toks.token, strict=True
    ):
        assert texts[doc_id][start:stop] == token


def test_tokens_cover_every_non_space_character_in_order(corpus, toks):
    for doc_id, body in zip(corpus.doc_id, corpus.text, strict=True):
        doc = toks[toks.doc_id == doc_id]
        assert (doc.start.to_numpy()[1:] >= doc.stop.to_numpy()[:-1]).all()
        assert "".join(doc.token.astype(str)) == re.sub(r"\s+", "", body)
        assert doc.sent.is_monotonic_increasing


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Рабочие",
                "бастуют",
                "в",
                "Жанаозене",
                "СДК",
                "2011г.",
                "«Жанарту»",
                "-закрыть",
                "т.е.",
                "80%",
                "—",
                ",",
                ".",
                "!",
                " ",
                "  ",
                "\n",
                "\n\n",
                "ё",
                "Kaзахстан",
                "x-y",
            ]
        ),
        max_size=40,
    ).map(" ".join)
)
def test_offsets_hold_for_any_text(body):
    tk = text.tokens(make_corpus(body))
    for start, stop, token in zip(tk.start, tk.stop, tk.token, strict=True):
        assert body[start:stop] == token
    assert "".join(tk.token.astype(str)) == re.sub(r"\s+", "", body)


def test_sentences_break_at_line_ends(toks):
    # «РЕЗОЛЮЦИЯ» is a heading on its own line: razdel alone would glue it to the next line.
    row = toks[toks.token == "РЕЗОЛЮЦИЯ"].iloc[0]
    following = toks[(toks.doc_id == row.doc_id) & (toks.start > row.start)].iloc[0]
    assert following.token == "пикета"
    assert following.sent == row.sent + 1


def test_seed_names_get_their_dictionary_form(toks):
    lemma_of = dict(zip(toks.token.astype(str), toks.lemma.astype(str), strict=True))
    assert lemma_of["Жанаозене"] == "жанаозен"
    assert lemma_of["Жанаозен"] == "жанаозен"  # pymorphy alone: «жанаозный»
    assert lemma_of["Жанаозена"] == "жанаозен"  # pymorphy alone: «жанаозть»
    assert lemma_of["Назарбаева"] == "назарбаев"
    assert lemma_of["Казахмыса"] == "казахмыс"
    assert lemma_of["Жезказгана"] == "жезказган"
    assert lemma_of["Жезказгане"] == "жезказган"
    assert lemma_of["Курманова"] == "курманов"


@pytest.mark.parametrize(
    ("form", "lemma"),
    [
        # other inflected forms of the names
        ("Жанаозену", "жанаозен"),
        ("Жанаозеном", "жанаозен"),
        ("Назарбаевым", "назарбаев"),
        ("Казахмысом", "казахмыс"),
        # other Kazakh places and people
        ("Актобе", "актобе"),
        ("Шымкента", "шымкент"),
        ("Шымкенте", "шымкент"),
        ("Темиртау", "темиртау"),
        ("Курманова", "курманов"),
        ("Курмановым", "курманов"),
        ("Тулеуова", "тулеуов"),
        ("Тулеуовой", "тулеуов"),
        ("Сатпаева", "сатпаев"),
        ("Мангистауской", "мангистауский"),
        ("Костанае", "костанай"),
        # invented names: nothing can have been looked up
        ("Жаркамысе", "жаркамыс"),
        ("Сарыозека", "сарыозек"),
        ("Бериктасом", "бериктас"),
        ("Жусуповым", "жусупов"),
        # ordinary words are left to pymorphy
        ("рабочих", "рабочий"),
        ("требования", "требование"),
        ("забастовки", "забастовка"),
        ("Рабочие", "рабочий"),
        ("Киеве", "киев"),
    ],
)
def test_name_rule(lemmatizer, form, lemma):
    assert lemmatizer.lemma(form) == lemma


def test_name_fixes_come_from_the_rule_not_the_overrides(lemmatizer):
    rule_only = Lemmatizer(morph_analyzer(), overrides={})
    for form, lemma in [
        ("Жанаозене", "жанаозен"),
        ("Назарбаева", "назарбаев"),
        ("Казахмыса", "казахмыс"),
        ("Жезказгана", "жезказган"),
    ]:
        assert rule_only.lemma(form) == lemma
    assert lemmatizer.overrides  # the shipped file was read ...
    assert LEMMA_OVERRIDES_FILE.exists()
    for form in ["жанаозене", "назарбаева", "казахмыса", "жезказгана"]:
        assert form not in lemmatizer.overrides  # ... and does not list these


def test_overrides_apply_before_the_rule():
    custom = Lemmatizer(morph_analyzer(), overrides={"шетпе": "шетпе"})
    assert Lemmatizer(morph_analyzer(), overrides={}).lemma("Шетпе") != "шетпе"
    assert custom.lemma("Шетпе") == "шетпе"


def test_abbreviations_stay_one_lower_case_lemma(toks):
    # КРИ is only in the first seed's title, which is not part of `text`
    more = text.tokens(make_corpus("КРИ и СДК поддержали рабочих ЖМЗ; КРИ-шники тоже."))
    for table, abbrs in [(toks, ["СДК", "ЖМЗ", "ТС"]), (more, ["КРИ", "СДК", "ЖМЗ"])]:
        for abbr in abbrs:
            rows = table[table.token == abbr]
            assert len(rows) >= 1
            assert set(rows.lemma.astype(str)) == {abbr.lower()}
            assert set(rows.pos) == {"ABBR"}
            assert rows.is_word.all()


def test_all_caps_words_are_lemmatised_not_taken_for_abbreviations(toks):
    lemma_of = dict(zip(toks.token.astype(str), toks.lemma.astype(str), strict=True))
    assert lemma_of["ТРЕБОВАНИЯ"] == "требование"
    assert lemma_of["НАШИ"] == "наш"


def test_numbers_and_punctuation_are_not_words(toks):
    kinds = dict(zip(toks.token.astype(str), toks.pos.astype(str), strict=True))
    for token, pos in [("16.12.20011", "NUM"), ("80", "NUM"), ("%", "PUNCT"), ("«", "PUNCT")]:
        assert kinds[token] == pos
        assert not toks[toks.token == token].is_word.any()
    assert toks[toks.is_word].token.astype(str).str.contains(r"[^\W\d_]").all()


def test_dash_glued_to_a_list_item_is_split_off():
    body = "Требуем:\n-закрыть дела.\n- освободить активистов."
    tk = text.tokens(make_corpus(body))
    assert tk.token.astype(str).tolist()[:5] == ["Требуем", ":", "-", "закрыть", "дела"]
    assert tk.set_index("token").loc["закрыть", "is_word"]
    assert body[tk.start[3] : tk.stop[3]] == "закрыть"


def test_lemmas_are_computed_once_per_word_form():
    calls = []

    class CountingMorph:
        def __init__(self, morph):
            self.morph = morph

        def parse(self, word):
            calls.append(word)
            return self.morph.parse(word)

    counting = Lemmatizer(CountingMorph(morph_analyzer()), overrides={})
    body = "Рабочие бастуют. Рабочие бастуют. Рабочие требуют, рабочие бастуют!"
    tk = text.tokens(make_corpus(body, body), lemmatizer=counting)
    words = tk[tk.is_word]
    assert len(words) == 16
    assert sorted(calls) == sorted({"рабочие", "бастуют", "требуют"})


def test_pymorphy_uses_the_c_dawg_reader():
    import dawg

    morph = morph_analyzer()
    assert c_dawg_in_use(morph)
    assert isinstance(morph.dictionary.words, dawg.RecordDAWG)
    assert morph_analyzer() is morph  # built once


def test_missing_text_is_reported_and_skipped():
    corpus = pd.DataFrame({"doc_id": ["bad", "good"], "text": [None, "Рабочие бастуют."]})
    with pytest.warns(text.TextWarning, match="bad: text is missing; no tokens for it"):
        tk = text.tokens(corpus)
    assert set(tk.doc_id) == {"good"}
    assert len(text.tokens(make_corpus())) == 0


def test_a_document_that_breaks_the_segmenter_is_reported_and_skipped(monkeypatch):
    real = segment.tokens

    def fragile(body):
        if "сломать" in body:
            raise RuntimeError("boom")
        return real(body)

    monkeypatch.setattr(segment, "tokens", fragile)
    corpus = make_corpus("Рабочие бастуют.", "сломать всё", "Требования рабочих.")
    # cache=False: a monkeypatched tokeniser must not write to (or read from) the cache
    with pytest.warns(text.TextWarning, match="d1: tokens could not be read"):
        tk = text.tokens(corpus, cache=False)
    assert list(tk.doc_id.unique()) == ["d0", "d2"]
    texts = dict(zip(corpus.doc_id, corpus.text, strict=True))
    rows = zip(tk.doc_id, tk.start, tk.stop, tk.token, strict=True)
    assert all(texts[d][a:b] == t for d, a, b, t in rows)


def test_tokens_need_doc_id_and_text():
    with pytest.raises(ValueError, match="missing"):
        text.tokens(pd.DataFrame({"body": ["x"]}))


# --------------------------------------------------------------------------- stopwords


def test_stopwords_are_filtered_on_lemmas(toks):
    stop = text.stopwords()
    words = toks[toks.is_word]
    assert (words.is_stop == words.lemma.astype(str).isin(stop)).all()
    assert not toks[~toks.is_word].is_stop.any()
    # «свои» is stopped because its lemma «свой» is on the project list
    assert toks[toks.token == "свои"].is_stop.all()
    assert not toks[toks.lemma == "рабочий"].is_stop.any()


def test_inflected_form_missing_from_the_lists_is_still_a_stopword():
    from stop_words import get_stop_words

    assert "могли" not in get_stop_words("russian")
    tk = text.tokens(make_corpus("Они могли бастовать."))
    assert tk.set_index("token").loc["могли", "is_stop"]
    assert not tk.set_index("token").loc["бастовать", "is_stop"]


def test_project_stoplist_adds_and_removes(tmp_path):
    file = tmp_path / "stop.txt"
    file.write_text("# comment\nзабастовка  # added\n!жизнь\n", encoding="utf-8")
    stop = text.stopwords(file)
    assert "забастовка" in stop
    assert "жизнь" not in stop
    assert "жизнь" in text.stopwords()  # the package list has it
    tk = text.tokens(make_corpus("Забастовки меняют жизнь."), stoplist=stop)
    assert tk.set_index("token").loc["Забастовки", "is_stop"]
    assert not tk.set_index("token").loc["жизнь", "is_stop"]


# --------------------------------------------------------------------------- frequencies


def test_frequencies_overall_and_per_document(toks):
    freq = text.frequencies(toks)
    content = toks[toks.is_word & ~toks.is_stop]
    expected = content.lemma.astype(str).value_counts()
    assert freq.set_index("lemma")["count"].to_dict() == expected.to_dict()
    n_words = int(toks.is_word.sum())
    top = freq.iloc[0]
    assert top.lemma == "рабочий"
    assert top.per_10k == pytest.approx(top["count"] * 10_000 / n_words)
    assert top.docs == 2
    assert (freq["count"].diff().dropna() <= 0).all()

    per_doc = text.frequencies(toks, by="doc_id", top=5)
    assert per_doc.groupby("doc_id").size().tolist() == [5, 5]
    first = per_doc[per_doc.doc_id == per_doc.doc_id.iloc[0]].iloc[0]
    doc_words = int(toks[(toks.doc_id == first.doc_id) & toks.is_word].shape[0])
    assert first.per_10k == pytest.approx(first["count"] * 10_000 / doc_words)


def test_frequencies_by_a_document_column():
    corpus = make_corpus("Забастовка и забастовка.", "Забастовка рабочих.", "Рабочие")
    corpus["date"] = pd.to_datetime(["2011-12-16", "2011-05-01", "2013-06-30"])
    tk = text.tokens(corpus)
    by_year = text.frequencies(tk, by="year", corpus=corpus)
    rows = {(r.year, r.lemma): r for r in by_year.itertuples()}
    assert rows[(2011, "забастовка")].count == 3
    assert rows[(2011, "забастовка")].per_10k == pytest.approx(3 * 10_000 / 5)  # 5 words in 2011
    assert rows[(2011, "забастовка")].docs == 2
    assert rows[(2013, "рабочий")].count == 1
    with pytest.raises(ValueError, match="author"):
        text.frequencies(tk, by="author", corpus=corpus)


# --------------------------------------------------------------------------- keyness


def hand_g2(a: int, b: int, n1: int, n2: int) -> float:
    """Dunning's G² for the 2×2 table, written out cell by cell."""
    n = n1 + n2
    observed = [a, b, n1 - a, n2 - b]
    expected = [n1 * (a + b) / n, n2 * (a + b) / n, n1 * (n - a - b) / n, n2 * (n - a - b) / n]
    return 2 * sum(o * math.log(o / e) for o, e in zip(observed, expected, strict=True) if o)


def test_keyness_on_a_constructed_corpus():
    target = "забастовка забастовка забастовка завод"  # 4 words
    reference = "завод завод завод завод нефтяник нефтяник"  # 6 words
    tk = text.tokens(make_corpus(target, reference))
    key = text.keyness(tk, "d0", min_freq=1).set_index("lemma")
    assert key.attrs["target_words"] == 4
    assert key.attrs["reference_words"] == 6

    strike = key.loc["забастовка"]
    assert strike.target_count == 3
    assert strike.reference_count == 0
    # O = 3, 0, 1, 6; E = 1.2, 1.8, 2.8, 4.2
    by_hand = 2 * (3 * math.log(3 / 1.2) + 1 * math.log(1 / 2.8) + 6 * math.log(6 / 4.2))
    assert by_hand == pytest.approx(7.7186, abs=1e-4)
    assert strike.g2 == pytest.approx(by_hand)
    assert strike.log_ratio == pytest.approx(math.log2((3 / 4) / (0.5 / 6)))  # zero taken as 0.5
    assert strike.p_value == pytest.approx(math.erfc(math.sqrt(by_hand / 2)))

    plant = key.loc["завод"]  # 1 of 4 against 4 of 6: under-used, so negative
    assert plant.g2 == pytest.approx(-hand_g2(1, 4, 4, 6))
    assert plant.log_ratio == pytest.approx(math.log2((1 / 4) / (4 / 6)))
    oil = key.loc["нефтяник"]  # 0 of 4 against 2 of 6: under-used, more strongly than завод
    assert oil.g2 == pytest.approx(-hand_g2(0, 2, 4, 6))
    assert -hand_g2(1, 4, 4, 6) > -hand_g2(0, 2, 4, 6)
    assert list(key.index) == ["забастовка", "завод", "нефтяник"]  # by G², highest first

    assert "забастовка" not in text.keyness(tk, "d0", min_freq=4).lemma.tolist()
    # the same comparison from the other side flips the sign
    flipped = text.keyness(tk, "d1", min_freq=1).set_index("lemma")
    assert flipped.loc["забастовка", "g2"] == pytest.approx(-by_hand)


def test_keyness_against_a_given_reference_and_masks():
    tk = text.tokens(
        make_corpus("забастовка забастовка завод", "завод завод", "нефтяник нефтяник забастовка")
    )
    key = text.keyness(tk, ["d0"], reference=["d1"], min_freq=1).set_index("lemma")
    assert "нефтяник" not in key.index  # d2 is in neither side
    assert key.loc["забастовка", "g2"] == pytest.approx(hand_g2(2, 0, 3, 2))
    mask = tk.doc_id.isin(["d0"])
    assert text.keyness(tk, mask, reference=tk.doc_id == "d1", min_freq=1).equals(
        text.keyness(tk, "d0", reference="d1", min_freq=1)
    )
    with pytest.raises(ValueError, match="disjoint"):
        text.keyness(tk, "d0", reference=["d0", "d1"])
    with pytest.raises(ValueError, match="no tokens for document"):
        text.keyness(tk, "nope")


def test_distinctive_agrees_with_keyness(toks):
    table = text.distinctive(toks, top=5, min_freq=2)
    assert table.groupby("doc_id").size().max() <= 5
    first = table.doc_id.iloc[0]
    key = text.keyness(toks, first, min_freq=1).set_index("lemma")
    for row in table[table.doc_id == first].itertuples():
        assert row.g2 > 0
        assert row.g2 == pytest.approx(key.loc[row.lemma, "g2"])
        assert row.log_ratio == pytest.approx(key.loc[row.lemma, "log_ratio"])
    assert table[table.doc_id == first]["rank"].tolist() == [1, 2, 3, 4, 5]


# --------------------------------------------------------------------------- collocations


def test_collocations_log_dice_and_floor():
    body = (
        "Рабочий контроль над заводом. Рабочего контроля требуют все. "
        "Под рабочим контролем! Рабочий, контроль. Рабочий класс. Рабочий класс. "
        "Контроль\nрабочий."
    )
    tk = text.tokens(make_corpus(body))
    coll = text.collocations(tk, min_count=2).set_index(["lemma1", "lemma2"])
    pair = coll.loc[("рабочий", "контроль")]
    # «Рабочий, контроль» (a comma between) and «Контроль\nрабочий» are not pairs
    assert pair["count"] == 3
    f_x = int((tk.lemma == "рабочий").sum())
    f_y = int((tk.lemma == "контроль").sum())
    assert (f_x, f_y) == (7, 5)
    assert pair.log_dice == pytest.approx(14 + math.log2(2 * 3 / (f_x + f_y)))
    assert pair.example in {"Рабочий контроль", "Рабочего контроля", "рабочим контролем"}
    assert coll.loc[("рабочий", "класс"), "count"] == 2
    assert ("рабочий", "класс") not in text.collocations(tk, min_count=3).set_index(
        ["lemma1", "lemma2"]
    ).index
    assert not coll.reset_index().isin({"lemma1": ["под"], "lemma2": ["под"]}).any().any()
    with_stop = text.collocations(tk, min_count=1, content_only=False)
    assert ((with_stop.lemma1 == "под") & (with_stop.lemma2 == "рабочий")).any()
    assert coll.log_dice.is_monotonic_decreasing


def test_collocations_on_the_seeds(toks):
    coll = text.collocations(toks, min_count=2)
    pairs = set(zip(coll.lemma1, coll.lemma2, strict=True))
    assert ("рабочий", "контроль") in pairs
    assert ("медеплавильный", "завод") in pairs
    assert (coll.log_dice <= 14).all()


# --------------------------------------------------------------------------- kwic


def test_kwic_finds_every_inflected_form(corpus, toks):
    lines = text.kwic(corpus, toks, "Рабочий", width=30)
    assert list(lines.columns) == ["left", "keyword", "right", "doc_id", "start", "stop"]
    assert len(lines) == int((toks.lemma == "рабочий").sum())
    forms = set(lines.keyword.str.lower())
    assert {"рабочих", "рабочим", "рабочие", "рабочий", "рабочего"} <= forms
    texts = dict(zip(corpus.doc_id, corpus.text, strict=True))
    for row in lines.itertuples():
        body = texts[row.doc_id]
        assert body[row.start : row.stop] == row.keyword
        assert len(row.left) <= 30
        assert len(row.right) <= 30
        assert "\n" not in row.left + row.right
        assert one_line(body[: row.start]).endswith(row.left.removeprefix("…"))
        assert one_line(body[row.stop :]).startswith(row.right.removesuffix("…"))
    assert lines[["doc_id", "start"]].equals(
        lines[["doc_id", "start"]].sort_values(["doc_id", "start"]).reset_index(drop=True)
    )


def test_kwic_several_lemmas_and_display(corpus, toks):
    lines = text.kwic(corpus, toks, ["требование", "забастовка"], limit=3)
    assert len(lines) == 3
    all_lines = text.kwic(corpus, toks, ["требование", "забастовка"])
    assert "ТРЕБОВАНИЯ" in set(all_lines.keyword)
    assert {"забастовки", "забастовкам"} <= set(all_lines.keyword.str.lower())
    html = text.show_kwic(lines).to_html()
    assert "text-align: right" in html
    assert text.kwic(corpus, toks, "несуществующее").empty
    # pymorphy3 spells the lemma «молодёжный»; the text and the query have «е»
    youth = text.kwic(corpus, toks, "молодежный")
    assert set(youth.keyword) == {"Молодежная", "молодежного"}


def test_statistics_handle_large_counts_without_overflow():
    g2, lr = text.log_likelihood(np.array([10_000]), np.array([0]), 10**9, 10**9)
    assert np.isfinite(g2).all() and np.isfinite(lr).all()


# --------------------------------------------------------------------------- labels and charts


def test_lemma_labels_capitalise_names_and_abbreviations(toks):
    labels = text.lemma_labels(toks)
    assert labels["жанаозен"] == "Жанаозен"
    assert labels["назарбаев"] == "Назарбаев"
    assert labels["сдк"] == "СДК"
    assert labels["сми"] == "СМИ"  # known to pymorphy, still written in capitals
    assert "рабочий" not in labels  # «Рабочие» opens sentences, «рабочих» is everywhere
    assert "требование" not in labels  # «НАШИ ТРЕБОВАНИЯ» is a heading, not a name
    assert "соединяться" not in labels  # a slogan in capitals


def test_one_definition_of_an_abbreviation_for_lemmas_and_labels():
    assert is_abbreviation_shape("ЕАЭС") and is_abbreviation_shape("сдк")
    assert is_abbreviation_shape("ВЛКСМ")  # five letters but no vowel
    assert not is_abbreviation_shape("НАРОД") and not is_abbreviation_shape("")
    # Five letters with a vowel, always in capitals: neither an ABBR lemma nor a capitals label,
    # while a four-letter one unknown to pymorphy is both.
    more = text.tokens(
        make_corpus(
            "Пришли ТАРЖУ и ЖУКЗ. Снова ТАРЖУ и ЖУКЗ. Опять ТАРЖУ и ЖУКЗ.",
            "Это ШМНПЗ, а не ШМНПЗ.",
        )
    )
    pos = dict(zip(more.token.astype(str), more.pos.astype(str), strict=False))
    assert pos["ЖУКЗ"] == "ABBR" and pos["ШМНПЗ"] == "ABBR" and pos["ТАРЖУ"] != "ABBR"
    labels = text.lemma_labels(more)
    assert labels.get("жукз") == "ЖУКЗ" and labels.get("шмнпз") == "ШМНПЗ"
    assert labels.get("таржу") != "ТАРЖУ"  # five letters: not printed as an abbreviation


def test_chart_helpers_return_the_data_they_draw(corpus, toks):
    import matplotlib.pyplot as plt

    from helpers.words import figures as text_figures

    assert text_figures.WORDCLOUD_FONT.exists()
    labels = text.lemma_labels(toks)
    freq = text.frequencies(toks)
    fig, data = text_figures.top_lemmas_figure(freq, n=10, labels=labels)
    assert data.lemma.tolist() == freq.lemma.head(10).tolist()
    assert "Жанаозен" in data.label.tolist()
    plt.close(fig)
    fig, data = text_figures.wordcloud_figure(freq, labels=labels, max_words=30)
    assert len(data) == 30
    plt.close(fig)
    table = text.distinctive(toks, top=5, min_freq=2)
    titles = text_figures.document_titles(corpus, corpus.doc_id)
    assert titles[corpus.doc_id[1]].endswith("(2013-12-18)")
    fig, data = text_figures.keyness_figure(table, titles=titles, labels=labels, n=5)
    assert len(fig.axes) == 2
    assert fig.axes[0].get_title().startswith("КРИ и СДК")
    plt.close(fig)
    fig, data = text_figures.collocations_figure(text.collocations(toks, min_count=2), n=5)
    assert len(data) == 5
    ax = fig.axes[0]
    counts = [t for t in ax.texts if t.get_text().endswith("×")]
    assert len(counts) == 5
    # the counts sit right of the axes, never on the dashed logDice = 14 line
    assert all(t.get_position()[0] > 1 for t in counts)
    plt.close(fig)


def test_keyness_panel_titles_wrap_and_untitled_documents_use_their_id():
    import matplotlib.pyplot as plt

    from helpers.words import figures as text_figures

    long_title = (
        "Казахстан: солидарность с рабочими Жезказганского медеплавильного завода "
        "и против закрытия предприятия корпорацией Казахмыс"
    )
    corpus = pd.DataFrame(
        {
            "doc_id": ["a", "b", "c"],
            "title": [long_title, float("nan"), "  "],
            "date": pd.to_datetime(["2013-06-30", "2013-12-18", None]),
        }
    )
    titles = text_figures.document_titles(corpus, ["a", "b", "c"])
    lines = titles["a"].split("\n")
    assert len(lines) == 2 and all(len(line) <= 44 for line in lines)
    assert lines[0].startswith("Казахстан: солидарность") and lines[-1].endswith("(2013-06-30)")
    assert titles["b"] == "b (2013-12-18)"  # not «nan»
    assert titles["c"] == "c"
    table = pd.DataFrame(
        {
            "doc_id": ["a", "b"],
            "rank": [1, 1],
            "lemma": ["медеплавильный", "жанаозен"],
            "g2": [12.0, 9.0],
            "log_ratio": [2.0, 4.0],
            "rest_per_10k": [1.0, 0.0],
        }
    )
    fig, _ = text_figures.keyness_figure(table, titles=titles, n=1)
    assert fig.axes[0].get_title() == titles["a"]
    assert fig.axes[1].get_title() == "b (2013-12-18)"
    # neighbouring titles do not run into each other
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    left, right = (ax.title.get_window_extent(renderer) for ax in fig.axes[:2])
    assert left.x1 < right.x0
    plt.close(fig)
