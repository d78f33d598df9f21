"""People, organisations and places named in the corpus, grouped into entities.

``mentions(corpus)`` is the entry point: one row per mention with offsets into
``corpus["text"]``, its type and the ``canonical`` entity it refers to. The
other functions turn that table into what notebook 03 shows: entity counts,
an entity × document table, co-occurrence networks, mentions in context and
over time.

Modules: :mod:`.ner` (natasha, per paragraph, batched), :mod:`.rules` (span
fixes), :mod:`.context` (roles beside names, agency credits), :mod:`.morph`
(dictionary forms), :mod:`.group` (grouping and the alias table),
:mod:`.pipeline` (``mentions``, cached per document),
:mod:`.analysis` (tables and figures); natasha's own pipeline, the baseline
for comparison, lives in :mod:`helpers.tooling.baseline`.
"""

from helpers.entities.analysis import (
    cooccurrence,
    entity_document_matrix,
    entity_table,
    findings,
    mentions_in_context,
    mentions_over_time,
    plot_cooccurrence_network,
    plot_entity_document_matrix,
    plot_mentions_over_time,
    plot_top_entities,
    without_credits,
)
from helpers.entities.group import ALIASES_PATH, AliasTable, load_aliases
from helpers.entities.pipeline import COLUMNS, EntityWarning, mentions

__all__ = [
    "ALIASES_PATH",
    "COLUMNS",
    "AliasTable",
    "EntityWarning",
    "cooccurrence",
    "entity_document_matrix",
    "entity_table",
    "findings",
    "load_aliases",
    "mentions",
    "mentions_in_context",
    "mentions_over_time",
    "plot_cooccurrence_network",
    "plot_entity_document_matrix",
    "plot_mentions_over_time",
    "plot_top_entities",
    "without_credits",
]
