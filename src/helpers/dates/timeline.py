"""When articles appeared, and which dates they talk about.

Two questions, one module:

* **Publication timeline.** :func:`publication_counts` counts documents per
  period on a real calendar axis: every period between the first and the
  last publication is a row, empty ones as zero, so gaps show as gaps.
  The period adapts to the span (day, week, month, quarter or year: the
  finest with at most ``max_bins`` periods), so the chart reads the same for
  two articles and for ten thousand. Documents without a date are counted
  and reported (``attrs["n_undated"]``, ``attrs["undated"]``), never
  silently dropped.
* **Referenced dates.** :func:`helpers.dates.referenced_dates` finds the
  date expressions; here :func:`date_links` pairs each with its article's
  publication date (how far back an article looks), :func:`plot_date_links`
  draws them with known events from ``data/events.csv`` labelled, and
  :func:`top_referenced_dates` ranks the dates most talked about, each with
  a keyword-in-context example (:func:`date_contexts`).
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure

from helpers.context import in_context, one_line
from helpers.dates import DateProblemWarning, referenced_dates
from helpers.figures import BAR_COLOR, COLORS, HEATMAP_CMAP
from helpers.paths import DATA_DIR

__all__ = [
    "EVENTS_FILE",
    "FREQUENCIES",
    "choose_frequency",
    "date_contexts",
    "date_links",
    "date_problems",
    "dates_summary",
    "load_events",
    "lookback_table",
    "period_counts",
    "plot_date_links",
    "plot_period_counts",
    "plot_publications",
    "plot_referenced_periods",
    "publication_counts",
    "referenced_dates",
    "top_referenced_dates",
]

#: Editable list of known events (date, label, note) that label the figures.
EVENTS_FILE = DATA_DIR / "events.csv"

#: Candidate period sizes, finest first: (pandas period alias, name).
FREQUENCIES = (
    ("D", "day"),
    ("W-SUN", "week"),
    ("M", "month"),
    ("Q", "quarter"),
    ("Y", "year"),
)
_FREQ_NAMES = dict(FREQUENCIES)
_FREQ_BY_NAME = {name: alias for alias, name in FREQUENCIES}

#: Default ceiling on the number of bars: about six years of months.
DEFAULT_MAX_BINS = 72


# --------------------------------------------------------------------------- periods


def choose_frequency(dates: pd.Series, max_bins: int = DEFAULT_MAX_BINS) -> str:
    """The finest period (pandas alias) giving at most ``max_bins`` periods over ``dates``.

    Days for a fortnight of news, weeks for a few months, months for a few
    years, quarters or years for decades. Falls back to years.
    """
    dates = pd.to_datetime(pd.Series(dates)).dropna()
    if dates.empty:
        return "M"
    first, last = dates.min(), dates.max()
    for alias, _ in FREQUENCIES:
        n = len(pd.period_range(first.to_period(alias), last.to_period(alias), freq=alias))
        if n <= max_bins:
            return alias
    return "Y"


def _resolve_freq(freq: str, dates: pd.Series, max_bins: int) -> str:
    if freq == "auto":
        return choose_frequency(dates, max_bins)
    alias = _FREQ_BY_NAME.get(freq, freq)
    if alias not in _FREQ_NAMES:
        raise ValueError(f"freq must be 'auto' or one of {sorted(_FREQ_BY_NAME)}, got {freq!r}")
    return alias


def period_counts(
    dates: pd.Series, freq: str = "auto", *, max_bins: int = DEFAULT_MAX_BINS
) -> pd.DataFrame:
    """Count ``dates`` per calendar period, every period from first to last, empty ones as 0.

    ``freq`` is ``"auto"`` (see :func:`choose_frequency`) or one of ``day``,
    ``week``, ``month``, ``quarter``, ``year``. Columns: ``period`` (label:
    ``2013-06``, ``2013Q2``, ``2013``; a week is labelled by its Monday),
    ``start``, ``end`` (first and last day), ``count``. Missing dates are
    not counted here; ``attrs["n_missing"]`` says how many there were and
    ``attrs["freq"]`` names the period chosen.
    """
    dates = pd.to_datetime(pd.Series(dates, dtype="datetime64[ns]" if len(dates) == 0 else None))
    present = dates.dropna()
    alias = _resolve_freq(freq, present, max_bins)
    if present.empty:
        frame = pd.DataFrame(
            {
                "period": pd.Series(dtype="object"),
                "start": pd.Series(dtype="datetime64[ns]"),
                "end": pd.Series(dtype="datetime64[ns]"),
                "count": pd.Series(dtype="int64"),
            }
        )
    else:
        periods = present.dt.to_period(alias)
        full = pd.period_range(periods.min(), periods.max(), freq=alias)
        counts = periods.value_counts().reindex(full, fill_value=0)
        starts = full.start_time.normalize()
        labels = (
            [f"{s:%Y-%m-%d}" for s in starts] if alias.startswith("W") else [str(p) for p in full]
        )
        frame = pd.DataFrame(
            {
                "period": labels,
                "start": starts.astype("datetime64[ns]"),
                "end": full.end_time.normalize().astype("datetime64[ns]"),
                "count": counts.to_numpy().astype("int64"),
            }
        )
    frame.attrs["freq"] = _FREQ_NAMES[alias]
    frame.attrs["n_missing"] = int(dates.isna().sum())
    return frame


def publication_counts(
    corpus: pd.DataFrame, freq: str = "auto", *, max_bins: int = DEFAULT_MAX_BINS
) -> pd.DataFrame:
    """Documents published per period (see :func:`period_counts`), undated ones reported.

    ``attrs``: ``freq`` (period name), ``n_docs``, ``n_dated``, ``n_undated``
    and ``undated`` (their doc_ids, sorted): a document without a date is
    not on the calendar axis, but it is counted and named.
    """
    if "date" not in corpus.columns:
        raise ValueError("publication_counts needs the 'date' column of load_corpus()")
    counts = period_counts(corpus["date"], freq, max_bins=max_bins)
    undated = corpus.loc[corpus["date"].isna(), "doc_id"] if "doc_id" in corpus else []
    counts.attrs.update(
        n_docs=len(corpus),
        n_dated=int(corpus["date"].notna().sum()),
        n_undated=int(corpus["date"].isna().sum()),
        undated=sorted(map(str, undated)),
    )
    del counts.attrs["n_missing"]
    return counts


def plot_period_counts(
    counts: pd.DataFrame,
    *,
    title: str,
    ylabel: str,
    note: str | None = None,
    events: pd.DataFrame | None = None,
    ax: plt.Axes | None = None,
    empty: str = "No dated documents: nothing to count.",
) -> tuple[Figure, pd.DataFrame]:
    """Bars on a real date axis, one per period (zero-height periods stay as gaps).

    ``note`` is printed in the upper-left corner (for example how many
    documents had no date); ``events`` (from :func:`load_events`) are drawn
    as labelled vertical lines when they fall inside the axis. With nothing
    to count the figure says ``empty`` instead of showing bare axes. Returns
    the figure and ``counts``.
    """
    if ax is None:
        fig, ax = plt.subplots(figsize=(9, 4))
    else:
        fig = ax.figure
    if counts.empty:
        _nothing_to_plot(ax, title, empty)
        return fig, counts
    widths = (counts["end"] - counts["start"]).dt.days + 1
    ax.bar(
        counts["start"],
        counts["count"],
        width=widths * 0.85,
        align="edge",
        color=BAR_COLOR,
        edgecolor="none",
    )
    freq = counts.attrs.get("freq", "")
    ax.set_title(title)
    ax.set_ylabel(f"{ylabel} per {freq}" if freq else ylabel)
    ax.yaxis.get_major_locator().set_params(integer=True)
    pad = pd.Timedelta(days=max(1, int(widths.iloc[0])))
    ax.set_xlim(counts["start"].min() - pad, counts["end"].max() + pad)
    _date_axis(ax, ax.xaxis)
    if events is not None and _draw_events(ax, events):
        ax.set_ylim(0, counts["count"].max() * 1.3 + 0.2)  # headroom for the event labels
    if note:
        ax.set_xlabel(note, fontsize=9, color=COLORS["muted"], loc="left")
    return fig, counts


def plot_publications(
    counts: pd.DataFrame, events: pd.DataFrame | None = None
) -> tuple[Figure, pd.DataFrame]:
    """Publication timeline from :func:`publication_counts`, undated documents named in a note.

    Returns the figure and ``counts``.
    """
    a = counts.attrs
    note = f"{a.get('n_dated', 0):,} dated documents"
    if a.get("n_undated"):
        note += f"; {a['n_undated']:,} without a date are not on the axis"
    return plot_period_counts(
        counts,
        title=f"Articles published per {a.get('freq', 'period')}",
        ylabel="articles",
        note=note,
        events=events,
    )


def plot_referenced_periods(
    links: pd.DataFrame, events: pd.DataFrame | None = None, *, max_bins: int = DEFAULT_MAX_BINS
) -> tuple[Figure, pd.DataFrame]:
    """How often each period is referred to (by the date named, not by publication).

    Counts the references in ``links`` (from :func:`date_links`) by their
    ``plot_date``; returns the figure and the counts behind it.
    """
    counts = period_counts(links["plot_date"], max_bins=max_bins)
    n_docs = links["doc_id"].nunique()
    fig, _ = plot_period_counts(
        counts,
        title=f"Dates referred to, per {counts.attrs['freq']}",
        ylabel="references",
        note=f"{len(links):,} references in {n_docs:,} documents",
        events=events,
        empty=_no_dates_message(links),
    )
    return fig, counts


def _no_dates_message(links: pd.DataFrame) -> str:
    """Why there is nothing to draw: no dates at all, or none that can be placed."""
    if links.empty:
        return "No dates found in the articles' text."
    return (
        f"No dates to place: the {len(links):,} date(s) found are malformed, "
        "have no year, or are in undated articles."
    )


def _nothing_to_plot(ax: plt.Axes, title: str, message: str) -> None:
    """A titled empty panel that says why, instead of bare 0-1 axes."""
    ax.set_title(title)
    ax.set_axis_off()
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, fontsize=11)


def _date_axis(ax: plt.Axes, axis) -> None:
    locator = mdates.AutoDateLocator(minticks=3, maxticks=9)
    axis.set_major_locator(locator)
    axis.set_major_formatter(mdates.ConciseDateFormatter(locator))


# --------------------------------------------------------------------------- events


def load_events(path: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Known events to label the figures: columns ``date``, ``label``, ``note``.

    Reads ``data/events.csv`` (or ``path``): comma-separated, ``#`` starts a
    comment line. A row whose date is not ``YYYY-MM-DD`` or whose label is
    empty is skipped with a warning naming the line, so one typo does not
    stop the notebook.
    """
    file = Path(path) if path is not None else EVENTS_FILE
    raw = pd.read_csv(file, comment="#", dtype=str, keep_default_na=False, skipinitialspace=True)
    missing = {"date", "label"} - set(raw.columns)
    if missing:
        raise ValueError(f"{file}: needs columns date,label[,note]; missing {sorted(missing)}")
    if "note" not in raw.columns:
        raw["note"] = ""
    dates = pd.to_datetime(raw["date"].str.strip(), format="%Y-%m-%d", errors="coerce")
    labels = raw["label"].str.strip()
    bad = dates.isna() | (labels == "")
    for _, row in raw[bad].iterrows():
        warnings.warn(
            f"{file}: event {row['date']!r} {row['label']!r} skipped (date must be YYYY-MM-DD, "
            "label non-empty)",
            DateProblemWarning,
            stacklevel=2,
        )
    events = pd.DataFrame(
        {
            "date": dates[~bad].astype("datetime64[ns]"),
            "label": labels[~bad],
            "note": raw["note"][~bad],
        }
    )
    return events.sort_values(["date", "label"], kind="stable").reset_index(drop=True)


