"""Synthetic corpora of any size, built from the seeds, for benchmarks and scale tests.

A real collection has thousands of articles; the repo ships two. To measure
the pipeline at scale without publishing anyone's archive, this module writes
documents that look like the seeds to every stage of the pipeline: the same
frontmatter, title heading and byline, paragraphs of Russian sentences, a
numbered demand list with dash sub-items, bold slogans and a signatories'
list. Words are shuffled within each sentence and names, numbers and dates
are varied, so no sentence repeats verbatim and caches keyed on text cannot
cheat; publication dates are spread over 2005-2020.
"""

from __future__ import annotations

import argparse
import random
import re
from dataclasses import dataclass
from pathlib import Path

from helpers.corpus import load_corpus
from helpers.nlp.segment import sentences_in
from helpers.paths import SEEDS_DIR

__all__ = ["write_synthetic_corpus"]

FIRST_YEAR, LAST_YEAR = 2005, 2020

# Stems of names in the seeds and what to swap them for; inflected endings survive the swap
# (Курманова -> Сапарова, Назарбаева -> Ермекбаева).
_NAME_SWAPS = {
    "Курманов": ["Сапаров", "Ахметов", "Тулеуов", "Ермеков", "Жумабеков", "Исмаилов", "Касымов"],
    "Назарбаев": ["Ермекбаев", "Токаев", "Сулейменов", "Мамытбеков", "Абишев"],
    "Айнур": ["Ерлан", "Нурлан", "Асхат", "Бакыт", "Серик", "Талгат"],
    "Тимошенко": ["Коваленко", "Шевченко", "Бондаренко", "Ткаченко"],
    "Жезказган": ["Балхаш", "Караганд", "Экибастуз", "Темиртау"],
    "Жанаозен": ["Актау", "Кульсар", "Атырау", "Аксай"],
}
_AUTHORS = [
    "Автор неизвестен",
    "",
    "Айнур Курманов",
    "Есенбек Уктешбаев",
    "Редакция",
    "Жанна Баймашева",
    "Ольга Петрова",
    "Данияр Садыков",
]
_SIGNATORIES = [
    "Союз коммунистов",
    "Рабочий Фронт",
    "Комитет солидарности",
    "Профсоюз «Жанарту»",
    "Редакция журнала «Искра»",
    "Молодежная организация",
]
_NUMBER = re.compile(r"\d+")
_WORD = re.compile(r"\S+")
_LIST_ITEM = re.compile(r"^(\d+\.|-)\s*")


@dataclass(frozen=True)
class _Material:
    """What the generator draws from: the seeds cut into pieces."""

    sentences: tuple[str, ...]
    list_items: tuple[str, ...]
    slogans: tuple[str, ...]
    title_words: tuple[str, ...]


def _material(seeds_dir: Path) -> _Material:
    corpus = load_corpus(seeds_dir)
    sentences, items, slogans, title_words = [], [], [], []
    for doc in corpus.itertuples():
        title_words.extend(str(doc.title).split())
        for paragraph in doc.text.split("\n\n"):
            line = paragraph.strip()
            if not line:
                continue
            if _LIST_ITEM.match(line):
                items.append(_LIST_ITEM.sub("", line))
            elif line.endswith("!") and len(line) < 120:
                slogans.append(line)
            else:
                cut = (line[a:b] for a, b in sentences_in(line, 0, len(line)))
                sentences.extend(s for s in cut if len(s.split()) >= 4)
    return _Material(tuple(sentences), tuple(items), tuple(slogans), tuple(title_words))


