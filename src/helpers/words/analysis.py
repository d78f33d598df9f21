"""Words: one token table, and the corpus statistics read off it.

:func:`tokens` turns the corpus into one row per token, with offsets into the
``text`` column of :func:`helpers.load_corpus`, a lemma and a stopword flag.
Everything else here takes that table:

* :func:`frequencies`: counts and rates per 10,000 words, overall, per
  document or by any document column (``year``, ``author`` ...);
* :func:`keyness` and :func:`distinctive`: signed log-likelihood G² with the
  log-ratio effect size, one part of the corpus against another;
* :func:`collocations`: adjacent lemma pairs ranked by logDice;
* :func:`kwic`: concordance lines for every inflected form of a lemma.

Text is cut by the language layer's one segmentation (:mod:`helpers.nlp.segment`:
paragraphs and list items, sentences, razdel tokens; a line break always
ends a sentence, since list items and headings carry no full stop); lemmas
come from :mod:`helpers.nlp.lemmatizer` (pymorphy3 plus rules for Kazakh names),
computed once per distinct word form. Stopwords are filtered on lemmas, after
lemmatisation.
"""

from __future__ import annotations

import math
import re
import sys
import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from helpers.cache import cached_per_document, code_version, watched
from helpers.context import in_context
from helpers.display import styled
from helpers.nlp import segment
from helpers.nlp.lemmatizer import (
    Lemmatizer,
    contextual_lemmas,
    get_lemmatizer,
    is_abbreviation_shape,
    lemmatizer_version,
)
from helpers.nlp.patterns import WORD, fold
from helpers.paths import DATA_DIR
from helpers.runner import per_document

__all__ = [
    "STOPWORDS_FILE",
    "TextWarning",
    "collocations",
    "distinctive",
    "frequencies",
    "keyness",
    "kwic",
    "lemma_labels",
    "log_likelihood",
    "show_kwic",
    "stopwords",
    "tokens",
]

#: The project stoplist users edit (lemmas; ``!word`` removes a package stopword).
STOPWORDS_FILE = DATA_DIR / "stopwords_project.txt"
#: Rates are given per this many words.
PER = 10_000

COLLOCATION_COLUMNS = [
    "lemma1",
    "lemma2",
    "count",
    "lemma1_count",
    "lemma2_count",
    "log_dice",
    "example",
]
TOKEN_COLUMNS = [
    "doc_id",
    "para",
    "sent",
    "start",
    "stop",
    "token",
    "lemma",
    "pos",
    "is_word",
    "is_stop",
]

_PUNCT = re.compile(r"[\W_]+")


class TextWarning(UserWarning):
    """A document could not be tokenised as it is (it is skipped or read as empty)."""


# --------------------------------------------------------------------------- stopwords


def stopwords(path: str | Path | None = None) -> frozenset[str]:
    """The stoplist: the stop-words package's Russian list plus the project file.

    The project file (:data:`STOPWORDS_FILE` unless ``path`` is given) lists
    lemmas, one or more a line; ``#`` starts a comment; a word written
    ``!word`` is taken off the package list. The file is checked on every
    call and read again when its content changed, so an edit shows on the
    next :func:`tokens` run.
    """
    file = Path(path) if path is not None else STOPWORDS_FILE
    return watched(file, _parse_stoplist)[0]


def _parse_stoplist(data: bytes, file: Path) -> frozenset[str]:
    """The package list with the project file's additions and removals applied."""
    from stop_words import get_stop_words

    words = {w.lower() for w in get_stop_words("russian")}
    for line in data.decode("utf-8").splitlines():
        for word in line.split("#", 1)[0].split():
            if word.startswith("!"):
                words.discard(word[1:].lower())
            else:
                words.add(word.lower())
    return frozenset(words)


# --------------------------------------------------------------------------- tokens


def _classify_form(form: str) -> str | None:
    """Part of speech for a non-word token (``None`` when it is a word)."""
    if WORD.fullmatch(form):
        return None
    if any(ch.isdigit() for ch in form):
        return "NUM"
    if _PUNCT.fullmatch(form):
        return "PUNCT"
    return "SYM"