def _draw_events(ax: plt.Axes, events: pd.DataFrame) -> int:
    """Dashed vertical lines, labelled at the top, for the events inside the x range; how many.

    Labels are placed in rows from the top: each goes into the first row
    where it overlaps no label already there (measured on the rendered text),
    so events days apart on a multi-decade axis («Расстрел в Жанаозене»,
    «События в Шетпе») stack instead of printing over each other. A label
    that would run past the right edge of the axes is written to the left
    of its line.
    """
    lo, hi = (mdates.num2date(v).replace(tzinfo=None) for v in ax.get_xlim())
    inside = events[(events["date"] >= lo) & (events["date"] <= hi)]
    if inside.empty:
        return 0
    renderer = ax.figure.canvas.get_renderer()
    axes_box = ax.get_window_extent(renderer)
    points = ax.figure.dpi / 72  # pixels per point
    gap = 4 * points
    rows: list[list[tuple[float, float]]] = []  # per row: pixel x-extents taken
    for event in inside.itertuples():
        ax.axvline(event.date, color=COLORS["event"], lw=1, ls="--", alpha=0.8, zorder=0)
        label = ax.annotate(
            f"{event.label} ({event.date:%d.%m.%Y})",
            xy=(event.date, 1.0),
            xycoords=("data", "axes fraction"),
            xytext=(3, -4),
            textcoords="offset points",
            ha="left",
            va="top",
            fontsize=8,
            color=COLORS["event"],
        )
        box = label.get_window_extent(renderer)
        x_line = ax.transData.transform((mdates.date2num(event.date), 0))[0]
        width, height = box.width, box.height
        if x_line + 3 * points + width > axes_box.x1:
            label.set_horizontalalignment("right")
            label.xyann = (-3, -4)
            extent = (x_line - 3 * points - width, x_line - 3 * points)
        else:
            extent = (x_line + 3 * points, x_line + 3 * points + width)
        row = next(
            (
                i
                for i, taken in enumerate(rows)
                if all(extent[1] + gap <= a or b + gap <= extent[0] for a, b in taken)
            ),
            len(rows),
        )
        if row == len(rows):
            rows.append([])
        rows[row].append(extent)
        step = height / points + 2
        label.xyann = (label.xyann[0], -4 - step * row)
    return len(inside)


