"""Which language a document is written in, identified offline (lingua).

The analyses of this project (lemmas, NER, demands) are Russian; a Kazakh,
English or Ukrainian article fed to them yields nonsense lemmas and phantom
entities. :func:`detect_language` names each text's language as an ISO 639-1
code so such documents can be counted and listed instead. lingua ships its
language models in the wheel: nothing is downloaded.

Only the languages a Kazakhstan press archive plausibly holds are candidates
(:data:`LANGUAGES`): fewer candidates is both faster and more accurate than
all 75 lingua knows.
"""

from __future__ import annotations

from functools import cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

__all__ = ["LANGUAGES", "RUSSIAN", "detect_language"]

#: Candidate languages: Russian, Kazakh, English, Ukrainian and German (as
#: lingua names them); anything else is reported as the closest of these.
LANGUAGES = (
    Language.RUSSIAN,
    Language.KAZAKH,
    Language.ENGLISH,
    Language.UKRAINIAN,
    Language.GERMAN,
)
RUSSIAN = "ru"
#: Characters read per document: a page of text decides the language, and long
#: texts would otherwise cost time for nothing.
SAMPLE_CHARS = 1500


@cache
def _detector() -> LanguageDetector:
    return LanguageDetectorBuilder.from_languages(*LANGUAGES).build()


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code (``ru``, ``kk``, ``en``, ``uk``, ``de``) of ``text``'s main language.

    ``None`` for a text without letters (nothing to decide on). Reads the first
    :data:`SAMPLE_CHARS` characters.
    """
    sample = text[:SAMPLE_CHARS] if isinstance(text, str) else ""
    if not any(ch.isalpha() for ch in sample):
        return None
    found = _detector().detect_language_of(sample)
    return None if found is None else found.iso_code_639_1.name.lower()
