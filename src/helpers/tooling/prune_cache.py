"""Drop cached results of documents no longer in the corpus (what ``make prune-cache`` runs).

``python -m helpers.tooling.prune_cache [CORPUS]`` loads the corpus (default:
the ``CORPUS`` setting or ``seeds/``), then calls :func:`helpers.cache.prune`:
stage rows and entity entries of documents that are gone are removed, files of
corpus folders that no longer exist are deleted, and every entry of a current
document stays. ``make clean-cache`` empties the whole cache instead.
"""

from __future__ import annotations

import argparse

from helpers.cache import cache_root, prune
from helpers.corpus import load_corpus
from helpers.paths import corpus_dir

__all__ = ["main"]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=None, help="corpus folder (default: CORPUS)")
    args = parser.parse_args(argv)
    folder = corpus_dir(args.corpus)
    corpus = load_corpus(folder, warn=False, progress=False)
    pruned = prune(corpus)
    print(f"cache {cache_root()}, corpus {folder} ({len(corpus)} documents)")
    if pruned.empty:
        print("nothing to prune: every entry belongs to a current document")
    else:
        print(pruned.to_string(index=False))


if __name__ == "__main__":
    main()