# --------------------------------------------------------------------------- links


def _references(dates: pd.DataFrame) -> pd.DataFrame:
    """The rows that are dates an article talks about: agency datelines left out."""
    if "kind" not in dates.columns:
        return dates
    return dates[dates["kind"] != "dateline"]


_PERIOD_MIDDLE = {
    "day": pd.Timedelta(0),
    "month": pd.Timedelta(days=14),
    "year": pd.Timedelta(days=182),
}


def date_links(dates: pd.DataFrame, corpus: pd.DataFrame) -> pd.DataFrame:
    """One row per valid, dated reference, paired with its article's publication date.

    Columns: ``doc_id``, ``published``, ``date``, ``date_end``,
    ``precision``, ``text``, ``start``, ``stop``, ``plot_date`` (where to
    draw it: the day itself, mid-month or mid-year, the middle of a range),
    ``days_back`` (publication date minus ``plot_date``; negative for dates
    after publication; NaN when the article is undated). ``attrs`` count
    what was left out: ``n_invalid`` and ``n_unknown_year``. Agency
    datelines (``kind="dateline"``) are not references and are left out.
    """
    published = corpus.set_index("doc_id")["date"]
    dates = _references(dates)
    usable = dates[dates["valid"] & dates["date"].notna()]
    links = usable[["doc_id", "date", "date_end", "precision", "text", "start", "stop"]].copy()
    links.insert(1, "published", links["doc_id"].map(published).astype("datetime64[ns]"))
    middle = links["date"] + links["precision"].map(_PERIOD_MIDDLE).astype("timedelta64[ns]")
    has_end = links["date_end"].notna()
    middle[has_end] = (
        links["date"][has_end] + (links["date_end"][has_end] - links["date"][has_end]) / 2
    )
    links["plot_date"] = middle.dt.normalize().astype("datetime64[ns]")
    links["days_back"] = (links["published"] - links["plot_date"]).dt.days
    links = links.sort_values(["published", "doc_id", "start"], kind="stable").reset_index(
        drop=True
    )
    links.attrs["n_invalid"] = int((~dates["valid"]).sum())
    links.attrs["n_unknown_year"] = int((dates["valid"] & dates["date"].isna()).sum())
    return links


