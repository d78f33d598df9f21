"""Date expressions on NEREL news: recall and precision of referenced_dates against gold DATE spans.

NEREL (``../shared/eval/nerel``, see its README) marks every date expression of
840 real Russian news articles as a ``DATE`` span. Its articles carry no
publication date, so this measures *finding* dates, not placing them. The
corpus is loaded and its gold DATE spans moved onto ``corpus.text`` by
:mod:`helpers.tooling.nerel` (a span that does not map whole is left out).

Overlap-based scores, one span matching another when they share a character:

* **precision**: share of our rows (kind ``reference`` and ``dateline``) that
  overlap a gold DATE span;
* **recall (all)**: share of gold DATE spans that one of our rows overlaps;
* **recall (calendar)**: the same over the gold spans we set out to read, the
  ones that name a calendar date (a digit with a month name, «год», «г.» or a
  numeric date, or a month name): «в 2009 году», «20 июля», «в мае». Relative
  expressions («в понедельник», «сегодня», «в прошлом году») and durations
  («несколько лет») are out of scope, so «all» stays low by design.

natasha's ``DatesExtractor`` runs on the same loaded text in the same run.
The script prints both, and then up to ``--show`` misses and false alarms
to read by hand. Run it before and after a change of the grammar:

    .venv/bin/python benchmarks/eval_dates_nerel.py [--nerel ../shared/eval/nerel]
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pandas as pd

from helpers.dates import referenced_dates
from helpers.nlp.patterns import MONTH_FORMS
from helpers.tooling.nerel import DEFAULT_NEREL, gold_spans, load_nerel

_MONTH = "(?:" + "|".join(MONTH_FORMS.values()) + ")"
_CALENDAR = re.compile(
    rf"\d{{1,2}}\s+{_MONTH}|{_MONTH}\s+\d{{4}}|\d{{4}}\s*(?:-?(?:го|м|й))?\s*(?:год|гг?\b|гг?\.)"
    rf"|\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}}|\b[вВ]о?\s+{_MONTH}",
    re.IGNORECASE,
)


def gold_dates(nerel: Path, corpus: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Gold DATE spans on ``corpus.text``, marked ``calendar``; and how many could not be moved."""
    gold, lost = gold_spans(nerel, corpus, nerel_types={"DATE"})
    gold = gold[["doc_id", "start", "stop", "text"]]
    return gold.assign(calendar=gold["text"].map(lambda t: bool(_CALENDAR.search(t)))), lost


def _natasha(corpus: pd.DataFrame) -> pd.DataFrame:
    from natasha import DatesExtractor, MorphVocab

    extractor = DatesExtractor(MorphVocab())
    rows = [
        {"doc_id": d, "start": m.start, "stop": m.stop, "text": t[m.start : m.stop]}
        for d, t in zip(corpus["doc_id"], corpus["text"], strict=True)
        for m in extractor(t)
    ]
    return pd.DataFrame(rows, columns=["doc_id", "start", "stop", "text"])


def _hits(spans: pd.DataFrame, others: pd.DataFrame) -> pd.Series:
    """Per row of ``spans``: does a row of ``others`` in the same document overlap it?"""
    by_doc = {d: list(zip(g["start"], g["stop"], strict=True)) for d, g in others.groupby("doc_id")}
    return pd.Series(
        [
            any(s < e2 and s2 < e for s2, e2 in by_doc.get(d, []))
            for d, s, e in zip(spans["doc_id"], spans["start"], spans["stop"], strict=True)
        ],
        index=spans.index,
        dtype=bool,
    )


def score(name: str, found: pd.DataFrame, gold: pd.DataFrame) -> dict[str, float]:
    """Overlap precision and recall of ``found`` against ``gold``."""
    precise = _hits(found, gold)
    caught = _hits(gold, found)
    cal = gold["calendar"]
    out = {
        "system": name,
        "found": len(found),
        "precision": precise.mean() if len(found) else float("nan"),
        "recall_all": caught.mean(),
        "recall_calendar": caught[cal].mean(),
    }
    return out, precise, caught


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nerel", type=Path, default=DEFAULT_NEREL)
    parser.add_argument("--show", type=int, default=15, help="misses and false alarms to print")
    parser.add_argument("--no-natasha", action="store_true", help="skip natasha's DatesExtractor")
    args = parser.parse_args(argv)
    if not (args.nerel / "gold.jsonl").exists():
        parser.error(f"{args.nerel}: no gold.jsonl (pass --nerel)")

    corpus = load_nerel(args.nerel)
    gold, lost = gold_dates(args.nerel, corpus)
    print(
        f"NEREL: {len(corpus)} documents, {len(gold)} gold DATE spans "
        f"({int(gold['calendar'].sum())} calendar; {lost} could not be aligned)"
    )
    ours = referenced_dates(corpus, cache=False)
    kinds = ours["kind"].value_counts().to_dict() if "kind" in ours.columns else {}
    results = []
    row, precise, caught = score("referenced_dates", ours, gold)
    results.append(row)
    if not args.no_natasha:
        results.append(score("natasha DatesExtractor", _natasha(corpus), gold)[0])
    table = pd.DataFrame(results).set_index("system")
    with pd.option_context("display.float_format", "{:.3f}".format, "display.width", 120):
        print(table)
    if kinds:
        print("our rows by kind:", kinds)
    pd.set_option("display.width", 160)
    pd.set_option("display.max_colwidth", 60)
    missed = gold[gold["calendar"] & ~caught]
    print(f"\ncalendar gold spans we miss ({len(missed)}), first {args.show}:")
    print(missed.head(args.show)[["doc_id", "text"]].to_string())
    alarms = ours[~precise]
    print(f"\nour rows overlapping no gold DATE ({len(alarms)}), first {args.show}:")
    print(alarms.head(args.show)[["doc_id", "text", "precision", "note"]].to_string())


if __name__ == "__main__":
    main()