def tokens(
    corpus: pd.DataFrame,
    *,
    lemmatizer: Lemmatizer | None = None,
    stoplist: Iterable[str] | None = None,
    progress: bool | None = None,
    cache: bool = True,
) -> pd.DataFrame:
    """One row per token of every document in ``corpus``.

    Columns: ``doc_id``, ``para`` and ``sent`` (paragraph or list item, and
    sentence, numbered within the document from 0: the ids of
    :mod:`helpers.nlp.segment` that mentions, dates and demands carry too),
    ``start``, ``stop`` (``text[start:stop] == token``), ``token`` (as
    written), ``lemma`` (lower case), ``pos`` (pymorphy3's part of speech;
    ``ABBR``, ``LATN``, ``LETTER`` for abbreviations, Latin words and single
    letters; ``NUM``, ``PUNCT``, ``SYM`` for non-words), ``is_word`` (letters,
    maybe hyphenated: numbers and punctuation are not words) and ``is_stop``
    (a word whose lemma is on :func:`stopwords`, or on ``stoplist`` if given).

    ``doc_id``, ``token``, ``lemma`` and ``pos`` are categorical: a corpus of
    millions of tokens has only tens of thousands of distinct forms, and each
    distinct form is lemmatised once. A document whose text is missing or
    cannot be segmented is reported with a :class:`TextWarning` naming it and
    contributes no tokens; the other documents are unaffected. ``progress``
    shows a progress bar (default: for 2,000 documents or more).

    Tokens and lemmas are cached per document (keyed by the text's hash,
    this module's and the lemmatizer's code and the overrides it applies; see
    :mod:`helpers.cache`), so a rerun tokenises only new or edited
    documents; ``cache=False`` (or a custom ``lemmatizer``) skips the cache.
    Stopwords are applied after the cache, so editing the stoplist needs no
    recomputation.
    """
    missing = {"doc_id", "text"} - set(corpus.columns)
    if missing:
        raise ValueError(f"corpus needs columns doc_id and text; missing {sorted(missing)}")
    stop = frozenset(stoplist) if stoplist is not None else stopwords()
    use_cache = cache and lemmatizer is None
    # One lemmatizer for the whole call, and the cache key taken from it (its overrides).
    used = lemmatizer or get_lemmatizer()

    def compute(documents: pd.DataFrame) -> pd.DataFrame:
        return _lemmatized_tokens(documents, used, progress)

    version = code_version(sys.modules[__name__], segment)
    table = cached_per_document(
        corpus,
        compute,
        stage="tokens",
        version=version,
        config=(lemmatizer_version(used),),
        cache=use_cache,
    )
    # Categories in corpus order (set at category level: the table has millions of rows).
    order = pd.Index(corpus["doc_id"].astype(str), dtype=object)
    doc_ids = table["doc_id"]
    if not isinstance(doc_ids.dtype, pd.CategoricalDtype):
        doc_ids = doc_ids.astype("category")
    doc_ids = doc_ids.cat.rename_categories(doc_ids.cat.categories.astype(str).astype(object))
    table["doc_id"] = doc_ids.cat.set_categories(order)
    lemma_stop = table["lemma"].cat.categories.isin(list(stop))
    table["is_stop"] = table["is_word"].to_numpy() & lemma_stop[table["lemma"].cat.codes.to_numpy()]
    return table[TOKEN_COLUMNS]