_PRECISION_STYLE = {
    "day": {"marker": "o", "color": "#1f4e79", "label": "day, e.g. «16 декабря 2011»", "note": ""},
    "month": {
        "marker": "s",
        "color": "#5b9bd5",
        "label": "month, e.g. «в декабре 2011»",
        "note": " (drawn mid-month)",
    },
    "year": {
        "marker": "D",
        "color": "#a5a5a5",
        "label": "year, e.g. «в 2011 году»",
        "note": " (drawn mid-year)",
    },
}


def plot_date_links(
    links: pd.DataFrame,
    events: pd.DataFrame | None = None,
    *,
    ax: plt.Axes | None = None,
    title: str = "Which dates the articles talk about",
    max_lines: int = 400,
) -> tuple[Figure, pd.DataFrame]:
    """Event timeline: each article (at its publication date, y) linked to the dates it names (x).

    A reference is a marker at (referenced date, publication date) joined by
    a thin line to the diagonal, where the article itself sits (a date equal
    to the publication date lies on the diagonal). Long lines reach far back.
    Events from :func:`load_events` inside the range are dashed verticals.
    Undated articles cannot be placed and are left out (their count is in
    the legend title). Above ``max_lines`` references the lines would merge
    into a wall, so the figure becomes a density (hexagonal bins, log colour
    scale) of the same two coordinates: the diagonal and events stay.
    Returns the figure and ``links``.
    """
    if ax is None:
        fig, ax = plt.subplots(figsize=(9, 5.5))
    else:
        fig = ax.figure
    placed = links[links["published"].notna()]
    ax.set_title(title)
    if placed.empty:
        _nothing_to_plot(ax, title, _no_dates_message(links))
        fig.set_size_inches(9, 2.5)
        return fig, links
    n = len(placed)
    x = mdates.date2num(placed["plot_date"])
    y = mdates.date2num(placed["published"])
    if n <= max_lines:
        _draw_link_lines(ax, placed, x, y)
    else:
        # Thousands of lines are a grey wall; a density of (date named, publication date) reads.
        cells = ax.hexbin(x, y, gridsize=70, bins="log", cmap=HEATMAP_CMAP, mincnt=1, linewidths=0)
        bar = fig.colorbar(
            cells, ax=ax, label="references per cell (log scale)", shrink=0.8, pad=0.02
        )
        ticks = _count_ticks(float(np.nanmax(cells.get_array())))
        bar.set_ticks(ticks, labels=[f"{t:,}" for t in ticks])
        bar.ax.minorticks_off()
    ends = mdates.date2num(placed["date_end"].dropna())
    lo = min(x.min(), y.min(), mdates.date2num(placed["date"]).min())
    hi = max(x.max(), y.max(), ends.max() if len(ends) else x.max())
    pad = max(15.0, 0.04 * (hi - lo))
    ax.set_xlim(lo - pad, hi + pad)
    y_pad = max(15.0, 0.05 * (y.max() - y.min()))
    y_hi = y.max() + y_pad
    headroom = 0.15 * (y_hi - (y.min() - y_pad)) if events is not None else 0.0
    ax.set_ylim(y.min() - y_pad, y_hi + headroom)  # headroom keeps event labels off the points
    ax.plot([lo - pad, hi + pad], [lo - pad, hi + pad], color="black", lw=0.6, alpha=0.4, zorder=1)
    ax.set_xlabel("date referred to in the text")
    ax.set_ylabel("publication date of the article")
    _date_axis(ax, ax.xaxis)
    _date_axis(ax, ax.yaxis)
    if events is not None:
        _draw_events(ax, events)
    left_out = []
    if links.attrs.get("n_invalid"):
        left_out.append(f"{links.attrs['n_invalid']} malformed")
    if links.attrs.get("n_unknown_year"):
        left_out.append(f"{links.attrs['n_unknown_year']} without a year")
    if len(links) - n:
        left_out.append(f"{len(links) - n} in undated articles")
    legend_title = f"{n:,} references" + (
        f" (not shown: {', '.join(left_out)})" if left_out else ""
    )
    if n > max_lines:
        ax.text(0.5, -0.13, legend_title, transform=ax.transAxes, ha="center", va="top", fontsize=8)
        return fig, links
    ax.legend(
        title=legend_title,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.13),
        ncol=2,
        fontsize=8,
        title_fontsize=8,
        frameon=False,
    )
    return fig, links


