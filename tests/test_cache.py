"""The one cache: edited rules honoured at once, broken or hostile caches never trusted.

Every test points ``HELPERS_CACHE_DIR`` at a temporary folder and edits temporary
copies of the data files (the loaders are pointed at them), never the real ones.
"""

from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
import time
import warnings
from pathlib import Path

import pandas as pd
import pytest

import helpers.cache
import helpers.corpus.loader
from helpers import cache as hc
from helpers.cache import CacheWarning, Entries, prune, watched
from helpers.corpus import load_corpus
from helpers.dates import referenced_dates
from helpers.demands import coding, find_demands
from helpers.entities import group, mentions, rules
from helpers.nlp import lemmatizer
from helpers.paths import DATA_DIR, PROJECT_ROOT, SEEDS_DIR
from helpers.words import analysis, tokens

DATA_FILES = (
    "demand_categories.toml",
    "lemma_overrides.txt",
    "entity_aliases.tsv",
    "stopwords_project.txt",
    "institution_nouns.txt",
)


@pytest.fixture
def data(tmp_path, monkeypatch) -> Path:
    """Temporary copies of the editable data files, every loader pointed at them."""
    folder = tmp_path / "data"
    folder.mkdir()
    for name in DATA_FILES:
        shutil.copy(DATA_DIR / name, folder / name)
    monkeypatch.setattr(coding, "RULES_FILE", folder / "demand_categories.toml")
    monkeypatch.setattr(lemmatizer, "LEMMA_OVERRIDES_FILE", folder / "lemma_overrides.txt")
    monkeypatch.setattr(group, "ALIASES_PATH", folder / "entity_aliases.tsv")
    monkeypatch.setattr(analysis, "STOPWORDS_FILE", folder / "stopwords_project.txt")
    monkeypatch.setattr(rules, "INSTITUTIONS_FILE", folder / "institution_nouns.txt")
    monkeypatch.setenv("HELPERS_CACHE_DIR", str(tmp_path / "cache"))
    return folder


@pytest.fixture(scope="module")
def seeds() -> pd.DataFrame:
    return load_corpus(SEEDS_DIR, cache=False)


def append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write(text)


# --------------------------------------------------------------------------- edited rules


def test_an_edited_demand_rules_file_is_used_on_the_next_call(seeds, data):
    first, _ = find_demands(seeds)
    category = first["category"].dropna().iloc[0]
    rules = data / "demand_categories.toml"
    edited = rules.read_text(encoding="utf-8").replace(
        f'id = "{category}"', f'id = "{category}_edited"', 1
    )
    rules.write_text(edited, encoding="utf-8")

    second, second_lists = find_demands(seeds)
    uncached, uncached_lists = find_demands(seeds, cache=False)
    pd.testing.assert_frame_equal(second, uncached)
    pd.testing.assert_frame_equal(second_lists, uncached_lists)
    assert f"{category}_edited" in set(second["category"])
    assert category not in set(second["category"])


def test_edited_lemma_overrides_are_used_on_the_next_call(seeds, data):
    first = tokens(seeds)
    demands, _ = find_demands(seeds)
    action = demands["action"].dropna().iloc[0]
    forms = sorted({form.lower() for form in first.loc[first["lemma"] == action, "token"]})
    assert forms, f"no token has the lemma {action!r}"
    append(data / "lemma_overrides.txt", "".join(f"{form} переопределено\n" for form in forms))

    second = tokens(seeds)
    pd.testing.assert_frame_equal(second, tokens(seeds, cache=False))
    assert action not in set(second["lemma"]) and "переопределено" in set(second["lemma"])
    again, _ = find_demands(seeds)
    pd.testing.assert_frame_equal(again, find_demands(seeds, cache=False)[0])
    assert "переопределено" in set(again["action"])


def test_an_edited_alias_table_is_used_on_the_next_call(seeds, data):
    first = mentions(seeds)
    listed = set(group.load_aliases().canonical)
    name = next(n for n in first["canonical"] if group.fold(n) not in listed)
    append(data / "entity_aliases.tsv", f"{name}\t{name} (edited)\t\n")

    second = mentions(seeds)
    pd.testing.assert_frame_equal(second, mentions(seeds, cache=False))
    assert f"{name} (edited)" in set(second["canonical"]) and name not in set(second["canonical"])


