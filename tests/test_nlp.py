"""The language layer (helpers.nlp): one segmentation, one lemmatizer, shared by every table."""

from __future__ import annotations

import ast
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import helpers
from helpers import entities
from helpers.dates import referenced_dates
from helpers.demands import coding, find_demands
from helpers.entities.morph import normal_forms
from helpers.entities.ner import MAX_UNIT_CHARS, text_units
from helpers.nlp import segment
from helpers.nlp.lemmatizer import get_lemmatizer, morph_analyzer
from helpers.nlp.patterns import fold, fold_yo
from helpers.words import tokens

PACKAGE = Path(helpers.__file__).parent
#: Only the language layer may talk to these libraries.
LANGUAGE_LIBRARIES = ("pymorphy2", "pymorphy3", "razdel")
#: Calls that cut sentences or build an analyser: only in helpers.nlp.
LANGUAGE_CALLS = ("sentenize", "MorphAnalyzer")


def _modules_outside_nlp():
    for path in sorted(PACKAGE.rglob("*.py")):
        if "nlp" not in path.relative_to(PACKAGE).parts:
            yield path, ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def test_no_module_outside_the_language_layer_imports_pymorphy_or_razdel():
    offenders = []
    for path, tree in _modules_outside_nlp():
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            for name in names:
                if name.split(".")[0] in LANGUAGE_LIBRARIES:
                    offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno} imports {name}")
    assert not offenders, offenders
    # The check sees the package: the language layer itself does import them.
    nlp_sources = " ".join(p.read_text(encoding="utf-8") for p in (PACKAGE / "nlp").glob("*.py"))
    assert "import pymorphy3" in nlp_sources and "import razdel" in nlp_sources


def test_no_module_outside_the_language_layer_cuts_sentences_or_builds_an_analyser():
    offenders = [
        f"{path.relative_to(PACKAGE)}:{node.lineno} uses {name}"
        for path, tree in _modules_outside_nlp()
        for node in ast.walk(tree)
        for name in [getattr(node, "attr", None) or getattr(node, "id", None)]
        if isinstance(node, ast.Attribute | ast.Name) and name in LANGUAGE_CALLS
    ]
    assert not offenders, offenders


# --------------------------------------------------------------------------- segmentation

LETTER = (
    "Заявление Социалистического движения Казахстана.\n"
    "Рабочие вышли на площадь. Они требуют: 1) повысить зарплату; 2) вернуть уволенных.\n"
    "\n"
    "НАШИ ТРЕБОВАНИЯ:\n"
    "- Освободить Розу Тулетаеву!\n"
    "-прекратить репрессии в Жанаозене\n"
    "\n"
    "   Айнур Курманов\n"
)


def test_paragraphs_are_blank_line_blocks_and_list_items():
    units = [LETTER[a:b] for a, b in segment.paragraphs(LETTER)]
    assert units == [
        "Заявление Социалистического движения Казахстана.\n"
        "Рабочие вышли на площадь. Они требуют: 1) повысить зарплату; 2) вернуть уволенных.",
        "НАШИ ТРЕБОВАНИЯ:",
        "- Освободить Розу Тулетаеву!",
        "-прекратить репрессии в Жанаозене",
        "Айнур Курманов",
    ]


def test_sentences_end_at_line_breaks_and_full_stops_never_inside_an_enumeration():
    found = segment.sentences(LETTER)
    assert [LETTER[a:b] for _, a, b in found] == [
        "Заявление Социалистического движения Казахстана.",
        "Рабочие вышли на площадь.",
        "Они требуют: 1) повысить зарплату; 2) вернуть уволенных.",
        "НАШИ ТРЕБОВАНИЯ:",
        "- Освободить Розу Тулетаеву!",
        "-прекратить репрессии в Жанаозене",
        "Айнур Курманов",
    ]
    assert [para for para, _, _ in found] == [0, 0, 0, 1, 2, 3, 4]