def _count_ticks(highest: float) -> list[int]:
    """1, 2, 5, 10, 20, 50 ... up to ``highest``: plain counts for a log colour scale."""
    ticks = [m * 10**e for e in range(10) for m in (1, 2, 5)]
    return [t for t in ticks if t <= max(highest, 1)]


def _draw_link_lines(ax: plt.Axes, placed: pd.DataFrame, x: np.ndarray, y: np.ndarray) -> None:
    """Markers at (date named, publication date), each joined to its article on the diagonal."""
    n = len(placed)
    alpha = float(np.clip(12 / np.sqrt(n), 0.15, 0.6))
    is_range = placed["date_end"].notna().to_numpy()
    x = x.copy()
    if is_range.any():
        # A range is drawn as what it is, a span from its first to its last day, joined
        # to the article from its end nearer the publication date.
        first = mdates.date2num(placed["date"][is_range])
        last = mdates.date2num(placed["date_end"][is_range])
        near = np.where(np.abs(y[is_range] - first) < np.abs(y[is_range] - last), first, last)
        x[is_range] = near
        spans = np.stack(
            [np.column_stack([first, y[is_range]]), np.column_stack([last, y[is_range]])], axis=1
        )
        ax.add_collection(
            LineCollection(
                spans, colors="#c55a11", linewidths=3, alpha=0.8, zorder=3, capstyle="butt",
                label=f"range, e.g. «с 1 по 5 мая»: {int(is_range.sum()):,} (drawn as a span)",
            )
        )  # fmt: skip
    segments = np.stack([np.column_stack([x, y]), np.column_stack([y, y])], axis=1)
    ax.add_collection(LineCollection(segments, colors=COLORS["faint"], linewidths=0.8, alpha=alpha))
    for precision, style in _PRECISION_STYLE.items():
        part = (placed["precision"] == precision).to_numpy() & ~is_range
        if part.any():
            ax.scatter(
                x[part],
                y[part],
                marker=style["marker"],
                color=style["color"],
                s=36 if n < 100 else 14,
                alpha=0.9,
                label=f"{style['label']}: {int(part.sum()):,}{style['note']}",
                zorder=3,
                edgecolors="none",
            )
    ax.scatter(
        y, y, marker="|", color="black", s=60, label="the article (publication date)", zorder=2
    )


