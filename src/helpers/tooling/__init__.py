"""Tooling that is not analysis: the notebook runner, the benchmark, synthetic corpora,
and natasha's own pipeline as the baseline the entity rules are measured against.

Nothing in the analysis packages imports from here.
"""
