"""Reports of one event across articles, the event table, and a Mass Mobilization-like export.

PolDem's rule: an event is one action form at one place on one date. Two
reports are linked (:func:`link_reports`) when they have the same form, the
same place (the gazetteer's identity: the same GeoNames town, or the same
region when neither names a town) and overlapping dates. A report's dates
are the stretch it names: a day, the month or year for coarser precision,
``date`` to ``date_end`` for a range; an ongoing report runs to the article's
publication; a report dated only by its publication covers the
:data:`PUBLICATION_WINDOW_DAYS` before it (articles report recent events).
Reports without a place are never linked across articles: they stay events
of their own. Linking is transitive (A–B and B–C make one event).

:func:`events` turns the reports into one row per event; :func:`mass_mobilization`
gives the event table in the columns of the Mass Mobilization data
(``participants_category``, ``protesterdemand1``…``4``,
``stateresponse1``…``7``), plus the CSLR-style labour causes.
"""

from __future__ import annotations

import pandas as pd

from helpers.events import lexicon as lx

__all__ = [
    "EVENT_COLUMNS",
    "MM_COLUMNS",
    "PUBLICATION_WINDOW_DAYS",
    "events",
    "link_reports",
    "mass_mobilization",
    "participants_category",
]

#: Days before publication that a report dated only by its article may refer to.
PUBLICATION_WINDOW_DAYS = 14

EVENT_COLUMNS = [
    "event_id",
    "form",
    "status",
    "date",
    "date_end",
    "date_precision",
    "place",
    "region",
    "country",
    "lat",
    "lon",
    "n_reports",
    "n_docs",
    "doc_ids",
    "size_low",
    "size_high",
    "sizes_reported",
    "actor",
    "employer",
    "claim_categories",
    "cause",
    "state_response",
    "disagreements",
]


def _interval(row) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    start = row.date
    if pd.isna(start):
        return None
    precision = row.date_precision
    if precision == "publication":
        return start - pd.Timedelta(days=PUBLICATION_WINDOW_DAYS), start
    if precision == "month":
        end = start + pd.offsets.MonthEnd(0)
    elif precision == "year":
        end = start + pd.offsets.YearEnd(0)
    else:
        end = start
    if not pd.isna(row.date_end):
        end = max(end, row.date_end)
    return start, end


