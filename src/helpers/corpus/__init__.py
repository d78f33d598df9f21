"""The corpus: a folder of articles read into one row per document.

* :mod:`.loader`: :func:`load_corpus`, the problems table, the per-file cache;
* :mod:`.cleaning`: markdown to text, look-alike letters, repeated headers,
  frontmatter dates;
* :mod:`.overview`: notebook 00's tables and figures.
"""

from helpers.corpus.loader import ARTICLE_SUFFIXES, CorpusError, CorpusWarning, load_corpus

__all__ = ["ARTICLE_SUFFIXES", "CorpusError", "CorpusWarning", "load_corpus"]
