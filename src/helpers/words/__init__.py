"""Words: the token table and the corpus statistics read off it (notebook 02).

* :mod:`.analysis`: :func:`tokens`, frequencies, keyness, collocations, KWIC;
* :mod:`.figures`: notebook 02's figures, each returned with its table.
"""

from helpers.words.analysis import (
    STOPWORDS_FILE,
    TextWarning,
    collocations,
    distinctive,
    frequencies,
    keyness,
    kwic,
    lemma_labels,
    log_likelihood,
    show_kwic,
    stopwords,
    tokens,
)

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
