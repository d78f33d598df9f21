"""The language layer: the one place that knows Russian.

Every capability (words, dates, entities, demands) reads its words, sentences
and lemmas from here; none calls pymorphy3 or razdel itself.

* :mod:`.patterns`: the word pattern and the month names;
* :mod:`.lemmatizer`: pymorphy3 (C DAWG reader) plus the project's rules for
  Kazakh names and the editable overrides.
"""