def link_reports(reports: pd.DataFrame) -> pd.DataFrame:
    """``reports`` with ``event_id`` set: «E0001»…, numbered by date, linked as described above."""
    reports = reports.copy()
    if reports.empty:
        reports["event_id"] = pd.Series(dtype="object")
        return reports
    order = reports.sort_values(
        ["date", "place_key", "form", "doc_id", "start"], na_position="last"
    )
    parent = list(range(len(reports)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    positions = {label: n for n, label in enumerate(reports.index)}
    intervals = {label: _interval(row) for label, row in reports.iterrows()}
    keyed = reports[reports["place_key"].notna()]
    for _, group in keyed.groupby(["form", "place_key"], sort=False):
        labels = sorted(
            (lab for lab in group.index if intervals[lab] is not None),
            key=lambda lab: intervals[lab][0],
        )
        # sweep by start: a report joins the running event while it overlaps it
        current_end = None
        current = None
        for lab in labels:
            start, end = intervals[lab]
            if current is not None and start <= current_end:
                parent[find(positions[lab])] = find(positions[current])
                current_end = max(current_end, end)
            else:
                current, current_end = lab, end
    roots: dict[int, str] = {}
    ids = {}
    for label in order.index:
        root = find(positions[label])
        if root not in roots:
            roots[root] = f"E{len(roots) + 1:04d}"
        ids[label] = roots[root]
    reports["event_id"] = pd.Series(ids)
    return reports


def _joined(values) -> str | None:
    parts = []
    for value in values:
        if isinstance(value, str) and value:
            parts.extend(p.strip() for p in value.split(";") if p.strip())
    return "; ".join(dict.fromkeys(parts)) or None


def _responses(values) -> str | None:
    found = {p for v in values if isinstance(v, str) for p in v.split(";") if p}
    return ";".join(x for x in lx.RESPONSE_ORDER if x in found) or None


def _causes(values) -> str | None:
    found = {p for v in values if isinstance(v, str) for p in v.split(";") if p}
    return ";".join(x for x in lx.CAUSE_ORDER if x in found) or None


_STATUS_RANK = {
    s: i
    for i, s in enumerate(("ongoing", "occurred", "called_off", "banned", "planned", "threatened"))
}


def events(reports: pd.DataFrame) -> pd.DataFrame:
    """One row per event (:data:`EVENT_COLUMNS`) from :func:`~helpers.events.protest_events`.

    ``reports`` is that table, or a corpus (from :func:`helpers.load_corpus`),
    whose reports are then found first.

    The number of reports and articles, the range of reported sizes
    (``size_low`` the smallest low, ``size_high`` the largest high,
    ``sizes_reported`` each report's), the earliest date and latest end, and
    ``disagreements``: the fields on which the reports differ (status, date,
    size, state_response).
    """
    if "text" in reports.columns and "form" not in reports.columns:
        from helpers.events.extract import protest_events

        reports = protest_events(reports)
    if reports.empty:
        return pd.DataFrame({c: pd.Series(dtype="object") for c in EVENT_COLUMNS})
    rows = []
    for event_id, group in reports.groupby("event_id", sort=True):
        group = group.sort_values(["date", "doc_id"], na_position="last")
        precise = group[~group["date_precision"].isin(["publication", "unknown"])]
        dated = precise if not precise.empty else group
        first = dated.iloc[0]
        ends = pd.concat([dated["date"], dated["date_end"]]).dropna()
        statuses = sorted(set(group["status"]), key=_STATUS_RANK.get)
        sizes = group.dropna(subset=["size_low"])
        disagreements = []
        if len(statuses) > 1:
            disagreements.append("status")
        if len(set(precise["date"].dropna())) > 1:
            disagreements.append("date")
        if len({(r.size_low, r.size_high) for r in sizes.itertuples()}) > 1:
            disagreements.append("size")
        if len(set(group["state_response"].fillna(""))) > 1:
            disagreements.append("state_response")
        placed = group.dropna(subset=["place_key"])
        where = placed.iloc[0] if not placed.empty else first
        rows.append(
            {
                "event_id": event_id,
                "form": first["form"],
                "status": statuses[0],
                "date": first["date"],
                "date_end": ends.max() if not ends.empty and ends.max() > first["date"] else pd.NaT,
                "date_precision": first["date_precision"],
                "place": where["place"],
                "region": where["region"],
                "country": where["country"],
                "lat": where["lat"],
                "lon": where["lon"],
                "n_reports": len(group),
                "n_docs": group["doc_id"].nunique(),
                "doc_ids": "; ".join(dict.fromkeys(group["doc_id"].astype(str))),
                "size_low": sizes["size_low"].min() if not sizes.empty else pd.NA,
                "size_high": sizes["size_high"].max() if not sizes.empty else pd.NA,
                "sizes_reported": "; ".join(
                    f"{r.size_low}–{r.size_high}" for r in sizes.itertuples()
                )
                or None,
                "actor": _joined(group["actor"]),
                "employer": _joined(group["employer"]),
                "claim_categories": _joined(group["claim_categories"]),
                "cause": _causes(group["cause"]),
                "state_response": _responses(group["state_response"]),
                "disagreements": ";".join(disagreements) or None,
            }
        )
    table = pd.DataFrame(rows, columns=EVENT_COLUMNS)
    for column in ("size_low", "size_high"):
        table[column] = table[column].astype("Int64")
    for column in ("date", "date_end"):
        table[column] = pd.to_datetime(table[column]).astype("datetime64[ns]")
    return table.reset_index(drop=True)


#: Mass Mobilization's participant bands; below 50 (which MM leaves out) is «<50».
_BANDS = [(50, "<50"), (100, "50-99"), (1000, "100-999"), (2000, "1000-1999"),
          (5000, "2000-4999"), (10001, "5000-10000")]  # fmt: skip


def participants_category(size_low) -> str | None:
    """Mass Mobilization's participants band for a size (its lower bound), or None."""
    if size_low is None or pd.isna(size_low):
        return None
    for bound, label in _BANDS:
        if size_low < bound:
            return label
    return ">10000"


#: Columns of :func:`mass_mobilization`, in order.
MM_COLUMNS = [
    "id",
    "country",
    "year",
    "region",
    "protest",
    "startday",
    "startmonth",
    "startyear",
    "endday",
    "endmonth",
    "endyear",
    "location",
    "participants_category",
    "participants",
    "protesteridentity",
    *[f"protesterdemand{i}" for i in range(1, 5)],
    *[f"stateresponse{i}" for i in range(1, 8)],
    "labour_cause",
    "form",
    "status",
    "sources",
    "notes",
]


def _text(value) -> str:
    return value if isinstance(value, str) else ""


def mass_mobilization(
    event_table: pd.DataFrame, reports: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The event table in Mass Mobilization's columns (see :data:`MM_COLUMNS`).

    ``protesterdemand1``…``4`` are the MM labels of the event's claims
    (their ``mm_label`` via the category), else derived from the labour
    cause (wages, arrears, layoffs, closure, conditions → «labor wage
    dispute»); ``stateresponse1``…``7`` map ours (detention and arrest →
    arrests, dispersal → crowd dispersal, shooting → shootings, killing →
    killings, negotiation and concession → accomodation, MM's spelling); an
    event that occurred with no response reported is coded «ignore», as MM
    does. ``labour_cause``, ``form`` and ``status`` are ours (CSLR-style).
    ``sources`` lists the reporting documents; ``notes`` the evidence of the
    first report when ``reports`` is given.
    """
    from helpers.demands.coding import category_table

    mm_of = {}
    try:
        categories = category_table()
        mm_of = dict(zip(categories["category"], categories["mass_mobilization"], strict=True))
    except (KeyError, ValueError):  # pragma: no cover - a rules file without the MM column
        mm_of = {}
    notes = {}
    if reports is not None and not reports.empty:
        notes = (
            reports.sort_values(["date", "doc_id"])
            .groupby("event_id")["evidence"]
            .first()
            .to_dict()
        )
    rows = []
    for e in event_table.itertuples():
        demands = []
        for category in _text(e.claim_categories).split("; "):
            label = mm_of.get(category.strip())
            if label and label not in demands:
                demands.append(label)
        if not demands and isinstance(e.cause, str):
            demands.append("labor wage dispute")
        responses = []
        for ours in _text(e.state_response).split(";"):
            label = lx.MM_RESPONSES.get(ours)
            if label and label not in responses:
                responses.append(label)
        if not responses and e.status == "occurred":
            responses.append("ignore")
        start, end = e.date, e.date_end if not pd.isna(e.date_end) else e.date
        row = {
            "id": e.event_id,
            "country": e.country,
            "year": start.year if not pd.isna(start) else None,
            "region": e.region,
            "protest": 1,
            "startday": start.day if not pd.isna(start) and e.date_precision == "day" else None,
            "startmonth": start.month
            if not pd.isna(start) and e.date_precision in {"day", "month"}
            else None,
            "startyear": start.year if not pd.isna(start) else None,
            "endday": end.day if not pd.isna(end) and e.date_precision == "day" else None,
            "endmonth": end.month
            if not pd.isna(end) and e.date_precision in {"day", "month"}
            else None,
            "endyear": end.year if not pd.isna(end) else None,
            "location": e.place,
            "participants_category": participants_category(e.size_low),
            "participants": e.sizes_reported,
            "protesteridentity": e.actor,
            "labour_cause": e.cause,
            "form": e.form,
            "status": e.status,
            "sources": e.doc_ids,
            "notes": notes.get(e.event_id),
        }
        for i in range(4):
            row[f"protesterdemand{i + 1}"] = demands[i] if i < len(demands) else None
        for i in range(7):
            row[f"stateresponse{i + 1}"] = responses[i] if i < len(responses) else None
        rows.append(row)
    table = pd.DataFrame(rows, columns=MM_COLUMNS)
    for column in ("year", "startday", "startmonth", "startyear", "endday", "endmonth", "endyear"):
        table[column] = table[column].astype("Int64")
    return table
