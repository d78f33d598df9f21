"""What notebook 03 shows, computed from the mentions table.

Every function takes the tidy table from :func:`helpers.entities.mentions`
(and the corpus where text or dates are needed), returns a tidy or pivoted
DataFrame sorted with ties broken by name, and keeps to the top-N entities so
the output reads the same on two documents and on ten thousand.
"""

from __future__ import annotations

from collections import Counter

import matplotlib as mpl
import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from helpers.context import in_context
from helpers.figures import COLORS, HEATMAP_CMAP, TYPE_COLORS, series_color, shorten, wrap

__all__ = [
    "TYPE_COLORS",
    "TYPE_NAMES",
    "UNIT_NAMES",
    "cooccurrence",
    "entity_document_matrix",
    "entity_table",
    "mentions_in_context",
    "mentions_over_time",
    "plot_cooccurrence_network",
    "plot_entity_document_matrix",
    "plot_mentions_over_time",
    "plot_top_entities",
    "without_credits",
]

TYPE_NAMES = {"PER": "people", "ORG": "organisations", "LOC": "places"}
#: What co-occurrence counts as "together", for titles and messages.
UNIT_NAMES = {"paragraph": "paragraph or list item", "sentence": "sentence", "document": "document"}
#: Largest group of linked entities drawn as a circle (the notebook draws at most 25 entities).
CIRCLE_MAX_NODES = 25
#: Width of one label character in the network's data units (for spacing groups apart).
_LABEL_CHAR = 0.3


def without_credits(mentions: pd.DataFrame, credits: bool = False) -> pd.DataFrame:
    """``mentions`` without agency credits («/ТАСС/», «(РИА Новости)»), unless ``credits``.

    A news archive credits its agencies in almost every text; counted as
    mentions they would top every chart and link every entity in the network.
    Tables without an ``is_credit`` column are returned as they are.
    """
    if credits or "is_credit" not in mentions:
        return mentions
    return mentions[~mentions["is_credit"].astype(bool)]


def entity_table(mentions: pd.DataFrame, *, credits: bool = False) -> pd.DataFrame:
    """One row per entity: ``canonical``, ``type``, ``mentions``, ``documents``, ``forms``.

    ``type`` is the type most of its mentions have (ties: PER, ORG, LOC);
    ``forms`` lists up to three spellings as written, most frequent first.
    Sorted by mentions, then documents, then name. Agency credits are left
    out unless ``credits=True`` (:func:`without_credits`).
    """
    mentions = without_credits(mentions, credits)
    columns = ["canonical", "type", "mentions", "documents", "forms"]
    if mentions.empty:
        return pd.DataFrame(columns=columns)
    # Vectorised: a large corpus has tens of thousands of entities.
    frame = mentions[["canonical", "type", "doc_id"]].assign(
        form=mentions["text"].str.replace("\n", " ")
    )
    per_entity = frame.groupby("canonical", sort=True).agg(
        mentions=("doc_id", "size"), documents=("doc_id", "nunique")
    )
    types = frame.groupby(["canonical", "type"]).size().rename("n").reset_index()
    types["order"] = types["type"].map({"PER": 0, "ORG": 1, "LOC": 2}).fillna(3)
    types = types.sort_values(["canonical", "n", "order"], ascending=[True, False, True])
    kind = types.drop_duplicates("canonical").set_index("canonical")["type"]
    forms = frame.groupby(["canonical", "form"]).size().rename("n").reset_index()
    forms = forms.sort_values(["canonical", "n", "form"], ascending=[True, False, True])
    top_forms = forms.groupby("canonical").head(3).groupby("canonical")["form"].agg("; ".join)
    table = per_entity.assign(type=kind, forms=top_forms).reset_index()[columns]
    return table.sort_values(
        ["mentions", "documents", "canonical"], ascending=[False, False, True], kind="stable"
    ).reset_index(drop=True)


