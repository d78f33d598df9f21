"""Demands found in plain news: items per 100 NEREL articles (should be near zero).

NEREL (``../shared/eval/nerel``, see its README) is 840 real Russian news
articles: politics, sport, culture, crime. They carry no demand lists,
resolutions or leaflets, so what :func:`helpers.demands.find_demands` takes
from them is mostly a false alarm: this script counts it. Two figures, per
100 documents:

* **own**: demands, slogans and calls the text itself puts forward (what
  notebook 04 charts); near zero is right for news. A chant quoted from a
  protest («скандировали: «Украина превыше всего!»») is a true find.
* **reported**: demands a report attributes to someone («болельщики
  потребовали отставки тренера»), with ``reported=True``. News reports many
  real ones; what must not be there is «не требуют хирургического
  вмешательства» or «требуют полной отдачи сил» (nobody demands anything).

Every item is printed with its rule and a line of context to read by hand.
Run it on the code before and after a change (for the code of another
checkout: ``PYTHONPATH=/path/to/checkout/src``):

    .venv/bin/python benchmarks/eval_demands_nerel.py [--nerel ../shared/eval/nerel]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import helpers
from helpers import demands as dm
from helpers.context import one_line
from helpers.tooling.nerel import DEFAULT_NEREL, load_nerel


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nerel", type=Path, default=DEFAULT_NEREL)
    parser.add_argument("--quiet", action="store_true", help="figures only, no item list")
    args = parser.parse_args(argv)
    if not (args.nerel / "corpus").is_dir():
        parser.error(f"{args.nerel}: no corpus/ folder (pass --nerel)")
    corpus = load_nerel(args.nerel)
    items, lists = dm.find_demands(corpus, reported=True, cache=False, progress=False)
    own, own_lists, reported = dm.split_reported(items, lists)
    n = len(corpus)
    print(f"NEREL: {n} documents (helpers from {Path(helpers.__file__).parent})")
    print(
        f"own items: {len(own)} in {own['doc_id'].nunique()} documents = "
        f"{100 * len(own) / n:.2f} per 100 documents"
    )
    print(
        f"reported items: {len(reported)} in {reported['doc_id'].nunique()} documents = "
        f"{100 * len(reported) / n:.2f} per 100 documents"
    )
    refused = own_lists[~own_lists["taken"]]
    print(f"lists considered and refused: {len(refused)}")
    if not own.empty:
        print("own items by rule:", own["rule"].value_counts().to_dict())
    if args.quiet:
        return
    texts = corpus.set_index("doc_id")["text"]
    for name, table in (("own", own), ("reported", reported)):
        print(f"\n{name} items:")
        for row in table.itertuples():
            text = texts[row.doc_id]
            context = one_line(text[max(0, row.start - 90) : row.stop + 30])
            print(f"  {row.doc_id} [{row.rule}] «{one_line(row.text)}»\n      …{context}…")


if __name__ == "__main__":
    main()