def test_edited_institution_nouns_are_used_on_the_next_call(seeds, data):
    """«жители Жезказгана»: with «житель» added, the place and the noun before it are one ORG."""
    first = mentions(seeds)
    assert not first["text"].str.startswith("жител").any()
    append(data / "institution_nouns.txt", "\nжитель\n")

    second = mentions(seeds)
    pd.testing.assert_frame_equal(second, mentions(seeds, cache=False))
    joined = second[second["text"].str.startswith("жител")]
    assert set(joined["type"]) == {"ORG"} and set(joined["fixed_by"]) == {"institution"}


def test_an_edited_stoplist_is_used_on_the_next_call(seeds, data):
    first = tokens(seeds)
    counted = first.loc[first["is_word"] & ~first["is_stop"], "lemma"].value_counts()
    lemma = counted.index[0]
    append(data / "stopwords_project.txt", f"\n{lemma}\n")

    second = tokens(seeds)
    pd.testing.assert_frame_equal(second, tokens(seeds, cache=False))
    assert second.loc[second["lemma"] == lemma, "is_stop"].all()
    assert not first.loc[first["lemma"] == lemma, "is_stop"].any()


def test_watched_sees_an_edit_that_keeps_size_and_modification_time(tmp_path):
    path = tmp_path / "rules.txt"
    path.write_text("один\n", encoding="utf-8")
    old = time.time_ns() - 60 * 10**9
    os.utime(path, ns=(old, old))  # long ago: the cheap stat check is trusted
    parsed: list[bytes] = []

    def parse(data: bytes, file: Path) -> str:
        parsed.append(data)
        return data.decode()

    assert watched(path, parse)[0] == "один\n"
    assert watched(path, parse)[0] == "один\n" and len(parsed) == 1  # unchanged: not parsed
    path.write_text("два!\n", encoding="utf-8")  # same size in bytes
    os.utime(path, ns=(old, old))
    assert watched(path, parse)[0] == "два!\n" and len(parsed) == 2


# --------------------------------------------------------------------------- broken caches


def run_everything(corpus_dir: Path) -> dict[str, pd.DataFrame]:
    """Every cached stage on one corpus (the loader's readings included)."""
    corpus = load_corpus(corpus_dir, warn=False)
    items, lists = find_demands(corpus)
    return {
        "corpus": corpus,
        "tokens": tokens(corpus),
        "dates": referenced_dates(corpus),
        "items": items,
        "lists": lists,
        "mentions": mentions(corpus),
    }


def assert_same(got: dict[str, pd.DataFrame], expected: dict[str, pd.DataFrame]) -> None:
    for name, frame in expected.items():
        pd.testing.assert_frame_equal(got[name], frame, obj=name)


@pytest.fixture
def corpus_dir(tmp_path, data) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(SEEDS_DIR, folder)
    return folder


def cache_files(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "cache").glob("*/*.parquet"))


def test_a_corrupt_entry_is_recomputed_with_a_warning(tmp_path, corpus_dir):
    first = run_everything(corpus_dir)
    files = cache_files(tmp_path)
    assert {f.parent.name for f in files} == {"corpus", "stages", "entities"}
    for path in files:
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])  # a write cut short
    with pytest.warns(CacheWarning, match="unreadable") as caught:
        again = run_everything(corpus_dir)
    assert_same(again, first)
    assert {Path(str(w.message).split()[2]).name for w in caught} == {f.name for f in files}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert_same(run_everything(corpus_dir), first)  # rewritten: no warning now


