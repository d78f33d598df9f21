"""Where a document comes from and which documents tell the same story.

* :func:`document_source`: the outlet of one file, from its frontmatter or its folder;
* :func:`minhash_signature`: a MinHash of the text's word shingles, computed
  when the file is read (and cached with it);
* :func:`mark_duplicates`: the loader's duplicate policy. A text found under two
  names is a repost: it stays a row, flagged in ``duplicate_of``, unless it is
  an exact copy (same text, title, date and source), which is left out;
* :func:`story_ids`: near-duplicates (edited reprints across outlets) grouped
  with MinHash/LSH (datasketch) into one ``story_id`` per story.
"""

from __future__ import annotations

import base64
import re
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urlsplit

import numpy as np
import pandas as pd
from datasketch import MinHash, MinHashLSH

from helpers.nlp.patterns import WORD

__all__ = [
    "LSH_THRESHOLD",
    "NUM_PERM",
    "document_source",
    "mark_duplicates",
    "minhash_signature",
    "story_ids",
]

#: Frontmatter fields naming the outlet, in order of preference.
SOURCE_FIELDS = ("source", "outlet", "publisher", "site")
#: Frontmatter fields holding the article's address.
URL_FIELDS = ("url", "link", "source_url", "canonical_url")
#: MinHash permutations: 128 keeps the Jaccard estimate within about ±0.09.
NUM_PERM = 128
#: datasketch's hashing scheme, named so cached signatures are read back the same way.
SCHEME = "affine32"
#: Words per shingle: three-word sequences survive light editing and still tell texts apart.
SHINGLE_WORDS = 3
#: Estimated Jaccard similarity of shingles from which two texts are one story:
#: an edited reprint (new lead, cut paragraphs, another byline) stays above it.
LSH_THRESHOLD = 0.5
#: Texts with fewer words than this are never grouped: a two-line notice shares
#: too many shingles with any other by chance.
MIN_STORY_WORDS = 30

_WWW = re.compile(r"^www\d*\.")


def _domain(value: Any) -> str | None:
    """The host of a URL-like value (``https://www.kazakh.ru/x`` -> ``kazakh.ru``)."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    if "//" not in text:
        text = "//" + text
    try:
        host = urlsplit(text).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    return _WWW.sub("", host.lower())


def document_source(meta: dict[str, Any], doc_id: str) -> str | None:
    """The outlet of one document.

    The frontmatter's ``source`` (or ``outlet``, ``publisher``, ``site``) as
    written, a URL there reduced to its domain; else the domain of its ``url``
    or ``link``; else the name of the subfolder the file is in (an archive
    sorted into one folder per outlet); ``None`` for a file at the top with no
    such field.
    """
    for name in SOURCE_FIELDS:
        value = meta.get(name)
        if isinstance(value, str) and value.strip():
            value = value.strip()
            return _domain(value) if "/" in value else value
    for name in URL_FIELDS:
        domain = _domain(meta.get(name))
        if domain:
            return domain
    parent = PurePosixPath(doc_id).parent
    return parent.parts[-1] if parent.parts else None


def minhash_signature(text: str) -> str | None:
    """MinHash of the text's lower-cased word shingles, as base64 text.

    :data:`NUM_PERM` 32-bit values, written as text so the loader's cache stores
    them like any other column (:func:`signature_values` reads them back).
    ``None`` for a text under :data:`MIN_STORY_WORDS` words: it takes part in no story.
    """
    words = [m.group().lower() for m in WORD.finditer(text or "")]
    if len(words) < MIN_STORY_WORDS:
        return None
    shingles = {
        " ".join(words[i : i + SHINGLE_WORDS]).encode()
        for i in range(len(words) - SHINGLE_WORDS + 1)
    }
    minhash = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
    minhash.update_batch(list(shingles))
    return base64.b64encode(minhash.hashvalues.astype("<u4").tobytes()).decode("ascii")


def signature_values(signature: str) -> np.ndarray:
    """The MinHash values (uint64) of a :func:`minhash_signature`."""
    return np.frombuffer(base64.b64decode(signature), dtype="<u4").astype(np.uint64)


def mark_duplicates(df: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series]:
    """Flag reposts in ``duplicate_of`` and find exact copies to leave out.

    ``df`` is sorted by ``doc_id`` and has ``_digest`` (hash of the text),
    ``title``, ``date`` and ``source``. A document whose text appeared earlier
    (in ``doc_id`` order) gets that earlier ``doc_id`` in ``duplicate_of``:
    the same statement published by another outlet or on another day is a
    publication of its own. When text, title, date and source are all the
    same, the file is a copy of the same publication: the returned mask marks
    it to be left out (and reported). Empty texts are never duplicates.
    """
    has_text = df["text"].astype(str) != ""
    first = df[has_text].drop_duplicates("_digest").set_index("_digest")["doc_id"]
    original = df["_digest"].map(first).where(has_text)
    duplicate_of = original.where(original != df["doc_id"])
    key = pd.DataFrame(
        {
            "digest": df["_digest"],
            "title": df["title"].astype(str),
            "date": df["date"].astype(str),
            "source": df["source"].astype(str),
        }
    )
    exact = key.duplicated() & has_text
    out = df.assign(duplicate_of=duplicate_of.astype(object).where(duplicate_of.notna(), None))
    return out, exact


#: Odd 64-bit multipliers that fold a band's rows into one key.
_BAND_MIX = np.random.default_rng(20131216).integers(1, 2**63, size=NUM_PERM, dtype=np.uint64) | 1


def _lsh_bands(threshold: float) -> tuple[int, int]:
    """datasketch's choice of bands × rows for ``threshold`` (the LSH parameters)."""
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    return lsh.b, lsh.r