# --------------------------------------------------------------------------- tables


def date_contexts(dates: pd.DataFrame, corpus: pd.DataFrame, width: int = 50) -> pd.DataFrame:
    """``dates`` with ``left``, ``right`` and ``context`` (``…left [text] right…``) columns.

    A keyword-in-context view from :func:`helpers.context.in_context`:
    ``width`` characters each side, cut at a word boundary, line breaks shown
    as ``¶`` so each row reads as one line.
    """
    out = in_context(corpus, dates, width=width)
    out.index = dates.index
    out["context"] = out["left"] + "[" + out["match"] + "]" + out["right"]
    return out.drop(columns="match")


def _event_labels(table: pd.DataFrame, events: pd.DataFrame | None) -> list[str]:
    """The events each day-precision date or range covers (joined with «; »)."""
    labels = []
    for row in table.itertuples():
        if events is None or row.precision != "day":
            labels.append("")
            continue
        end = row.date_end if pd.notna(row.date_end) else row.date
        hit = events[(events["date"] >= row.date) & (events["date"] <= end)]
        labels.append("; ".join(hit["label"]))
    return labels


def top_referenced_dates(
    dates: pd.DataFrame,
    corpus: pd.DataFrame,
    n: int = 15,
    *,
    events: pd.DataFrame | None = None,
    width: int = 50,
) -> pd.DataFrame:
    """The ``n`` dates the corpus talks about most, each with an example in context.

    One row per distinct (``date``, ``date_end``, ``precision``) among valid
    references with a known date (agency datelines left out). Columns: ``date``, ``date_end``,
    ``precision``, ``n_docs`` (documents naming it), ``n_mentions``,
    ``first_published``/``last_published`` (when articles named it),
    ``as_written`` (up to three spellings, most frequent first), ``event``
    (labels from ``events`` that the date covers), ``example`` (a KWIC line
    from the earliest-published article naming it). Sorted by ``n_docs``,
    then ``n_mentions`` (both descending), then date.
    """
    dates = _references(dates)
    usable = dates[dates["valid"] & dates["date"].notna()].copy()
    columns = [
        "date", "date_end", "precision", "n_docs", "n_mentions", "first_published",
        "last_published", "as_written", "event", "example",
    ]  # fmt: skip
    if usable.empty:
        return pd.DataFrame(columns=columns)
    published = corpus.set_index("doc_id")["date"]
    usable["published"] = usable["doc_id"].map(published)
    usable["date_end_key"] = usable["date_end"].fillna(pd.Timestamp.min)
    keys = ["date", "date_end_key", "precision"]
    grouped = usable.groupby(keys, sort=True, dropna=False)
    table = grouped.agg(
        date_end=("date_end", "first"),
        n_docs=("doc_id", "nunique"),
        n_mentions=("doc_id", "size"),
        first_published=("published", "min"),
        last_published=("published", "max"),
    ).reset_index()
    spellings = (
        usable.assign(spelling=usable["text"].map(one_line))
        .groupby([*keys, "spelling"], dropna=False)
        .size()
        .rename("k")
        .reset_index()
        .sort_values([*keys, "k", "spelling"], ascending=[True, True, True, False, True])
        .groupby(keys, dropna=False)["spelling"]
        .agg(lambda s: " | ".join(s.head(3)))
    )
    table["as_written"] = [spellings[tuple(k)] for k in table[keys].itertuples(index=False)]
    first = (
        usable.sort_values(["published", "doc_id", "start"], na_position="last", kind="stable")
        .groupby(keys, dropna=False)
        .head(1)
    )
    examples = date_contexts(first, corpus, width=width).set_index(keys)["context"]
    table["example"] = [examples[tuple(k)] for k in table[keys].itertuples(index=False)]
    table["event"] = _event_labels(table, events)
    table = table.sort_values(
        ["n_docs", "n_mentions", "date", "date_end_key"],
        ascending=[False, False, True, True],
        kind="stable",
    ).head(n)
    return table[columns].reset_index(drop=True)