def _top(mentions: pd.DataFrame, top: int) -> list[str]:
    return entity_table(mentions)["canonical"].head(top).tolist()


def entity_document_matrix(
    mentions: pd.DataFrame, top: int = 20, documents: int = 30, *, credits: bool = False
) -> pd.DataFrame:
    """Mentions of the ``top`` entities (rows) in the ``documents`` naming them most (columns).

    Agency credits are left out unless ``credits=True``.
    """
    mentions = without_credits(mentions, credits)
    names = _top(mentions, top)
    subset = mentions[mentions["canonical"].isin(names)]
    counts = subset.pivot_table(
        index="canonical", columns="doc_id", values="start", aggfunc="size", fill_value=0
    )
    if counts.empty:
        return counts
    totals = counts.sum(axis=0)
    docs = sorted(totals.index, key=lambda d: (-totals[d], d))[:documents]
    return counts.loc[names, sorted(docs)]


def cooccurrence(
    mentions: pd.DataFrame,
    top: int = 30,
    within: str = "paragraph",
    corpus: pd.DataFrame | None = None,
    *,
    credits: bool = False,
) -> pd.DataFrame:
    """Pairs of the ``top`` entities named in the same paragraph (or sentence, or document).

    Agency credits are left out unless ``credits=True``: an agency credited in
    every text would otherwise be linked to everything.

    ``within`` is ``"paragraph"`` (a paragraph or list item: the mentions'
    ``para``), ``"sentence"`` (their ``sent``, the sentences of the token table)
    or ``"document"``; ``corpus`` is not needed (kept for older calls). Returns
    ``source``, ``target`` (alphabetical within a pair) and ``weight``, the
    number of such units naming both, strongest first; ``attrs["within"]``
    records the unit, for the network's title.
    """
    mentions = without_credits(mentions, credits)
    names = set(_top(mentions, top))
    subset = mentions[mentions["canonical"].isin(names)]
    if within == "paragraph":
        unit = subset["para"]
    elif within == "document":
        unit = pd.Series(0, index=subset.index)
    elif within == "sentence":
        unit = subset["sent"]
    else:
        raise ValueError(f"within must be 'paragraph', 'sentence' or 'document', not {within!r}")
    # Each unit once per entity, then every pair of entities sharing a unit (a self-join).
    units = pd.DataFrame(
        {
            "doc_id": subset["doc_id"].to_numpy(),
            "unit": np.asarray(unit),
            "name": subset["canonical"],
        }
    ).drop_duplicates()
    joined = units.merge(units, on=["doc_id", "unit"], suffixes=("_a", "_b"))
    joined = joined[joined["name_a"] < joined["name_b"]]
    edges = (
        joined.groupby(["name_a", "name_b"])
        .size()
        .rename("weight")
        .reset_index()
        .rename(columns={"name_a": "source", "name_b": "target"})
    )
    edges = edges.astype({"weight": "int64"})
    edges = edges.sort_values(
        ["weight", "source", "target"], ascending=[False, True, True], kind="stable"
    ).reset_index(drop=True)
    edges.attrs["within"] = within
    return edges


def mentions_in_context(
    mentions: pd.DataFrame,
    corpus: pd.DataFrame,
    entities: list[str] | None = None,
    per_entity: int = 3,
    width: int = 60,
) -> pd.DataFrame:
    """A few mentions of each entity with ``width`` characters either side (keyword in context).

    ``entities`` defaults to the five most mentioned. The first mentions in
    document order are shown, at most one per document while others remain.
    """
    if entities is None:
        entities = _top(mentions, 5)
    chosen = []
    for name in entities:
        group = mentions[mentions["canonical"] == name].sort_values(["doc_id", "start"])
        first = group.drop_duplicates("doc_id")
        chosen.append(pd.concat([first, group.drop(first.index)]).head(per_entity))
    columns = ["canonical", "doc_id", "start", "stop"]
    spans = pd.concat(chosen)[columns] if chosen else mentions[columns].iloc[:0]
    lines = in_context(corpus, spans, width=width).rename(columns={"match": "mention"})
    return lines[["canonical", "doc_id", "left", "mention", "right"]]


