"""``mentions(corpus)``: every person, organisation and place named in the corpus.

The steps, per document: cut the text into paragraphs and list items, tag them
with natasha's NER model (:mod:`~helpers.entities.ner`), fix the spans
(:mod:`~helpers.entities.rules`), find each mention's dictionary form and
group mentions into entities (:mod:`~helpers.entities.group`). Results are
cached per document in two tables of the project's cache (:mod:`helpers.cache`):

``entities/ner``
    natasha's spans, keyed by the text's hash, the model release and the
    tagging code (:func:`ner_version`). The expensive part.
``entities/mentions``
    the finished mentions, keyed also by the rule, morphology and grouping
    code, the dictionary, the lemma overrides the lemmatizer applies and the
    alias table's content (:func:`rules_version`).

Editing one article changes its text hash: only that document is tagged
again. Editing the alias table or the overrides regroups every document from
its cached spans, without the tagger. Large corpora are tagged on every core.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import warnings
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor

import pandas as pd

from helpers.cache import Entries, code_version, content_hash, text_hash
from helpers.entities import context, group, morph, ner, rules
from helpers.entities.context import is_credit, role_before
from helpers.entities.group import AliasTable, group_corpus, load_aliases, resolve_document
from helpers.entities.ner import NER_VERSION, ner_spans
from helpers.entities.rules import fix_spans
from helpers.nlp.lemmatizer import lemmatizer_version
from helpers.nlp.segment import attach_ids
from helpers.progress import progress as show_progress

__all__ = ["COLUMNS", "EntityWarning", "mentions", "ner_version", "rules_version"]

#: Columns of the mentions table, in order.
COLUMNS = [
    "doc_id",
    "para",
    "sent",
    "start",
    "stop",
    "text",
    "type",
    "canonical",
    "normal",
    "fixed_by",
    "role",
    "is_credit",
]
#: Documents still to tag above which the work is spread over processes.
PARALLEL_THRESHOLD = 300
#: Documents per task sent to a worker (their paragraphs are tagged together).
DOCS_PER_TASK = 40


class EntityWarning(UserWarning):
    """A document could not be processed; it contributes no mentions."""


#: The code the cached results were made with (as imported: the code that runs).
_NER_CODE = code_version(ner, extra=NER_VERSION)
_RULES_CODE = code_version(rules, morph, group, context)


def ner_version() -> str:
    """Identifies natasha's spans: model release, unit cutting, tagging code."""
    return _NER_CODE


def rules_version(aliases: AliasTable) -> str:
    """Finished mentions' key: rule code, lemmatizer (code, dictionary, overrides), aliases and
    institution nouns (the hash of the list the rules use, not a second reading of the file)."""
    _, institutions = rules.institutions()
    return content_hash(_RULES_CODE, lemmatizer_version(), aliases.digest, institutions)


def _process(texts: Sequence[str], aliases: AliasTable) -> list[tuple[list, list]]:
    """NER + rules + grouping for a batch of texts: (raw spans, mention rows) per text."""
    raw = ner_spans(texts)
    return [(spans, _finish(text, spans, aliases)) for text, spans in zip(texts, raw, strict=True)]


def _finish(text: str, raw: list, aliases: AliasTable) -> list[list]:
    """Fixed, normalised, grouped mentions of one document as compact lists."""
    rows = resolve_document(text, fix_spans(text, [tuple(s) for s in raw]), aliases)
    return [
        [
            r["start"],
            r["stop"],
            r["type"],
            r["unit"],
            r["fixed_by"],
            r["normal"],
            r["canonical"],
            role_before(text, r["start"]) if r["type"] == "PER" else "",
            is_credit(text, r["start"], r["stop"], r["type"]),
        ]
        for r in rows
    ]


def _worker_init() -> None:
    # Workers share the parent's CPU budget; numpy's own threads would only compete.
    os.environ.setdefault("OMP_NUM_THREADS", "1")