#: Buckets for how far back a reference looks (publication date minus the date named).
LOOKBACK_BUCKETS = (
    ("after publication", -np.inf, -1),
    ("same week", 0, 6),
    ("1 week to 1 month", 7, 30),
    ("1 month to 1 year", 31, 365),
    ("1 to 5 years", 366, 5 * 365 + 1),
    ("more than 5 years", 5 * 365 + 2, np.inf),
)


def lookback_table(links: pd.DataFrame) -> pd.DataFrame:
    """How far back articles look: references and documents per bucket of ``days_back``.

    Buckets from :data:`LOOKBACK_BUCKETS`; references in undated articles are
    a last row of their own. ``share`` is the share of all references.
    """
    rows = []
    days = links["days_back"]
    for name, lo, hi in LOOKBACK_BUCKETS:
        part = links[(days >= lo) & (days <= hi)]
        rows.append((name, len(part), part["doc_id"].nunique()))
    undated = links[days.isna()]
    if len(undated):
        rows.append(("article undated", len(undated), undated["doc_id"].nunique()))
    table = pd.DataFrame(rows, columns=["looks back", "references", "documents"])
    table["share"] = (table["references"] / max(1, len(links))).round(3)
    return table


def dates_summary(dates: pd.DataFrame) -> pd.DataFrame:
    """What was found, per precision: expressions, documents, ranges, inferred years, not valid."""
    columns = ["expressions", "documents", "ranges", "year inferred", "year unknown", "not valid"]
    if dates.empty:
        return pd.DataFrame(columns=columns, index=pd.Index([], name="precision"))
    grouped = dates.assign(
        is_range=dates["date_end"].notna(),
        unknown=dates["valid"] & dates["date"].isna(),
        invalid=~dates["valid"],
    ).groupby("precision")
    table = pd.DataFrame(
        {
            "expressions": grouped.size(),
            "documents": grouped["doc_id"].nunique(),
            "ranges": grouped["is_range"].sum(),
            "year inferred": grouped["year_inferred"].sum(),
            "year unknown": grouped["unknown"].sum(),
            "not valid": grouped["invalid"].sum(),
        }
    ).reindex(["day", "month", "year"], fill_value=0)
    table.loc["all"] = table.sum()
    table.loc["all", "documents"] = dates["doc_id"].nunique()
    return table.astype("int64")