def mentions_over_time(
    mentions: pd.DataFrame,
    corpus: pd.DataFrame,
    top: int = 6,
    freq: str = "YS",
    *,
    credits: bool = False,
) -> pd.DataFrame:
    """Each of the ``top`` entities' share of the documents of each period: one row per pair.

    Columns: ``period`` (its first day), ``canonical``, ``documents`` (dated
    documents of the period naming the entity), ``period_documents`` (all
    dated documents of the period) and ``share`` (the one over the other,
    0 when the period has no document). A share, not a count, so a year in
    which more articles were collected does not look like a year the entity
    was talked about more; ``period_documents`` says how much each share
    rests on. Every period from the first to the last dated document is
    present; undated documents are left out. Empty when no dated document
    names one of the entities. Agency credits are left out unless ``credits=True``.
    """
    mentions = without_credits(mentions, credits)
    columns = ["period", "canonical", "documents", "period_documents", "share"]
    names = _top(mentions, top)
    dates = corpus.set_index("doc_id")["date"].dropna()
    subset = mentions[mentions["canonical"].isin(names) & mentions["doc_id"].isin(dates.index)]
    if subset.empty:
        return pd.DataFrame(columns=columns)
    code = freq[0]
    pairs = subset[["doc_id", "canonical"]].drop_duplicates()
    pairs = pairs.assign(period=dates.loc[pairs["doc_id"]].dt.to_period(code).to_numpy())
    naming = pairs.groupby(["period", "canonical"]).size()
    periods = pd.period_range(dates.min(), dates.max(), freq=code)
    per_period = dates.dt.to_period(code).value_counts().reindex(periods, fill_value=0)
    present = [n for n in names if n in set(pairs["canonical"])]
    grid = pd.MultiIndex.from_product([periods, present], names=["period", "canonical"])
    table = naming.reindex(grid, fill_value=0).rename("documents").reset_index()
    table["period_documents"] = per_period.loc[table["period"]].to_numpy()
    table["share"] = (table["documents"] / table["period_documents"].where(lambda n: n > 0)).fillna(
        0.0
    )
    table["period"] = table["period"].dt.to_timestamp()
    return table[columns].astype({"documents": "int64", "period_documents": "int64"})


# ----------------------------------------------------------------------------- figures


def plot_top_entities(entities: pd.DataFrame, top: int = 12) -> tuple[Figure, pd.DataFrame]:
    """Three bar charts side by side: the most mentioned people, organisations and places.

    Long names are wrapped on two lines of 30 characters, not cut. Returns the
    figure and the rows of ``entities`` (:func:`entity_table`) it draws.
    """
    plotted = entities.groupby("type", group_keys=False, sort=False).head(top)
    if entities.empty:
        fig, ax = plt.subplots(figsize=(10, 2.2))
        ax.axis("off")
        ax.set_title("The most mentioned entities")
        ax.text(0.5, 0.5, "No entities found", ha="center", va="center", transform=ax.transAxes)
        return fig, plotted
    fig, axes = plt.subplots(1, 3, figsize=(16, max(3.0, 0.5 * top + 1.5)))
    for ax, kind in zip(axes, ("PER", "ORG", "LOC"), strict=True):
        part = entities[entities["type"] == kind].head(top).iloc[::-1]
        ax.barh(
            [wrap(name, 30) for name in part["canonical"]],
            part["mentions"],
            color=TYPE_COLORS[kind],
        )
        ax.set_title(f"{kind}: {TYPE_NAMES[kind]}")
        ax.set_xlabel("mentions")
        ax.grid(axis="y", visible=False)
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.tick_params(axis="y", labelsize=9)
        # Same bar thickness in every panel: a short list fills the top slots.
        ax.set_ylim(len(part) - top - 0.5, len(part) - 0.5)
        if part.empty:
            ax.text(0.5, 0.5, "none found", ha="center", va="center", transform=ax.transAxes)
            ax.set_yticks([])
    fig.suptitle(f"The most mentioned entities of each type (top {top})")
    fig.tight_layout()
    return fig, plotted