def mentions(
    corpus: pd.DataFrame,
    *,
    aliases: str | os.PathLike[str] | pd.DataFrame | AliasTable | None = None,
    cache: bool = True,
    cache_dir: str | os.PathLike[str] | None = None,
    workers: int | None = None,
    progress: bool | None = None,
) -> pd.DataFrame:
    """One row per mention of a person, organisation or place in ``corpus``.

    Columns: ``doc_id``, ``para`` and ``sent`` (the paragraph or list item and
    the sentence of the token the mention starts at: the ids of
    :mod:`helpers.nlp.segment`, shared with the token table), ``start``, ``stop``
    (offsets into ``corpus["text"]``), ``text`` (the words as written), ``type``
    (PER, ORG, LOC), ``canonical`` (the entity, in dictionary form, after the
    alias table), ``normal`` (the mention's own dictionary form, before surname
    joining and aliases), ``fixed_by`` (the post-processing rules that changed
    the span, if any), ``role`` (for a person, the title written right before
    the name: «президент США», «аким»; else empty) and ``is_credit`` (the
    mention credits the source of the text, «/ТАСС/», «(РИА Новости)»,
    «сообщает Интерфакс»: the charts leave these out by default; see
    :mod:`helpers.entities.context`).
    Sorted by document and position.

    ``aliases``: another alias table (path or DataFrame); default the
    project's ``entity_aliases.tsv``. ``cache``: reuse and store per-document
    results under ``cache_dir`` (default ``.cache/``). ``workers``: processes
    for tagging (default: every core when more than ``PARALLEL_THRESHOLD``
    documents need tagging). ``progress``: progress bar (default: from
    :data:`helpers.progress.DEFAULT_THRESHOLD` documents to tag).

    A document whose text is missing or that fails is reported with an
    :class:`EntityWarning` naming it and contributes no mentions; the run goes on.
    """
    for column in ("doc_id", "text"):
        if column not in corpus:
            raise KeyError(f"corpus has no {column!r} column; load it with helpers.load_corpus()")
    table = aliases if isinstance(aliases, AliasTable) else load_aliases(aliases)
    doc_ids = corpus["doc_id"].tolist()
    texts: list[str] = []
    for doc_id, text in zip(doc_ids, corpus["text"].tolist(), strict=True):
        if not isinstance(text, str):
            warnings.warn(
                f"{doc_id}: text is {type(text).__name__}, not text; no mentions",
                EntityWarning,
                stacklevel=2,
            )
            text = ""
        texts.append(text)
    hashes = [text_hash(t) for t in texts]
    ner_keys = [f"{h}|{ner_version()}" for h in hashes]
    done_keys = [f"{k}|{rules_version(table)}" for k in ner_keys]

    spans_store = Entries("ner", cache_dir) if cache else None
    done_store = Entries("mentions", cache_dir) if cache else None
    done = done_store.get(done_keys) if done_store is not None else {}
    todo = sorted({i for i, k in enumerate(done_keys) if k not in done}, key=lambda i: done_keys[i])
    todo = list({done_keys[i]: i for i in todo}.values())  # identical texts: do once
    tagged = (
        spans_store.get([ner_keys[i] for i in todo]) if spans_store is not None and todo else {}
    )
    regroup = [i for i in todo if ner_keys[i] in tagged]
    fresh = [i for i in todo if ner_keys[i] not in tagged]
    new_ner: dict[str, list] = {}
    for i in regroup:
        done[done_keys[i]] = _safe_finish(doc_ids[i], texts[i], tagged[ner_keys[i]], table)
    for i, (raw, rows) in _tag(fresh, doc_ids, texts, table, workers, progress):
        new_ner[ner_keys[i]] = raw
        done[done_keys[i]] = rows
    if spans_store is not None and done_store is not None:
        spans_store.put(new_ner.items())
        done_store.put([(done_keys[i], done[done_keys[i]]) for i in todo])
    frame = _frame(doc_ids, texts, [done.get(k, []) for k in done_keys])
    return attach_ids(frame, corpus, cache=cache)[COLUMNS]


def _safe_finish(doc_id: str, text: str, raw: list, table: AliasTable) -> list[list]:
    try:
        return _finish(text, raw, table)
    except Exception as exc:  # one odd document must not stop the run
        warnings.warn(
            f"{doc_id}: entity post-processing failed ({type(exc).__name__}: {exc}); no mentions",
            EntityWarning,
            stacklevel=3,
        )
        return []


def _tag(fresh: list[int], doc_ids, texts, table, workers, progress):
    """Yield (index, (raw spans, rows)) for the documents that need the tagger.

    The progress bar (:func:`helpers.progress.progress`, default threshold)
    counts documents as their tasks finish.
    """
    if not fresh:
        return
    if workers is None:
        workers = (os.cpu_count() or 1) if len(fresh) > PARALLEL_THRESHOLD else 1
    # Similar lengths together: the tagger pads every batch to its longest paragraph.
    order = sorted(fresh, key=lambda i: len(texts[i]))
    tasks = [order[k : k + DOCS_PER_TASK] for k in range(0, len(order), DOCS_PER_TASK)]
    yield from show_progress(
        _run_tasks(tasks, doc_ids, texts, table, workers),
        total=len(fresh),
        desc="Tagging entities",
        unit="doc",
        enabled=progress,
    )


def _run_tasks(tasks, doc_ids, texts, table, workers):
    """Yield (index, result) per document, task by task, in a pool when ``workers`` > 1."""
    if workers > 1 and len(tasks) > 1:
        method = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
        with ProcessPoolExecutor(
            workers, mp_context=mp.get_context(method), initializer=_worker_init
        ) as pool:
            futures = [pool.submit(_process, [texts[i] for i in task], table) for task in tasks]
            for task, future in zip(tasks, futures, strict=True):
                yield from _collect(task, future.result, doc_ids, texts, table)
    else:
        for task in tasks:
            yield from _collect(
                task, lambda t=task: _process([texts[i] for i in t], table), doc_ids, texts, table
            )


def _collect(task, run, doc_ids, texts, table):
    try:
        results = run()
    except Exception:  # find the document that fails, keep the others
        results = []
        for i in task:
            try:
                results.append(_process([texts[i]], table)[0])
            except Exception as exc:
                warnings.warn(
                    f"{doc_ids[i]}: entity tagging failed ({type(exc).__name__}: {exc}); "
                    "no mentions",
                    EntityWarning,
                    stacklevel=4,
                )
                results.append(([], []))
    yield from zip(task, results, strict=True)


def _frame(doc_ids: list, texts: list[str], per_doc: list[list[list]]) -> pd.DataFrame:
    records = []
    for doc_id, text, rows in zip(doc_ids, texts, per_doc, strict=True):
        for start, stop, kind, _unit, fixed_by, normal, canonical, role, credit in rows:
            records.append(
                (
                    doc_id,
                    start,
                    stop,
                    text[start:stop],
                    kind,
                    canonical,
                    normal,
                    fixed_by,
                    role,
                    credit,
                )
            )
    columns = [c for c in COLUMNS if c not in ("para", "sent")]
    frame = pd.DataFrame.from_records(records, columns=columns)
    frame = frame.astype({"start": "int64", "stop": "int64", "is_credit": "bool"})
    if len(frame):
        frame["canonical"] = group_corpus(frame)
    return frame.sort_values(["doc_id", "start"], kind="stable").reset_index(drop=True)