def _lemmatized_tokens(
    corpus: pd.DataFrame, lemmatizer: Lemmatizer, progress: bool | None
) -> pd.DataFrame:
    """The token table without ``is_stop``: what :func:`tokens` caches."""
    doc_ids = corpus["doc_id"].astype(str).tolist()
    position = {doc_id: i for i, doc_id in enumerate(doc_ids)}
    form_ids: dict[str, int] = {}
    doc_codes: list[int] = []
    paras: list[int] = []
    sents: list[int] = []
    starts: list[int] = []
    stops: list[int] = []
    forms: list[int] = []
    skipped: list[str] = []
    segmented = per_document(
        corpus,
        lambda _, text: list(segment.tokens(text)),
        what="tokens",
        warning=TextWarning,
        skipped=skipped,
        progress=progress,
        desc="Tokenising",
    )
    for doc_id, text, spans in segmented:
        setdefault = form_ids.setdefault
        for para, sent, start, stop_ in spans:
            paras.append(para)
            sents.append(sent)
            starts.append(start)
            stops.append(stop_)
            forms.append(setdefault(text[start:stop_], len(form_ids)))
        doc_codes.extend([position[doc_id]] * len(spans))

    vocabulary = list(form_ids)
    lemma_of, pos_of, word_of = [], [], []
    for form in vocabulary:
        kind = _classify_form(form)
        if kind is None:
            try:
                lemma, pos = lemmatizer.lemmatize(form)
            except Exception as exc:
                warnings.warn(
                    f"word {form!r}: no lemma ({type(exc).__name__}: {exc}); kept as written",
                    TextWarning,
                    stacklevel=2,
                )
                lemma, pos = form.lower(), "X"
        else:
            lemma, pos = form, kind
        lemma_of.append(lemma)
        pos_of.append(pos)
        word_of.append(kind is None)

    by_form = np.asarray(forms, dtype=np.int64)
    word_arr = np.asarray(word_of, dtype=bool)
    # Where the words around a token decide (sentence starts, women's surnames, данные).
    token_lemmas = np.asarray(lemma_of, dtype=object)[by_form]
    token_pos = np.asarray(pos_of, dtype=object)[by_form]
    sentence_keys = (np.asarray(doc_codes, dtype=np.int64) << 32) | np.asarray(sents, np.int64)
    by_context = contextual_lemmas(
        lemmatizer,
        vocabulary,
        list(zip(lemma_of, pos_of, strict=True)),
        forms,
        sentence_keys.tolist(),
        word_arr[by_form].tolist(),
    )
    for i, (lemma, pos) in by_context.items():
        token_lemmas[i], token_pos[i] = lemma, pos
    lemma_codes, lemma_names = pd.factorize(token_lemmas, sort=True)
    pos_codes, pos_names = pd.factorize(token_pos, sort=True)
    doc_codes_in_corpus, doc_names = pd.factorize(pd.Index(doc_ids, dtype=object))
    doc_arr = doc_codes_in_corpus[np.asarray(doc_codes, dtype=np.int64)]

    table = pd.DataFrame(
        {
            "doc_id": pd.Categorical.from_codes(doc_arr, categories=doc_names),
            "para": np.asarray(paras, dtype=np.int64),
            "sent": np.asarray(sents, dtype=np.int64),
            "start": np.asarray(starts, dtype=np.int64),
            "stop": np.asarray(stops, dtype=np.int64),
            "token": pd.Categorical.from_codes(
                by_form, categories=pd.Index(vocabulary, dtype=object)
            ),
            "lemma": pd.Categorical.from_codes(lemma_codes, categories=lemma_names),
            "pos": pd.Categorical.from_codes(pos_codes, categories=pos_names),
            "is_word": word_arr[by_form],
        },
    )
    table.attrs["skipped"] = skipped  # not cached: they are retried (and reported) next time
    return table


# --------------------------------------------------------------------------- labels