def story_ids(
    doc_ids: list[str],
    signatures: list[str | None],
    dates: pd.Series,
    *,
    threshold: float = LSH_THRESHOLD,
) -> list[str]:
    """One story per group of near-duplicate texts, named by its first publication.

    Locality-sensitive hashing over the MinHash signatures, with the bands ×
    rows datasketch's :class:`~datasketch.MinHashLSH` chooses for
    ``threshold``: two texts are candidates when all rows of one band agree.
    The banding runs on the whole signature matrix at once (numpy), since the
    loader does this on every load. A candidate pair joins when its estimated
    Jaccard similarity (share of equal MinHash values) reaches ``threshold``;
    groups close transitively (a reprint of a reprint is the same story). A
    story is named by the ``doc_id`` of its earliest-dated member (``doc_id``
    order breaks ties and puts undated members last); a text alone is its own story.
    """
    n = len(doc_ids)
    parent = np.arange(n)

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    present = np.array(
        [i for i, sig in enumerate(signatures) if isinstance(sig, str)], dtype=np.int64
    )
    if len(present) > 1:
        matrix = np.vstack([signature_values(signatures[i]) for i in present])
        bands, rows = _lsh_bands(threshold)
        pairs: set[tuple[int, int]] = set()
        for band in range(bands):
            block = matrix[:, band * rows : (band + 1) * rows]
            # One number per band (wrapping arithmetic); a chance collision only adds a
            # candidate, which the similarity check below then rejects.
            codes = (block * _BAND_MIX[:rows]).sum(axis=1)
            order = np.argsort(codes, kind="stable")
            sorted_codes = codes[order]
            same = np.flatnonzero(sorted_codes[1:] == sorted_codes[:-1])
            for k in same:
                pairs.add((int(order[k]), int(order[k + 1])))
        for a, b in sorted(pairs):
            if np.mean(matrix[a] == matrix[b]) >= threshold:
                ra, rb = find(int(present[a])), find(int(present[b]))
                if ra != rb:
                    parent[max(ra, rb)] = min(ra, rb)
    stamps = pd.to_datetime(dates).astype("datetime64[ns]").to_numpy().astype(np.int64)
    undated = pd.isna(dates).to_numpy()
    stamps = np.where(undated, 0, stamps)
    order = np.lexsort((np.asarray(doc_ids, dtype=object).astype(str), stamps, undated))
    roots = [find(i) for i in range(n)]
    name: dict[int, str] = {}
    for i in order.tolist():
        name.setdefault(roots[i], doc_ids[i])
    return [name[root] for root in roots]
