"""Every stage grows linearly with the size of one long document: timed at 1x, 2x and 4x.

    python benchmarks/bench_linear.py                 # 100 KB base, every shape and stage
    python benchmarks/bench_linear.py --kb 400 --shapes one_line --stages load demands

A scraped archive holds the odd monster: a whole site exported as one line, a page of
unbalanced ``**``, a table of spaces. A scan that grows with the square of a line's length
stalls a notebook for minutes on such a file. For each *shape* of long document (seed text
repeated to the size asked) this writes one file, then times every stage (load, tokens,
dates, entities, demands; caches off, so the work is timed) on it at 1x, 2x and 4x the base
size (best of three runs; one for entities) and prints the seconds and the ratio
``t(kx) / (k * t(1x))``: about 1 when the stage is linear, about k when it is quadratic.
The base size is the same for every stage; entities (natasha, ~5k tokens/s) take longest.
"""

from __future__ import annotations

import argparse
import re
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from helpers.corpus import load_corpus
from helpers.dates import referenced_dates
from helpers.demands import find_demands
from helpers.entities import mentions
from helpers.paths import SEEDS_DIR
from helpers.words import tokens

FRONTMATTER = '---\ntitle: "Long"\ndate: "2013-12-18"\nauthor: "A"\n---\n\n'


def _seed_body() -> str:
    """The seeds' bodies, frontmatter removed: real Russian text with lists and slogans."""
    bodies = []
    for file in sorted(SEEDS_DIR.glob("*.txt")):
        text = file.read_text(encoding="utf-8")
        bodies.append(text.split("\n---\n", 1)[-1])
    return "\n\n".join(bodies)


def _repeat(unit: str, size: int) -> str:
    return (unit * (size // max(len(unit), 1) + 1))[:size]


#: Each shape: a function from a size in characters to a document body.
SHAPES: dict[str, Callable[[str, int], str]] = {
    "paragraphs": lambda seed, n: _repeat(seed + "\n\n", n),
    "one_line": lambda seed, n: _repeat(re.sub(r"\s+", " ", seed) + " ", n),
    "unbalanced_bold": lambda seed, n: _repeat("**Рабочие требуют повышения ", n),
    "brackets": lambda seed, n: _repeat("[рабочие]( [требуют ", n),
    "spaces": lambda seed, n: _repeat("Рабочие" + " " * 500 + "требуют\t" * 3, n),
    "list_items": lambda seed, n: _repeat("- требуем повышения зарплаты;\n", n),
    "digits": lambda seed, n: _repeat("16.12.2011 2011 года 16 декабря ", n),
    "capitals": lambda seed, n: _repeat("НАЗАРБАЕВ УХОДИ! Иван Петров Мария ", n),
}


def _stages() -> dict[str, Callable[[Path, pd.DataFrame], object]]:
    """Each stage as a call on (folder, loaded corpus); caches off, so the work is timed."""
    return {
        "load": lambda folder, corpus: load_corpus(folder, cache=False, warn=False),
        "tokens": lambda folder, corpus: tokens(corpus, cache=False, progress=False),
        "dates": lambda folder, corpus: referenced_dates(corpus, cache=False),
        "entities": lambda folder, corpus: mentions(corpus, cache=False, progress=False),
        "demands": lambda folder, corpus: find_demands(corpus, cache=False, progress=False),
    }


def _time(run: Callable[[Path, pd.DataFrame], object], folder: Path, repeat: int) -> float:
    """Best of ``repeat`` runs, in seconds (the machine's other work only adds time)."""
    corpus = load_corpus(folder, cache=False, warn=False)
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        run(folder, corpus)
        best = min(best, time.perf_counter() - started)
    return max(best, 1e-6)


def main(argv: list[str] | None = None) -> int:
    stage_names = list(_stages())
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kb", type=int, default=100, help="base document size in KB (1x)")
    parser.add_argument("--shapes", nargs="*", default=list(SHAPES), choices=list(SHAPES))
    parser.add_argument("--stages", nargs="*", default=stage_names, choices=stage_names)
    parser.add_argument("--factors", nargs="*", type=int, default=[1, 2, 4])
    parser.add_argument("--repeat", type=int, default=3, help="best of this many runs")
    args = parser.parse_args(argv)
    seed = _seed_body()
    stages = _stages()
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-linear-") as tmp:
        for shape in args.shapes:
            for factor in args.factors:
                folder = Path(tmp) / f"{shape}-{factor}"
                folder.mkdir()
                body = SHAPES[shape](seed, args.kb * 1000 * factor)
                (folder / "long.md").write_text(FRONTMATTER + body, encoding="utf-8")
                for stage in args.stages:
                    repeat = 1 if stage == "entities" else args.repeat
                    seconds = _time(stages[stage], folder, repeat)
                    rows.append({"shape": shape, "stage": stage, "x": factor, "s": seconds})
                    print(f"{shape:16} {stage:9} {factor}x {seconds:8.3f} s", flush=True)
    table = pd.DataFrame(rows)
    base = table[table["x"] == args.factors[0]].set_index(["shape", "stage"])["s"]
    table["ratio"] = [
        r.s / (r.x / args.factors[0] * base[(r.shape, r.stage)]) for r in table.itertuples()
    ]
    wide = table.pivot_table(index=["shape", "stage"], columns="x", values=["s", "ratio"])
    pd.set_option("display.width", 160)
    print(f"\nbase {args.kb} KB; ratio = t(kx) / (k * t(1x)): ~1 linear, ~k quadratic")
    print(wide.round(3).to_string())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