def plot_entity_document_matrix(
    matrix: pd.DataFrame, titles: dict | None = None
) -> tuple[Figure, pd.DataFrame]:
    """Heatmap of mentions per entity (rows) and document (columns); returns it with ``matrix``.

    ``titles`` maps a ``doc_id`` to the label of its column (e.g. the
    document's title from :func:`helpers.figures.document_titles`); a
    document without one is labelled by its ``doc_id``.
    """
    fig, ax = plt.subplots(
        figsize=(
            max(6.0, (1.5 if matrix.shape[1] <= 8 else 0.35) * matrix.shape[1] + 4),
            max(3.0, 0.32 * matrix.shape[0] + 1.5),
        )
        if not matrix.empty
        else (10, 2.2)
    )
    ax.set_title("Mentions per entity and document")
    if matrix.empty:
        ax.axis("off")
        ax.text(0.5, 0.5, "No entities found", ha="center", va="center", transform=ax.transAxes)
        return fig, matrix
    image = ax.imshow(matrix.to_numpy(), aspect="auto", cmap=HEATMAP_CMAP)
    ax.set_yticks(range(matrix.shape[0]), [shorten(s, 40) for s in matrix.index])
    names = [str((titles or {}).get(d) or d) for d in matrix.columns]
    if matrix.shape[1] <= 8:  # few columns: each title upright on a few short lines
        ax.set_xticks(range(matrix.shape[1]), [wrap(n, 22, lines=4) for n in names], fontsize=8)
    else:
        ax.set_xticks(
            range(matrix.shape[1]),
            [shorten(n, 40) for n in names],
            rotation=60,
            ha="right",
            fontsize=8,
        )
    ax.grid(False)
    if matrix.size <= 400:
        for (i, j), value in np.ndenumerate(matrix.to_numpy()):
            if value:
                ax.text(
                    j,
                    i,
                    str(value),
                    ha="center",
                    va="center",
                    fontsize=7,
                    color="white" if value > matrix.to_numpy().max() / 2 else "black",
                )
    fig.colorbar(image, ax=ax, label="mentions", shrink=0.8)
    ax.set_xlabel("document" if titles is None else "document (title)")
    fig.tight_layout()
    return fig, matrix