class Payload:
    """Unpickling this runs code: it creates the file ``marker``."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def test_a_planted_pickle_never_executes(tmp_path, corpus_dir):
    first = run_everything(corpus_dir)
    marker = tmp_path / "executed"
    bomb = pickle.dumps({"version": "x", "cache": Payload(marker)})
    pickle.loads(bomb)  # the payload works ...
    assert marker.exists()
    marker.unlink()
    planted = cache_files(tmp_path)
    planted.append(planted[0].with_suffix(".pickle"))  # where the loader's pickle used to be
    for path in planted:
        path.write_bytes(bomb)
    with pytest.warns(CacheWarning, match="unreadable"):
        again = run_everything(corpus_dir)
    assert not marker.exists()  # ... but reading the cache never runs it
    assert_same(again, first)


def test_an_unwritable_cache_costs_one_warning_and_gives_right_results(
    tmp_path, corpus_dir, monkeypatch
):
    expected = run_everything(corpus_dir)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("HELPERS_CACHE_DIR", str(blocker / "cache"))
    with pytest.warns(CacheWarning, match="cannot be written") as caught:
        got = run_everything(corpus_dir)
    assert_same(got, expected)
    assert len([w for w in caught if issubclass(w.category, CacheWarning)]) == 1


def test_an_existing_cache_where_nothing_can_be_created_costs_one_warning(
    tmp_path, corpus_dir, monkeypatch
):
    """A cache folder that exists but takes no new entry, for every user (root included:
    CI runs as root, and root writes into read-only folders): each folder the stages
    write into is taken by a regular file, so creating it fails with an OSError."""
    expected = run_everything(corpus_dir)
    written = sorted(p.name for p in (tmp_path / "cache").iterdir() if p.is_dir())
    assert written  # the first run did write: the same folders are blocked below
    frozen = tmp_path / "frozen"
    frozen.mkdir()
    for name in written:
        (frozen / name).write_text("a file where a cache folder should be")
    monkeypatch.setenv("HELPERS_CACHE_DIR", str(frozen))
    with pytest.warns(CacheWarning, match="cannot be written") as caught:
        assert_same(run_everything(corpus_dir), expected)
    assert len(caught) == 1
    assert sorted(p.name for p in frozen.iterdir()) == written  # nothing was added


def test_a_full_disk_leaves_no_temporary_file(tmp_path, seeds, data, monkeypatch):
    def full_disk(table, where, **kwargs):
        where.write(b"PAR1 half a file")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(helpers.cache.pq, "write_table", full_disk)
    with pytest.warns(CacheWarning, match="No space left") as caught:
        got = tokens(seeds)
        dates = referenced_dates(seeds)
    assert len(caught) == 1
    pd.testing.assert_frame_equal(got, tokens(seeds, cache=False))
    pd.testing.assert_frame_equal(dates, referenced_dates(seeds, cache=False))
    assert [
        p.name for p in (tmp_path / "cache").rglob("*") if p.is_file() and "lock" not in p.name
    ] == []


# --------------------------------------------------------------------------- loader readings


def test_a_permission_only_change_is_seen(tmp_path, corpus_dir, monkeypatch):
    first = load_corpus(corpus_dir, warn=False)
    reads: list[str] = []
    original = helpers.corpus.loader._read_file
    monkeypatch.setattr(
        helpers.corpus.loader, "_read_file", lambda p, *a: reads.append(p.name) or original(p, *a)
    )
    load_corpus(corpus_dir, warn=False)
    assert reads == []
    target = sorted(corpus_dir.iterdir())[0]
    target.chmod(target.stat().st_mode ^ 0o040)  # size, time and content unchanged
    again = load_corpus(corpus_dir, warn=False)
    assert reads == [target.name]
    pd.testing.assert_frame_equal(again, first)


def test_an_rsync_t_copy_with_the_same_size_and_time_is_read_again(corpus_dir):
    load_corpus(corpus_dir, warn=False)
    target = sorted(corpus_dir.iterdir())[0]
    stat = target.stat()
    raw = target.read_bytes()
    swapped = raw.replace("рабоч".encode(), "РАБОЧ".encode())
    assert swapped != raw and len(swapped) == len(raw)
    copy = target.with_name("incoming.tmp")
    copy.write_bytes(swapped)  # rsync -t: a new file, renamed into place, old times kept
    os.utime(copy, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    copy.replace(target)
    assert (target.stat().st_size, target.stat().st_mtime_ns) == (stat.st_size, stat.st_mtime_ns)
    again = load_corpus(corpus_dir, warn=False)
    assert again.equals(load_corpus(corpus_dir, cache=False, warn=False))
    assert "РАБОЧ" in again.set_index("path").loc[str(target), "text"]


# --------------------------------------------------------------------------- two processes

WORKER = """
import sys
from helpers.cache import Entries
from helpers.corpus import load_corpus
from helpers.dates import referenced_dates
from helpers.demands import find_demands
from helpers.words import tokens

