"""Progress bars for long runs, one behaviour for every module.

Plain-text tqdm (not the widget flavour): it renders in a terminal, in
JupyterLab and in the HTML that nbconvert writes, without ipywidgets. A bar
appears only for work big enough to wait for, so small corpora and tests stay
quiet.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TypeVar

from tqdm.std import tqdm

__all__ = ["DEFAULT_THRESHOLD", "progress"]

T = TypeVar("T")

#: Show a bar when there are at least this many items, unless told otherwise.
DEFAULT_THRESHOLD = 2000


def progress(
    items: Iterable[T],
    *,
    total: int | None = None,
    desc: str,
    unit: str = "doc",
    enabled: bool | None = None,
    threshold: int = DEFAULT_THRESHOLD,
) -> Iterable[T] | Iterator[T]:
    """Wrap ``items`` in a progress bar when ``enabled`` (default: ``total >= threshold``)."""
    if total is None and hasattr(items, "__len__"):
        total = len(items)  # type: ignore[arg-type]
    if enabled is None:
        enabled = total is not None and total >= threshold
    if not enabled:
        return items
    return tqdm(items, total=total, desc=desc, unit=unit, mininterval=1.0, dynamic_ncols=True)