def plot_cooccurrence_network(
    edges: pd.DataFrame,
    entities: pd.DataFrame,
    min_weight: int = 1,
    max_edges: int = 60,
    within: str | None = None,
) -> tuple[Figure, pd.DataFrame]:
    """The co-occurrence network: node size by mentions, colour by type, edge width by weight.

    Only pairs named together at least ``min_weight`` times are drawn, and of
    those the ``max_edges`` strongest (``edges`` comes sorted strongest first),
    so a large corpus where everything meets everything still gives a readable
    picture of the strongest links. ``within`` names the unit for the title
    (default: the one :func:`cooccurrence` recorded). Returns the figure and
    the edges it draws.
    """
    import networkx as nx

    unit = UNIT_NAMES.get(within or edges.attrs.get("within", "paragraph"), "paragraph")
    graph = nx.Graph()
    kept = edges[edges["weight"] >= min_weight].head(max_edges)
    for row in kept.itertuples():
        graph.add_edge(row.source, row.target, weight=row.weight)
    fig, ax = plt.subplots(figsize=(13, 7.5) if graph.number_of_nodes() else (10, 2.2))
    ax.axis("off")
    if graph.number_of_nodes() == 0:
        ax.set_title("Entities named together")
        ax.text(
            0.5,
            0.5,
            f"No two of the most mentioned entities are named in the same {unit}"
            + (f" at least {min_weight} times" if min_weight > 1 else ""),
            ha="center",
            va="center",
            transform=ax.transAxes,
        )
        return fig, kept.reset_index(drop=True)
    info = entities.set_index("canonical")
    nodes = sorted(graph.nodes)
    position, centres = _component_layout(graph)
    sizes = [120 + 900 * np.sqrt(info.loc[n, "mentions"] / info["mentions"].max()) for n in nodes]
    colors = [TYPE_COLORS.get(info.loc[n, "type"], COLORS["faint"]) for n in nodes]
    weights = np.array([graph[a][b]["weight"] for a, b in graph.edges])
    nx.draw_networkx_edges(
        graph,
        position,
        ax=ax,
        width=0.5 + 4 * weights / weights.max(),
        alpha=0.3,
        edge_color=COLORS["muted"],
    )
    nx.draw_networkx_nodes(
        graph,
        position,
        nodelist=nodes,
        ax=ax,
        node_size=sizes,
        node_color=colors,
        alpha=0.9,
        linewidths=0.5,
        edgecolors="white",
    )
    group_size = Counter(centres.values())
    for name, size in zip(nodes, sizes, strict=True):
        x, y = position[name]
        cx, cy = centres[name]
        dx, dy = x - cx, y - cy
        norm = float(np.hypot(dx, dy)) or 1.0
        gap = np.sqrt(size) / 2 + 3  # just outside the node's disc, in points
        offset = (gap * dx / norm, gap * dy / norm)
        style = {
            "fontsize": 9,
            "bbox": {"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8},
            "textcoords": "offset points",
        }
        if group_size[centres[name]] > 8:
            # A large circle: labels run outwards along the radius, like spokes, so
            # neighbours' labels never overlap however many entities the circle holds.
            angle = float(np.degrees(np.arctan2(dy, dx)))
            left_side = dx < 0
            ax.annotate(
                shorten(name, 40),
                (x, y),
                xytext=offset,
                rotation=angle + 180 if left_side else angle,
                rotation_mode="anchor",
                ha="right" if left_side else "left",
                va="center",
                **style,
            )
            continue
        # A small circle: labels point away from its centre, horizontal.
        ax.annotate(
            shorten(name, 40),
            (x, y),
            xytext=offset,
            ha="left" if dx / norm > 0.3 else "right" if dx / norm < -0.3 else "center",
            va="bottom" if dy / norm > 0.3 else "top" if dy / norm < -0.3 else "center",
            **style,
        )
    handles = [
        plt.Line2D([], [], marker="o", ls="", color=c, label=f"{k}: {TYPE_NAMES[k]}", markersize=9)
        for k, c in TYPE_COLORS.items()
    ]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0, -0.02), ncol=3, frameon=False)
    ax.set_aspect("equal")
    _fit_labels(ax, position)
    ax.set_title(
        f"Entities named in the same {unit} (line width: how often; "
        f"{graph.number_of_nodes()} entities, {graph.number_of_edges()} links)"
    )
    return fig, kept.reset_index(drop=True)


def _fit_labels(ax, position: dict, rounds: int = 4) -> None:
    """Widen the axes' data limits until every node and label lies inside them.

    Labels are sized in points, so how much room they take in data units
    depends on the limits; a few rounds of measuring and widening settle it.
    Keeps the labels clear of the title above and the legend below.
    """
    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    xy = np.array(list(position.values()), dtype=float)
    for _ in range(rounds):
        ax.apply_aspect()
        inverse = ax.transData.inverted()
        corners = [xy]
        for text in ax.texts:
            box = text.get_window_extent(renderer)
            corners.append(inverse.transform([[box.x0, box.y0], [box.x1, box.y1]]))
        points = np.vstack(corners)
        (x0, y0), (x1, y1) = points.min(axis=0), points.max(axis=0)
        pad_x, pad_y = 0.04 * (x1 - x0) + 0.3, 0.04 * (y1 - y0) + 0.3
        ax.set_xlim(x0 - pad_x, x1 + pad_x)
        ax.set_ylim(y0 - pad_y, y1 + pad_y)