folder, part, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
corpus = load_corpus(folder, warn=False)
mine = corpus.iloc[part::2]
tokens(mine).to_pickle(out + ".tokens")
referenced_dates(mine).to_pickle(out + ".dates")
find_demands(mine)[0].to_pickle(out + ".items")
store = Entries("probe")
for i in range(40):
    store.put([(f"{part}-{i}|v", [part, i])])
"""


def test_two_processes_filling_one_cache_both_get_right_results(tmp_path, data, monkeypatch):
    from helpers.tooling.synthetic import write_synthetic_corpus

    folder = write_synthetic_corpus(tmp_path / "synthetic", 30, seed=1)
    env = {**os.environ, "HELPERS_PROGRESS": "0"}
    script = tmp_path / "worker.py"
    script.write_text(WORKER)
    runs = [
        subprocess.Popen(
            [sys.executable, str(script), str(folder), str(part), str(tmp_path / f"out{part}")],
            env=env,
            cwd=PROJECT_ROOT,
            stderr=subprocess.PIPE,
            text=True,
        )
        for part in (0, 1)
    ]
    for run in runs:
        _, err = run.communicate(timeout=300)
        assert run.returncode == 0, err

    corpus = load_corpus(folder, cache=False, warn=False)
    for part in (0, 1):
        mine = corpus.iloc[part::2]
        out = tmp_path / f"out{part}"
        pd.testing.assert_frame_equal(pd.read_pickle(f"{out}.tokens"), tokens(mine, cache=False))
        dates = referenced_dates(mine, cache=False)
        pd.testing.assert_frame_equal(pd.read_pickle(f"{out}.dates"), dates)
        items = find_demands(mine, cache=False)[0]
        pd.testing.assert_frame_equal(pd.read_pickle(f"{out}.items"), items)
    assert len(Entries("probe")) == 80  # no entry lost: writes merged under the lock

    # Both halves are in the stage cache now: the whole corpus needs no tokenising.
    computed: list[str] = []
    original = analysis._lemmatized_tokens
    monkeypatch.setattr(
        analysis,
        "_lemmatized_tokens",
        lambda docs, *a: computed.extend(docs["doc_id"]) or original(docs, *a),
    )
    loaded = load_corpus(folder, warn=False)
    # Rows merged from two processes: same values, categories possibly listed in another order.
    merged = tokens(loaded)
    pd.testing.assert_frame_equal(merged, tokens(corpus, cache=False), check_categorical=False)
    assert computed == list(corpus["doc_id"])  # only the uncached call computed


# --------------------------------------------------------------------------- pruning


def test_prune_removes_only_documents_no_longer_in_the_corpus(tmp_path, corpus_dir, capsys):
    from helpers.tooling import prune_cache

    full = load_corpus(corpus_dir, warn=False)
    tokens(full)
    referenced_dates(full)
    mentions(full)
    gone = sorted(corpus_dir.iterdir())[0]
    gone.unlink()
    remaining = load_corpus(corpus_dir, warn=False)
    assert len(remaining) == len(full) - 1

    elsewhere = full.copy()
    elsewhere.attrs["corpus_dir"] = str(tmp_path / "deleted-folder")
    tokens(elsewhere)  # a stage file of a folder that no longer exists

    report = prune(remaining)
    removed = report.set_index("file")
    assert removed["removed"].sum() >= 4  # tokens, dates, ner, mentions of the gone document
    assert removed["deleted"].sum() == 1

    computed: list[str] = []
    original = analysis._lemmatized_tokens

    def counting(docs, *args):
        computed.extend(docs["doc_id"])
        return original(docs, *args)

    analysis._lemmatized_tokens = counting
    try:
        tokens(remaining)
        assert computed == []  # every current document is still cached
        tokens(full)
        assert computed == [full.loc[full["path"] == str(gone), "doc_id"].item()]
    finally:
        analysis._lemmatized_tokens = original
    keep = {hc.text_hash(t) for t in remaining["text"]}
    for name in ("ner", "mentions"):
        assert set(hc.read_table("entities", name)[0]["doc"]) == keep

    prune_cache.main([str(corpus_dir)])  # what `make prune-cache` runs
    assert "stages/tokens-" in capsys.readouterr().out  # the gone document, tokenised again
    prune_cache.main([str(corpus_dir)])
    assert "nothing to prune" in capsys.readouterr().out