def test_tokens_carry_the_ids_of_their_sentence_and_split_a_glued_dash():
    toks = list(segment.tokens(LETTER))
    assert all(LETTER[a:b].strip() == LETTER[a:b] != "" for _, _, a, b in toks)
    glued = next(t for t in toks if LETTER[t[2] : t[3]] == "прекратить")
    dash = toks[toks.index(glued) - 1]
    assert LETTER[dash[2] : dash[3]] == "-" and dash[:2] == glued[:2] == (3, 5)
    sents = segment.sentences(LETTER)
    for para, sent, a, b in toks:
        assert sents[sent][0] == para and sents[sent][1] <= a < b <= sents[sent][2]


def test_seed_sentences_nest_in_paragraphs(seeds):
    for text in seeds["text"]:
        units = segment.paragraphs(text)
        sents = segment.sentences(text)
        assert [p for p, _, _ in sents] == sorted(p for p, _, _ in sents)
        assert {p for p, _, _ in sents} == set(range(len(units)))
        for para, a, b in sents:
            assert units[para][0] <= a < b <= units[para][1]


def test_ner_units_are_the_paragraphs_and_long_ones_are_cut_at_shared_sentence_ends(seeds):
    text = seeds["text"].iloc[0]
    assert text_units(text) == segment.paragraphs(text)
    sentence = "Рабочие Жезказганского медеплавильного завода вышли на митинг протеста. "
    long = "Заголовок\n\n" + sentence * 80 + "\n\nКонец."
    units = text_units(long)
    assert len(units) > 3 and all(b - a <= MAX_UNIT_CHARS for a, b in units)
    ends = {b for _, _, b in segment.sentences(long)}
    assert all(b in ends for _, b in units)
    assert long[units[1][0] :].startswith("Рабочие")


# --------------------------------------------------------------------------- one id, every table


@pytest.fixture(scope="module")
def seeds():
    return helpers.load_corpus()


@pytest.fixture(scope="module")
def seed_tables(seeds):
    items, lists = find_demands(seeds, cache=False)
    return {
        "tokens": tokens(seeds, cache=False),
        "mentions": entities.mentions(seeds, cache=False),
        "dates": referenced_dates(seeds, cache=False),
        "demands": items,
        "demand_lists": lists,
    }


@pytest.mark.parametrize("name", ["mentions", "dates", "demands", "demand_lists"])
def test_every_span_table_joins_the_token_table_on_its_ids(seed_tables, name):
    toks = seed_tables["tokens"].astype({"doc_id": str})
    spans = seed_tables[name].astype({"doc_id": str})
    assert len(spans) > 0
    assert {"para", "sent"} <= set(spans.columns)
    # The token each span starts in: the last token starting at or before its start.
    found = pd.merge_asof(
        spans.sort_values("start")[["doc_id", "start", "stop", "para", "sent"]],
        toks.sort_values("start")[["doc_id", "start", "stop", "para", "sent"]].rename(
            columns={"start": "tok_start", "stop": "tok_stop"}
        ),
        left_on="start",
        right_on="tok_start",
        by="doc_id",
        suffixes=("", "_token"),
    )
    inside = (found["tok_start"] <= found["start"]) & (found["start"] < found["tok_stop"])
    assert inside.all(), found[~inside]
    assert (found["para"] == found["para_token"]).all()
    assert (found["sent"] == found["sent_token"]).all()
    # And the ids are the shared sentence table's.
    joined = spans.merge(segment.sentence_table(helpers.load_corpus(), cache=False), on="doc_id")
    hit = joined[(joined["start_y"] <= joined["start_x"]) & (joined["start_x"] < joined["stop_y"])]
    assert (hit["sent_x"] == hit["sent_y"]).all() and len(hit) == len(spans)


def test_mentions_in_one_sentence_are_counted_within_sentences(seed_tables):
    found = seed_tables["mentions"]
    edges = entities.cooccurrence(found, top=50, within="sentence")
    pairs = found.groupby(["doc_id", "sent"])["canonical"].nunique()
    assert (len(edges) > 0) == (pairs > 1).any()
    paragraph = entities.cooccurrence(found, top=50, within="paragraph")
    assert edges["weight"].sum() <= paragraph["weight"].sum()