def _neighbour_order(graph) -> list:
    """Nodes in breadth-first order from the most linked one, strongest links first."""
    start = max(sorted(graph.nodes), key=lambda n: graph.degree(n, weight="weight"))
    order, queue, seen = [], [start], {start}
    while queue:
        node = queue.pop(0)
        order.append(node)
        nexts = sorted(graph[node], key=lambda m: (-graph[node][m]["weight"], m))
        for other in nexts:
            if other not in seen:
                seen.add(other)
                queue.append(other)
    return order


def _component_layout(graph) -> tuple[dict, dict]:
    """Node positions: each connected group laid out on its own, groups side by side.

    A group of up to :data:`CIRCLE_MAX_NODES` entities (or a dense one) is
    drawn as a circle with linked entities next to each other, so every label
    has room; a larger, sparse one with a seeded spring layout;
    a group's radius grows with the square root of its size. Also returns each
    node's group centre, for placing labels outwards. Groups stand apart by
    the room their labels take (an estimate of :data:`_LABEL_CHAR` data units
    per character), so one group's labels do not run into the next group.
    """
    import networkx as nx

    groups = sorted(nx.connected_components(graph), key=lambda c: (-len(c), sorted(c)[0]))
    position: dict = {}
    centres: dict = {}
    x = 0.0
    for group in groups:
        sub = graph.subgraph(sorted(group))
        n = len(group)
        radius = max(1.0, np.sqrt(n) * 0.8)
        if n <= CIRCLE_MAX_NODES or nx.density(sub) > 0.5:
            local = nx.circular_layout(_neighbour_order(sub))
        else:
            local = nx.spring_layout(sub, seed=0, k=2.5 / np.sqrt(n), iterations=300)
        coords = np.array([local[node] for node in sorted(group)], dtype=float)
        coords -= coords.mean(axis=0)
        extent = np.abs(coords).max() or 1.0
        coords = coords / extent * radius
        left, right = radius, radius
        for node, (px, py) in zip(sorted(group), coords, strict=True):
            reach = _LABEL_CHAR * len(shorten(str(node), 40)) + 0.5
            ux = px / (float(np.hypot(px, py)) or 1.0)
            right = max(right, px + max(ux * reach, reach / 2 if abs(ux) <= 0.3 else 0))
            left = max(left, -px + max(-ux * reach, reach / 2 if abs(ux) <= 0.3 else 0))
        centre = (x + left, 0.0)
        for node, (px, py) in zip(sorted(group), coords, strict=True):
            position[node] = (centre[0] + px, centre[1] + py)
            centres[node] = centre
        x += left + right + 1.0
    return position, centres