def lemma_labels(tokens: pd.DataFrame, *, share: float = 0.8) -> dict[str, str]:
    """How to print each lemma in a chart: ``СДК`` and ``Жанаозен`` rather than сдк, жанаозен.

    Lemmas stay lower case in every table (one spelling to search and join
    on); this only picks a label. Words at the start of a sentence are not
    evidence and are skipped. A lemma shaped like an abbreviation
    (:func:`helpers.nlp.lemmatizer.is_abbreviation_shape`: at most four letters or
    no vowel) written in capitals in at least ``share`` of its occurrences is an abbreviation and
    printed in capitals (СДК, СМИ); one capitalised that often (not counting
    headings and slogans in capitals) is a name and printed capitalised
    (Жанаозен, Назарбаев). Only lemmas that need a change are in the
    mapping: use ``labels.get(lemma, lemma)``.
    """
    words = tokens[tokens["is_word"].to_numpy()]
    if words.empty:
        return {}
    # Work on categories (distinct forms and lemmas), not on millions of rows.
    forms = words["token"].astype("category")
    form_names = forms.cat.categories.astype(str)
    form_caps = np.array([f.isupper() and len(f) > 1 for f in form_names], dtype=bool)
    form_capitalised = np.array([f[:1].isupper() for f in form_names], dtype=bool)
    form_codes = forms.cat.codes.to_numpy()
    lemmas = words["lemma"].astype("category")
    lemma_names = pd.Index(lemmas.cat.categories.astype(str), dtype=object)
    lemma_codes = lemmas.cat.codes.to_numpy()
    # The first word of each sentence is capitalised anyway: no evidence.
    doc_codes = words["doc_id"].astype("category").cat.codes.to_numpy()
    sents = words["sent"].to_numpy()
    initial = np.r_[True, (doc_codes[1:] != doc_codes[:-1]) | (sents[1:] != sents[:-1])]
    keep = ~initial
    caps_rows, cap_rows, lemma_rows = (
        form_caps[form_codes][keep],
        form_capitalised[form_codes][keep],
        lemma_codes[keep],
    )
    n = len(lemma_names)
    seen = np.bincount(lemma_rows, minlength=n)
    caps_share = np.bincount(lemma_rows, weights=caps_rows, minlength=n) / np.maximum(seen, 1)
    short = np.array([is_abbreviation_shape(lemma) for lemma in lemma_names], dtype=bool)
    caps = lemma_names[(seen > 0) & (caps_share >= share) & short]
    # capitalised share among occurrences not written in capitals (headings, slogans)
    lower_rows = lemma_rows[~caps_rows]
    not_caps = np.bincount(lower_rows, minlength=n)
    title = np.bincount(lower_rows, weights=cap_rows[~caps_rows], minlength=n)
    title_share = title / np.maximum(not_caps, 1)
    names = lemma_names[(not_caps > 0) & (title_share >= share)].difference(caps)
    labels = {lemma: lemma.upper() for lemma in caps}
    labels.update({n: "-".join(p[:1].upper() + p[1:] for p in n.split("-")) for n in names})
    return labels


# --------------------------------------------------------------------------- frequencies


def _group_values(tokens: pd.DataFrame, by: str, corpus: pd.DataFrame | None) -> pd.Series:
    """The value of ``by`` for every token: a token column, or a document column via doc_id."""
    if by in tokens.columns:
        return tokens[by]
    if corpus is None:
        raise ValueError(
            f"{by!r} is not a token column; pass corpus= to group by a document column"
        )
    if by == "year" and "year" not in corpus.columns:
        per_doc = pd.Series(
            corpus["date"].dt.year.astype("Int64").to_numpy(), index=corpus["doc_id"]
        )
    elif by in corpus.columns:
        per_doc = pd.Series(corpus[by].to_numpy(), index=corpus["doc_id"])
    else:
        raise ValueError(
            f"no column {by!r} in the tokens or the corpus (nor 'date' to derive 'year')"
        )
    per_doc = per_doc[~per_doc.index.duplicated()]
    return tokens["doc_id"].astype(object).map(per_doc).rename(by)