class _Writer:
    """Draws unique, shuffled, varied sentences; one instance per corpus."""

    def __init__(self, material: _Material, rng: random.Random):
        self.material = material
        self.rng = rng
        self.seen: set[str] = set()

    def _vary(self, text: str) -> str:
        for stem, swaps in _NAME_SWAPS.items():
            if stem in text:
                text = text.replace(stem, self.rng.choice(swaps))
        return _NUMBER.sub(self._number, text)

    def _number(self, match: re.Match[str]) -> str:
        digits = match.group()
        if len(digits) == 4 and digits.startswith(("19", "20")):
            return str(self.rng.randint(FIRST_YEAR - 10, LAST_YEAR))
        if len(digits) <= 2:
            return str(self.rng.randint(1, 28))
        return str(self.rng.randint(10 ** (len(digits) - 1), 10 ** len(digits) - 1))

    def sentence(self, source: str) -> str | None:
        """A shuffled, varied version of ``source`` never produced before (None if exhausted)."""
        words = _WORD.findall(self._vary(source))
        end = words[-1][-1] if words and words[-1][-1] in ".!?:" else ""
        if end:
            words[-1] = words[-1][:-1]
        for _ in range(8):
            self.rng.shuffle(words)
            candidate = " ".join(words)
            candidate = candidate[:1].upper() + candidate[1:] + end
            if candidate not in self.seen:
                self.seen.add(candidate)
                return candidate
        return None

    def paragraph(self, pool: tuple[str, ...], n: int) -> str:
        made = (self.sentence(self.rng.choice(pool)) for _ in range(n))
        return " ".join(s for s in made if s)

    def document(self, index: int) -> str:
        rng, m = self.rng, self.material
        words = list(m.title_words)
        rng.shuffle(words)
        title = " ".join(words[: rng.randint(4, 9)]).replace('"', "")
        title = f"{title[:1].upper()}{title[1:]} ({index})"
        year = rng.randint(FIRST_YEAR, LAST_YEAR)
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        date = rng.choice(
            [
                f'"{year}-{month:02d}-{day:02d}"',
                f"{year}-{month:02d}-{day:02d}",
                f'"{day:02d}.{month:02d}.{year}"',
            ]
        )
        author = rng.choice(_AUTHORS)
        iso = f"{year}-{month:02d}-{day:02d}"
        parts = [
            f'---\ntitle: "{title}"\ndate: {date}\nauthor: "{author}"\n---\n',
            f"# {title}\n",
            f"**{iso}** {author}\n",
        ]
        for _ in range(rng.randint(3, 8)):
            parts.append(self.paragraph(m.sentences, rng.randint(2, 5)) + "\n")
        if m.list_items and rng.random() < 0.6:
            parts.append("НАШИ ТРЕБОВАНИЯ:\n")
            for number in range(1, rng.randint(2, 5)):
                head = self.sentence(rng.choice(m.list_items))
                if head:
                    parts.append(f"{number}. {head}\n")
                for _ in range(rng.randint(0, 3)):
                    sub = self.sentence(rng.choice(m.list_items))
                    if sub:
                        parts.append(f"-{sub[:1].lower()}{sub[1:]}\n")
        if m.slogans and rng.random() < 0.5:
            parts.append("Наши лозунги:\n")
            for _ in range(rng.randint(1, 4)):
                slogan = self.sentence(rng.choice(m.slogans))
                if slogan:
                    parts.append(f"**- {slogan}**\n")
        if rng.random() < 0.3:
            parts.append("Участники пикета:\n")
            parts.extend(f"{name}\n" for name in rng.sample(_SIGNATORIES, rng.randint(2, 5)))
        return "\n".join(parts)


def write_synthetic_corpus(
    folder: str | Path, n_docs: int, *, seed: int = 0, seeds_dir: Path = SEEDS_DIR
) -> Path:
    """Write ``n_docs`` seed-like markdown articles into ``folder`` and return it.

    The same ``seed`` gives the same files. Files are named
    ``synthetic_00000.md`` and so on; an existing folder is filled, not
    emptied, so point this at a fresh one.
    """
    if n_docs < 0:
        raise ValueError(f"n_docs must be >= 0, got {n_docs}")
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    writer = _Writer(_material(seeds_dir), random.Random(seed))
    width = max(5, len(str(n_docs - 1)))
    for index in range(n_docs):
        path = folder / f"synthetic_{index:0{width}d}.md"
        path.write_text(writer.document(index), encoding="utf-8")
    return folder


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    write_synthetic_corpus(args.folder, args.docs, seed=args.seed)
    print(f"wrote {args.docs} documents to {args.folder}")


if __name__ == "__main__":
    main()
