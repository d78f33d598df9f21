"""Progress bars for long runs, one behaviour for every module.

Plain-text tqdm (not the widget flavour): it renders in a terminal and in
JupyterLab without ipywidgets. A bar appears only for work big enough to wait
for (2,000 items or more), so small corpora and tests stay quiet. Setting
``HELPERS_PROGRESS=0`` switches every bar off: the report runner does, so the
shared HTML holds results, not progress lines.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from typing import TypeVar

from tqdm.std import tqdm

__all__ = ["DEFAULT_THRESHOLD", "PROGRESS_ENV_VAR", "progress"]

T = TypeVar("T")

#: Show a bar when there are at least this many items, unless told otherwise.
DEFAULT_THRESHOLD = 2000
#: Set to 0 to switch every progress bar off.
PROGRESS_ENV_VAR = "HELPERS_PROGRESS"


def progress(
    items: Iterable[T],
    *,
    total: int | None = None,
    desc: str,
    unit: str = "doc",
    enabled: bool | None = None,
    threshold: int = DEFAULT_THRESHOLD,
) -> Iterable[T] | Iterator[T]:
    """Wrap ``items`` in a progress bar when ``enabled`` (default: ``total >= threshold``).

    ``HELPERS_PROGRESS=0`` in the environment overrides ``enabled``.
    """
    if os.environ.get(PROGRESS_ENV_VAR) == "0":
        return items
    if total is None and hasattr(items, "__len__"):
        total = len(items)  # type: ignore[arg-type]
    if enabled is None:
        enabled = total is not None and total >= threshold
    if not enabled:
        return items
    return tqdm(items, total=total, desc=desc, unit=unit, mininterval=1.0, dynamic_ncols=True)