def frequencies(
    tokens: pd.DataFrame,
    by: str | None = None,
    *,
    corpus: pd.DataFrame | None = None,
    content_only: bool = True,
    top: int | None = None,
) -> pd.DataFrame:
    """Lemma counts and rates per 10,000 words, overall or per group.

    ``by`` is ``None`` (the whole corpus), a token column (``doc_id``,
    ``pos``) or a document column of ``corpus`` (``author``, any frontmatter
    field, or ``year``, derived from ``date``). Columns: ``by`` (when given),
    ``lemma``, ``count``, ``per_10k`` (count per 10,000 *words* of that
    group, stopwords included, numbers and punctuation not) and ``docs`` (the
    number of documents in which the lemma occurs). ``content_only`` leaves
    stopwords out of the list; ``top`` keeps the N most frequent per group.
    Sorted by group, then count (descending), then lemma.
    """
    words = tokens[tokens["is_word"].to_numpy()]
    keys: list[str] = []
    frame = pd.DataFrame(
        {
            "_doc": words["doc_id"].astype(object).to_numpy(),
            "lemma": words["lemma"].astype(object).to_numpy(),
            "is_stop": words["is_stop"].to_numpy(),
        }
    )
    if by is not None:
        values = _group_values(words, by, corpus)
        frame.insert(0, by, values.to_numpy())
        keys = [by]
    if by is None:
        totals = pd.Series([len(frame)], index=pd.Index([0]))
    else:
        totals = frame.groupby(by, dropna=False, sort=True).size()
    counted = frame[~frame["is_stop"].to_numpy()] if content_only else frame
    grouped = counted.groupby([*keys, "lemma"], dropna=False, sort=False)
    out = grouped.agg(count=("lemma", "size"), docs=("_doc", "nunique")).reset_index()
    total = out[by].map(totals) if by is not None else pd.Series(len(frame), index=out.index)
    out["per_10k"] = out["count"] * PER / total.to_numpy(dtype=float)
    out = out.sort_values([*keys, "count", "lemma"], ascending=[*[True] * len(keys), False, True])
    if top is not None:
        out = out.groupby(keys, dropna=False, sort=False).head(top) if keys else out.head(top)
    return out[[*keys, "lemma", "count", "per_10k", "docs"]].reset_index(drop=True)


# --------------------------------------------------------------------------- keyness


def _xlogx_ratio(observed: np.ndarray, expected: np.ndarray) -> np.ndarray:
    """O·ln(O/E), with 0·ln 0 = 0."""
    with np.errstate(divide="ignore", invalid="ignore"):
        term = observed * np.log(observed / expected)
    return np.where(observed > 0, term, 0.0)


def log_likelihood(a, b, n1, n2) -> tuple[np.ndarray, np.ndarray]:
    """Signed G² and log ratio for a word seen ``a`` times in ``n1`` words and ``b`` in ``n2``.

    G² is the log-likelihood ratio statistic of the full 2×2 table (word /
    other words × target / reference; Dunning 1993), positive when the word
    is relatively more frequent in the target, negative when less. The log
    ratio is log₂ of the ratio of relative frequencies (Hardie 2014), with a
    zero count taken as 0.5 so a word absent from one side gets a finite value.
    Vectorised over numpy arrays.
    """
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    n1, n2 = np.asarray(n1, dtype=float), np.asarray(n2, dtype=float)
    n = n1 + n2
    row = a + b
    cells = [
        (a, n1 * row / n),
        (b, n2 * row / n),
        (n1 - a, n1 * (n - row) / n),
        (n2 - b, n2 * (n - row) / n),
    ]
    g2 = 2 * sum(_xlogx_ratio(o, e) for o, e in cells)
    g2 = np.maximum(g2, 0.0)
    sign = np.sign(a / n1 - b / n2)
    log_ratio = np.log2((np.where(a > 0, a, 0.5) / n1) / (np.where(b > 0, b, 0.5) / n2))
    return sign * g2, log_ratio


def _p_value(g2: np.ndarray) -> np.ndarray:
    """Chi-squared (1 degree of freedom) tail probability of |G²|."""
    erfc = np.vectorize(math.erfc, otypes=[float])
    return erfc(np.sqrt(np.abs(g2) / 2))