def plot_mentions_over_time(table: pd.DataFrame) -> tuple[Figure, pd.DataFrame]:
    """Each entity's share of the documents of each period, over the documents per period.

    ``table`` is :func:`mentions_over_time`. The upper panel draws the share
    (grouped bars for up to six yearly periods, lines otherwise); the lower
    one the number of dated documents per period, so a share that rests on
    two documents is seen as such. Yearly periods are drawn on an axis of
    whole years. Returns the figure and ``table``.
    """
    fig, (ax, base) = plt.subplots(
        2, 1, figsize=(10, 5.5), sharex=True, gridspec_kw={"height_ratios": [3, 1]}
    )
    periods = pd.DatetimeIndex(sorted(set(table["period"])))
    yearly = bool(len(periods)) and bool(((periods.month == 1) & (periods.day == 1)).all())
    x = np.asarray(periods.year) if yearly else mdates.date2num(periods)
    names = list(dict.fromkeys(table["canonical"]))
    shares = table.pivot_table(
        index="period", columns="canonical", values="share", aggfunc="first"
    ).reindex(index=periods, columns=names)
    per_period = table.groupby("period")["period_documents"].first().reindex(periods)
    bars = yearly and len(periods) <= 6
    if bars:
        width = 0.8 / max(1, len(names))
        for k, name in enumerate(names):
            offset = (k - (len(names) - 1) / 2) * width
            ax.bar(
                x + offset,
                shares[name],
                width=width,
                label=shorten(name, 30),
                color=series_color(k),
            )
        base.bar(x, per_period, width=0.6, color=COLORS["faint"])
        base.set_xticks(x, [str(year) for year in x])
        ax.grid(axis="x", visible=False)
    else:
        for k, name in enumerate(names):
            ax.plot(
                x,
                shares[name],
                marker="o",
                markersize=3,
                label=shorten(name, 30),
                color=series_color(k),
            )
        step = float(np.diff(x).min()) if len(x) > 1 else 1.0
        base.bar(x, per_period, width=step * 0.8, color=COLORS["faint"])
        if yearly:
            base.xaxis.get_major_locator().set_params(integer=True)
        else:
            locator = mdates.AutoDateLocator(minticks=3, maxticks=9)
            base.xaxis.set_major_locator(locator)
            base.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    for xi, n in zip(x, per_period, strict=True):
        base.text(xi, n, f"{n:,}", ha="center", va="bottom", fontsize=7, color=COLORS["muted"])
    ax.yaxis.set_major_formatter(mpl.ticker.PercentFormatter(1.0, decimals=0))
    ax.set_ylim(0, 1.05)
    ax.set_ylabel("share of the documents")
    base.set_ylabel("documents")
    base.set_ylim(0, max(1, per_period.max()) * 1.35)
    base.yaxis.get_major_locator().set_params(integer=True)
    base.grid(axis="x", visible=False)
    base.set_xlabel("year" if yearly else "period")
    unit = "year" if yearly else "period"
    ax.set_title(f"Share of each {unit}'s documents naming the most mentioned entities")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    fig.tight_layout()
    return fig, table


def findings(mentions: pd.DataFrame, table: pd.DataFrame, edges: pd.DataFrame) -> list[str]:
    """What notebook 03 found in this corpus, as Markdown bullets computed from its tables.

    ``table`` from :func:`entity_table`, ``edges`` from :func:`cooccurrence`;
    agency credits are left out, as there. Entity names are escaped.
    """
    from helpers.prose import count, quote

    mentions = without_credits(mentions)  # as in the table and the charts
    if mentions.empty:
        return ["The tagger found no person, organisation or place in this corpus."]
    lines = [
        f"{count(len(mentions), 'mention')} of {count(len(table), 'entity', 'entities')} "
        f"in {count(mentions['doc_id'].nunique(), 'document')}."
    ]
    for kind in ("PER", "ORG", "LOC"):
        part = table[table["type"] == kind].head(3)
        if part.empty:
            lines.append(f"No {TYPE_NAMES[kind]} found.")
            continue
        named = ", ".join(
            f"{quote(r.canonical)} ({r.mentions:,} in {count(r.documents, 'document')})"
            for r in part.itertuples()
        )
        lines.append(f"Most mentioned {TYPE_NAMES[kind]}: {named}.")
    if len(edges):
        first = edges.iloc[0]
        within = edges.attrs.get("within", "paragraph")
        units = {"paragraph": "paragraphs or list items"}.get(within, f"{within}s")
        unit = count(int(first["weight"]), UNIT_NAMES.get(within, within), units)
        lines.append(
            f"Most often named together: {quote(first['source'])} and {quote(first['target'])} "
            f"(in {unit})."
        )
    shared = int((table["documents"] > 1).sum())
    lines.append(f"{count(shared, 'entity', 'entities')} appear in more than one document.")
    return lines
