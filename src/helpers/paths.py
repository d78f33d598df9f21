"""Where things live: every path the project uses, anchored on this file.

Nothing here looks at the current working directory, so a notebook finds the
same corpus and writes to the same `figures/` whether it runs in JupyterLab,
under nbconvert, from pytest or from a shell in another folder.

The corpus folder has one setting, the ``CORPUS`` environment variable
(``make CORPUS=/path/to/articles`` exports it; JupyterLab started by
``make lab CORPUS=...`` passes it to every kernel). A notebook's
``parameters`` cell may override it for that notebook alone.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
#: The project checkout (``src/helpers/`` is two levels below it).
PROJECT_ROOT = PACKAGE_DIR.parents[1]
#: Small editable data files that ship with the package (stoplists, alias tables, rules).
DATA_DIR = PACKAGE_DIR / "data"
SEEDS_DIR = PROJECT_ROOT / "seeds"
FIGURES_DIR = PROJECT_ROOT / "figures"
REPORTS_DIR = PROJECT_ROOT / "reports"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
#: Derived, rebuildable results (per-document NER and similar); gitignored.
CACHE_DIR = PROJECT_ROOT / ".cache"

CORPUS_ENV_VAR = "CORPUS"
#: Optional overrides, read at each call: where caches and figures go (the
#: benchmark points them at a scratch folder; a user may keep a large cache elsewhere).
CACHE_ENV_VAR = "HELPERS_CACHE_DIR"
FIGURES_ENV_VAR = "HELPERS_FIGURES_DIR"


def corpus_dir(path: str | os.PathLike[str] | None = None) -> Path:
    """Return the corpus folder to read.

    Precedence: an explicit ``path`` (a notebook's parameter), then the
    ``CORPUS`` environment variable, then the project's ``seeds/``. A relative
    path is taken relative to the project root, not to the working directory,
    so ``CORPUS=seeds`` means the same thing everywhere.
    """
    chosen = path if path not in (None, "") else os.environ.get(CORPUS_ENV_VAR) or SEEDS_DIR
    return _from_project(chosen)


def _from_project(folder: str | os.PathLike[str]) -> Path:
    """A folder setting as an absolute path; a relative one is taken from the project root."""
    path = Path(folder).expanduser()
    return path if path.is_absolute() else PROJECT_ROOT / path


def figures_dir() -> Path:
    """Return the figures folder (``figures/`` unless ``HELPERS_FIGURES_DIR``), creating it."""
    folder = _from_project(os.environ.get(FIGURES_ENV_VAR) or FIGURES_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def cache_dir() -> Path:
    """Return the cache folder (``.cache/`` unless ``HELPERS_CACHE_DIR``); safe to delete."""
    return _from_project(os.environ.get(CACHE_ENV_VAR) or CACHE_DIR)