def _token_mask(tokens: pd.DataFrame, selector, name: str) -> np.ndarray:
    """Boolean mask over tokens from a doc_id, a list of doc_ids or a boolean mask."""
    if isinstance(selector, str):
        selector = [selector]
    if isinstance(selector, pd.Series | np.ndarray) and selector.dtype == bool:
        mask = np.asarray(selector, dtype=bool)
        if len(mask) != len(tokens):
            raise ValueError(f"{name} mask has {len(mask)} values for {len(tokens)} tokens")
        return mask
    wanted = [str(s) for s in selector]
    known = set(tokens["doc_id"].astype(str).unique())
    unknown = [d for d in wanted if d not in known]
    if unknown:
        raise ValueError(f"{name}: no tokens for document(s) {unknown[:5]}")
    return tokens["doc_id"].isin(wanted).to_numpy()


def keyness(
    tokens: pd.DataFrame,
    target,
    reference=None,
    *,
    min_freq: int = 5,
    content_only: bool = True,
) -> pd.DataFrame:
    """Which lemmas are over- or under-used in ``target`` compared with ``reference``.

    ``target`` and ``reference`` are a doc_id, a list of doc_ids or a boolean
    mask over ``tokens`` (e.g. ``tokens.doc_id.isin(...)``); ``reference``
    defaults to every token not in the target. Sizes are counted in words
    (stopwords included, numbers and punctuation not). Lemmas seen fewer than
    ``min_freq`` times in target and reference together are left out, and
    stopwords too unless ``content_only=False``.

    Columns: ``lemma``, ``target_count``, ``reference_count``,
    ``target_per_10k``, ``reference_per_10k``, ``g2`` (signed log-likelihood:
    above 3.84 means p < 0.05, above 10.83 p < 0.001, for one word
    considered alone), ``log_ratio`` (log₂ of the ratio of relative
    frequencies: 1 = twice as frequent) and ``p_value``. Sorted from the most
    characteristic of the target (largest ``g2``) down to the most
    characteristic of the reference; ties by lemma.
    """
    in_target = _token_mask(tokens, target, "target")
    in_reference = ~in_target if reference is None else _token_mask(tokens, reference, "reference")
    if (in_target & in_reference).any():
        raise ValueError("target and reference share tokens; they must be disjoint")
    is_word = tokens["is_word"].to_numpy()
    n1 = int((in_target & is_word).sum())
    n2 = int((in_reference & is_word).sum())
    if n1 == 0 or n2 == 0:
        raise ValueError(f"target has {n1} words and reference {n2}: both need words")
    counted = is_word & ~tokens["is_stop"].to_numpy() if content_only else is_word
    lemmas = tokens["lemma"].astype(object).to_numpy()
    a = pd.Series(lemmas[counted & in_target]).value_counts()
    b = pd.Series(lemmas[counted & in_reference]).value_counts()
    table = pd.concat([a.rename("target_count"), b.rename("reference_count")], axis=1)
    table = table.fillna(0).astype("int64").rename_axis("lemma").reset_index()
    table = table[(table["target_count"] + table["reference_count"]) >= min_freq]
    g2, log_ratio = log_likelihood(table["target_count"], table["reference_count"], n1, n2)
    table = table.assign(
        target_per_10k=table["target_count"] * PER / n1,
        reference_per_10k=table["reference_count"] * PER / n2,
        g2=g2,
        log_ratio=log_ratio,
        p_value=_p_value(g2),
    )
    table = table.sort_values(["g2", "lemma"], ascending=[False, True]).reset_index(drop=True)
    table.attrs.update(target_words=n1, reference_words=n2, min_freq=min_freq)
    return table