def test_attach_ids_follows_the_start_offset_and_keeps_other_columns():
    corpus = pd.DataFrame({"doc_id": ["a"], "text": [LETTER]})
    start = LETTER.index("Освободить")
    spans = pd.DataFrame({"doc_id": ["a", "a"], "start": [0, start], "note": ["x", "y"]})
    out = segment.attach_ids(spans, corpus, cache=False)
    assert list(out.columns) == ["doc_id", "para", "sent", "start", "note"]
    assert out["para"].tolist() == [0, 2] and out["sent"].tolist() == [0, 4]
    para, sent = segment.locate(LETTER, [0, start])
    assert para.tolist() == [0, 2] and sent.tolist() == [0, 4]


# --------------------------------------------------------------------------- one lemmatizer


def test_a_place_in_the_rules_file_matches_its_inflected_form_in_a_text(tmp_path):
    rules_file = tmp_path / "rules.toml"
    rules_file.write_text(
        '[[category]]\nid = "zhanaozen"\nlabel = "Zhanaozen"\nstrong = ["Жанаозен"]\n',
        encoding="utf-8",
    )
    rules = coding.load_rules(rules_file)
    coded = coding.code_item("Наказать виновных в расстреле рабочих Жанаозена", rules)
    assert coded["category"] == "zhanaozen"
    assert coded["category_evidence"] == "Жанаозен"
    # pymorphy alone reads the two forms as two different words: the test can fail.
    morph = morph_analyzer()
    assert morph.parse("жанаозена")[0].normal_form != morph.parse("жанаозен")[0].normal_form


def test_demands_entities_and_tokens_give_one_lemma(seed_tables):
    toks = seed_tables["tokens"]
    forms = toks[toks["token"].astype(str).str.startswith("Жанаозен")]
    assert set(forms["token"].astype(str)) >= {"Жанаозен", "Жанаозена", "Жанаозене"}
    assert set(forms["lemma"].astype(str)) == {"жанаозен"}
    lemmatizer = get_lemmatizer()
    for form in forms["token"].astype(str).unique():
        assert coding.analyse(form).lemma == fold_yo(lemmatizer.lemma(form)) == "жанаозен"
        assert normal_forms(form, "LOC")[0] == "Жанаозен"
    # Where the lemmatizer found a stem it names the entity; where it only keeps a vowel-final
    # word as written (its "indeclinable" fallback), pymorphy's reading still comes first.
    assert normal_forms("Мармарисе", "LOC")[0] == "Мармарис"
    assert normal_forms("Росгвардии", "ORG")[0] == "Росгвардия"


def test_one_folding():
    assert fold_yo("Шахтёры ЁЛКИ") == "Шахтеры ЕЛКИ"
    assert fold("  Молодёжная   Организация ") == "молодежная организация"
    assert np.array_equal(
        tokens(pd.DataFrame({"doc_id": ["a"], "text": ["Шахтёры бастуют."]}), cache=False)
        .loc[lambda t: t["is_word"], "lemma"]
        .astype(str)
        .map(fold)
        .to_numpy(),
        np.array(["шахтер", "бастовать"], dtype=object),
    )


def test_a_letter_unicode_gives_no_name_never_breaks_the_language_layer():
    """pymorphy3 raises on «𗀀» (U+17000); every stage reads it as an unknown word instead."""
    import pandas as pd

    from helpers import dates, demands
    from helpers.nlp import lemmatizer

    word = "\U00017000"
    assert lemmatizer.parses(word)[0].tag.POS is None
    assert lemmatizer.get_lemmatizer().lemmatize(word)[0] == word
    text = f"Рабочие {word} проведут митинг 10 августа. Мы требуем: {word}!"
    corpus = pd.DataFrame({"doc_id": ["d"], "text": [text], "date": [pd.Timestamp("2019-08-06")]})
    found = dates.referenced_dates(corpus, cache=False)
    assert found["date"].tolist() == [pd.Timestamp("2019-08-10")]
    assert isinstance(demands.demands(corpus, cache=False), pd.DataFrame)
