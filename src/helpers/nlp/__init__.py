"""The language layer: the one place that knows Russian.

Every capability (words, dates, entities, demands, and whatever comes later)
reads its paragraphs, sentences, tokens, words and lemmas from here; no other
module imports pymorphy3 or razdel or cuts sentences its own way
(``tests/test_nlp.py`` checks the imports). So a word reads the same in every
table: «Жанаозена» is жанаозен as a token, in a demand category and as an
entity, and every table joins the token table on ``doc_id`` + ``para``/``sent``.

:mod:`.segment` — one segmentation, offsets into ``corpus["text"]``:

* ``paragraphs(text)`` → ``[(start, stop)]``: paragraphs and list items (the
  ``para`` ids; the units natasha's NER reads);
* ``sentences(text)`` → ``((para, start, stop), ...)``: razdel sentences, a line
  break ends one, an inline enumeration does not (the ``sent`` ids);
* ``sentences_in(text, start, stop)``: those sentences clipped to part of a line;
* ``tokens(text)`` → ``(para, sent, start, stop)`` per razdel token;
* ``locate(text, offsets)`` → ``(para, sent)`` arrays for offsets;
* ``sentence_table(corpus)``: one row per sentence (cached per document);
* ``attach_ids(spans, corpus)``: ``para`` and ``sent`` for any table of spans
  (mentions, dates, demands), from the sentence its ``start`` falls in.

:mod:`.lemmatizer` — one lemmatizer and one pymorphy3 analyser:

* ``get_lemmatizer()``: the shared :class:`~.lemmatizer.Lemmatizer`
  (``lemma(form)``, ``lemmatize(form)`` → ``(lemma, pos)``), pymorphy3 plus the
  rule for Kazakh names and the editable ``data/lemma_overrides.txt``;
* ``morph_analyzer()``: the process's one ``pymorphy3.MorphAnalyzer``;
* ``parses(word)``, ``is_known(word)``: its analyses of a word form, cached, for
  callers that need grammar (case, number, ``inflect``) beyond a lemma;
* ``lemmatizer_version()``: what a cache of anything built from lemmas keys on.

:mod:`.patterns` — one word pattern and one folding:

* ``WORD``, ``words(text)``, ``count_words(text)``: a word is a run of letters,
  a hyphenated compound counting once;
* ``fold_yo(text)`` (ё as е) and ``fold(text)`` (lower case, ё as е, single
  spaces): how two spellings of a word or name are compared;
* ``MONTH_FORMS``, ``month_number(word)``: the Russian month names.
"""