def distinctive(
    tokens: pd.DataFrame,
    by: str = "doc_id",
    *,
    corpus: pd.DataFrame | None = None,
    groups: Sequence | None = None,
    top: int = 10,
    min_freq: int = 3,
    content_only: bool = True,
) -> pd.DataFrame:
    """The ``top`` most distinctive lemmas of each group against the rest of the corpus.

    Each group of ``by`` (a document, a year, an author: see
    :func:`frequencies` for what ``by`` accepts) is compared with all other
    tokens, as in :func:`keyness`, and only lemmas over-used in the group
    (positive G²) are kept. ``groups`` limits the output to some groups;
    ``min_freq`` is the lemma's minimum count *in the group*. Columns: ``by``,
    ``rank``, ``lemma``, ``count`` (in the group), ``per_10k``,
    ``rest_per_10k``, ``g2``, ``log_ratio``, ``p_value``.
    """
    words = tokens[tokens["is_word"].to_numpy()]
    frame = pd.DataFrame(
        {
            by: _group_values(words, by, corpus).astype(object).to_numpy(),
            "lemma": words["lemma"].astype(object).to_numpy(),
            "is_stop": words["is_stop"].to_numpy(),
        }
    )
    sizes = frame.groupby(by, sort=True).size()
    total_words = len(frame)
    counted = frame[~frame["is_stop"].to_numpy()] if content_only else frame
    lemma_totals = counted["lemma"].value_counts()
    if groups is not None:
        wanted = list(groups)
        counted = counted[counted[by].isin(wanted)]
    pairs = counted.groupby([by, "lemma"], sort=False).size().rename("count").reset_index()
    pairs = pairs[pairs["count"] >= min_freq]
    n1 = pairs[by].map(sizes).to_numpy(dtype=float)
    n2 = total_words - n1
    a = pairs["count"].to_numpy(dtype=float)
    b = pairs["lemma"].map(lemma_totals).to_numpy(dtype=float) - a
    keep = n2 > 0
    g2, log_ratio = log_likelihood(a[keep], b[keep], n1[keep], n2[keep])
    pairs = pairs[keep].assign(
        per_10k=a[keep] * PER / n1[keep],
        rest_per_10k=b[keep] * PER / n2[keep],
        g2=g2,
        log_ratio=log_ratio,
        p_value=_p_value(g2),
    )
    pairs = pairs[pairs["g2"] > 0].sort_values([by, "g2", "lemma"], ascending=[True, False, True])
    pairs = pairs.groupby(by, sort=False).head(top)
    pairs.insert(1, "rank", pairs.groupby(by, sort=False).cumcount() + 1)
    return pairs.reset_index(drop=True)


# --------------------------------------------------------------------------- collocations


def collocations(
    tokens: pd.DataFrame,
    *,
    min_count: int = 3,
    content_only: bool = True,
    top: int | None = None,
) -> pd.DataFrame:
    """Adjacent lemma pairs ranked by logDice.

    A pair is two words next to each other in the same sentence with nothing
    between them but spaces (a comma or a quote breaks the pair). logDice
    (Rychlý 2008) is ``14 + log2(2·f(xy) / (f(x) + f(y)))``: 14 when the two
    lemmas only ever occur together, one less for every halving; unlike raw
    counts or MI it neither favours frequent function words nor hapaxes.
    Pairs seen fewer than ``min_count`` times are dropped (the frequency
    floor); with ``content_only`` pairs with a stopword are too.

    Columns: ``lemma1``, ``lemma2``, ``count``, ``lemma1_count``,
    ``lemma2_count`` (lemma frequencies as words anywhere), ``log_dice`` and
    ``example`` (the pair's most frequent written form). Sorted by
    ``log_dice``, then ``count``, then the lemmas.
    """
    is_word = tokens["is_word"].to_numpy()
    lemmas = tokens["lemma"].astype(object).to_numpy()
    word_counts = pd.Series(lemmas[is_word]).value_counts()
    if len(tokens) < 2:
        return pd.DataFrame(columns=COLLOCATION_COLUMNS)
    docs = pd.factorize(tokens["doc_id"])[0]
    sents = tokens["sent"].to_numpy()
    ok = is_word if not content_only else is_word & ~tokens["is_stop"].to_numpy()
    adjacent = ok[:-1] & ok[1:] & (docs[:-1] == docs[1:]) & (sents[:-1] == sents[1:])
    starts, stops = tokens["start"].to_numpy(), tokens["stop"].to_numpy()
    adjacent &= starts[1:] > stops[:-1]  # a space between, not «слово»-glued pieces
    first = np.flatnonzero(adjacent)
    forms = tokens["token"].astype(object).to_numpy()
    pairs = pd.DataFrame(
        {
            "lemma1": lemmas[first],
            "lemma2": lemmas[first + 1],
            "example": forms[first] + " " + forms[first + 1],
        }
    )
    counts = pairs.groupby(["lemma1", "lemma2"], sort=False).size().rename("count").reset_index()
    counts = counts[counts["count"] >= min_count]
    kept = pairs.merge(counts[["lemma1", "lemma2"]], on=["lemma1", "lemma2"])
    examples = (
        kept.groupby(["lemma1", "lemma2", "example"], sort=False)
        .size()
        .rename("n")
        .reset_index()
        .sort_values(["lemma1", "lemma2", "n", "example"], ascending=[True, True, False, True])
        .drop_duplicates(["lemma1", "lemma2"])
    )
    out = counts.merge(examples[["lemma1", "lemma2", "example"]], on=["lemma1", "lemma2"])
    out["lemma1_count"] = out["lemma1"].map(word_counts).astype("int64")
    out["lemma2_count"] = out["lemma2"].map(word_counts).astype("int64")
    out["log_dice"] = 14 + np.log2(2 * out["count"] / (out["lemma1_count"] + out["lemma2_count"]))
    out = out.sort_values(
        ["log_dice", "count", "lemma1", "lemma2"], ascending=[False, False, True, True]
    )
    if top is not None:
        out = out.head(top)
    return out[COLLOCATION_COLUMNS].reset_index(drop=True)