def date_problems(dates: pd.DataFrame) -> pd.DataFrame:
    """Kinds of invalid date expressions, most frequent first, with an example of each.

    Expressions are grouped by the first clause of their ``note`` up to the
    numbers in it («year '20011' has 5 digits» and «year '20111' has 5
    digits» are one kind), but ``problem`` shows the real note of the first
    example, so the reader sees what was wrong. Columns: ``problem``,
    ``expressions``, ``documents``, ``example`` (the first as written).
    """
    invalid = dates[~dates["valid"]]
    columns = ["problem", "expressions", "documents", "example"]
    if invalid.empty:
        return pd.DataFrame(columns=columns)
    first_clause = invalid["note"].str.split(";").str[0].str.strip()
    kinds = first_clause.str.replace(r"\d+", "#", regex=True)
    table = (
        invalid.assign(kind=kinds, problem=first_clause)
        .groupby("kind")
        .agg(
            problem=("problem", "first"),
            expressions=("doc_id", "size"),
            documents=("doc_id", "nunique"),
            example=("text", "first"),
        )
        .reset_index()
        .sort_values(["expressions", "kind"], ascending=[False, True], kind="stable")
    )
    return table[columns].reset_index(drop=True)


def findings(
    counts: pd.DataFrame,
    dates: pd.DataFrame,
    links: pd.DataFrame,
    corpus: pd.DataFrame,
    events: pd.DataFrame | None = None,
) -> list[str]:
    """What the timeline shows for this corpus, as Markdown bullets computed from its tables.

    ``counts`` from :func:`publication_counts`, ``dates`` from
    :func:`referenced_dates`, ``links`` from :func:`date_links`. Text from
    the corpus (dates as written, contexts) is escaped.
    """
    from helpers.prose import count, quote

    lines = []
    a = counts.attrs
    if not a.get("n_dated"):
        lines.append("No article has a publication date: there is no publication timeline.")
    else:
        busiest = counts.sort_values(["count", "start"], ascending=[False, True]).iloc[0]
        peak = (
            f"the busiest {a['freq']} starts {busiest['start']:%Y-%m-%d} "
            f"({count(int(busiest['count']), 'article')})"
            if busiest["count"] > 1
            else f"no {a['freq']} has more than one article"
        )
        lines.append(
            f"{count(a['n_dated'], 'dated article')} over {count(len(counts), a['freq'])}; "
            + peak
            + (f"; {count(a['n_undated'], 'article')} without a date." if a["n_undated"] else ".")
        )
    if dates.empty:
        lines.append("The texts name no date that the extractor reads.")
        return lines
    valid = dates[dates["valid"]]
    by_precision = valid["precision"].value_counts()
    inferred = int((valid["year_inferred"] & valid["date"].notna()).sum())
    kinds = ", ".join(
        f"{by_precision[p]:,} {p}" for p in ("day", "month", "year") if p in by_precision
    )
    lines.append(
        f"{count(len(dates), 'date expression')} in {count(dates['doc_id'].nunique(), 'document')}"
        f" ({kinds or 'none valid'})"
        + (
            f"; {count(inferred, 'has', 'have')} no year of their own (placed from the "
            "publication date or the text around it)."
            if inferred
            else "."
        )
    )
    top = top_referenced_dates(valid, corpus, n=3, events=events)
    if len(top):
        named = []
        for row in top.itertuples():
            when = row.date.strftime(
                "%Y-%m-%d"
                if row.precision == "day"
                else "%Y-%m"
                if row.precision == "month"
                else "%Y"
            )
            label = f", {quote(row.event)}" if isinstance(row.event, str) and row.event else ""
            named.append(f"**{when}**{label} ({count(int(row.n_docs), 'document')})")
        lines.append("Most referenced: " + "; ".join(named) + ".")
    placed = (
        links[links["published"].notna() & links["days_back"].notna()]
        if "days_back" in links
        else links.iloc[0:0]
    )
    if len(placed):
        back = placed["days_back"]
        lines.append(
            f"Of the {count(len(placed), 'reference')} that can be placed, "
            f"{(back > 365).mean():.0%} look back more than a year and "
            f"{(back < 0).mean():.0%} point after publication."
        )
    invalid = dates[~dates["valid"]]
    if len(invalid):
        lines.append(
            f"{count(len(invalid), 'expression')} that "
            + ("looks like a date is" if len(invalid) == 1 else "look like dates are")
            + " not valid, e.g. "
            + f"«{quote(invalid['text'].iloc[0], 40)}» ({quote(invalid['note'].iloc[0], 80)})."
        )
    return lines