# --------------------------------------------------------------------------- concordance


def kwic(
    corpus: pd.DataFrame,
    tokens: pd.DataFrame,
    lemma: str | Iterable[str],
    *,
    width: int = 50,
    limit: int | None = None,
) -> pd.DataFrame:
    """Concordance (keyword in context) for every inflected form of ``lemma``.

    ``lemma`` is one lemma or several (case and ё/е do not matter: «Рабочий»
    finds рабочий, рабочих, рабочим ...; «молодежный» finds the lemma
    молодёжный, which is how pymorphy3 spells it). Each line shows ``width`` characters of
    context either side (see :func:`helpers.context.in_context`: line breaks
    shown as ``¶``, cut at a word boundary, ``…`` where the text goes on).
    Columns: ``left``, ``keyword`` (as written), ``right``, ``doc_id``,
    ``start``, ``stop`` (offsets of the keyword in the document's ``text``).
    Sorted by document and position; ``limit`` keeps the first N lines.
    Display it with :func:`show_kwic` for aligned columns.
    """
    wanted = {fold(lemma)} if isinstance(lemma, str) else {fold(x) for x in lemma}
    lemmas = tokens["lemma"].astype(object).to_numpy()
    lemma_set = {x for x in pd.unique(lemmas) if fold(x) in wanted}
    hits = tokens[tokens["lemma"].isin(lemma_set).to_numpy() & tokens["is_word"].to_numpy()]
    hits = hits.sort_values(["doc_id", "start"], kind="stable")[["doc_id", "start", "stop"]]
    lines = in_context(corpus, hits.astype({"doc_id": str}), width=width, limit=limit)
    lines = lines.rename(columns={"match": "keyword"})
    return lines[["left", "keyword", "right", "doc_id", "start", "stop"]].astype(
        {"start": "int64", "stop": "int64"}
    )


def show_kwic(lines: pd.DataFrame):
    """A pandas Styler that aligns a :func:`kwic` table like a printed concordance.

    Every cell is HTML-escaped (:func:`helpers.display.styled`): a context cut
    through ``<script>`` shows as text and cannot swallow the rest of a report.
    """
    return (
        styled(lines)
        .set_properties(subset=["left"], **{"text-align": "right"})
        .set_properties(subset=["keyword"], **{"text-align": "center", "font-weight": "bold"})
        .set_properties(subset=["right"], **{"text-align": "left"})
        .set_table_styles([{"selector": "td", "props": [("white-space", "nowrap")]}])
        .hide(axis="index")
    )
