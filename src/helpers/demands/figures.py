"""Tables and figures of notebook 04 (demand lists), built from :func:`helpers.demands.demands`.

Every figure function returns ``(fig, data)``: the matplotlib Figure and the
tidy table it was drawn from, ready for :func:`helpers.figures.save_figure`.
Tables are aggregated or cut to a top-N so they read the same on two
documents and on ten thousand; ties are broken by name, so reruns are
identical.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from pandas.io.formats.style import Styler

from helpers.demands.coding import FORMS, category_table
from helpers.display import styled
from helpers.figures import COLORS, HEATMAP_CMAP, KIND_COLORS, series_color, wrap
from helpers.nlp.lemmatizer import get_lemmatizer
from helpers.nlp.patterns import WORD

__all__ = [
    "NO_DEMANDS",
    "action_labels",
    "actions_figure",
    "category_figure",
    "category_labels",
    "form_category_figure",
    "largest_lists",
    "nested_table",
    "pick_structured_list",
    "refused_lists",
    "rule_summary",
    "show_nested_table",
    "structure_figure",
]

KINDS = ("demand", "slogan", "call")
#: What a figure says when the corpus has no demands, slogans or calls.
NO_DEMANDS = "No demands, slogans or calls found in this corpus"


def _empty_figure(title: str, message: str = NO_DEMANDS) -> Figure:
    """A small figure that says plainly there is nothing to draw (instead of failing)."""
    fig, ax = plt.subplots(figsize=(8, 2.2))
    ax.axis("off")
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=11, color=COLORS["empty"])
    ax.set_title(title)
    return fig


def category_labels() -> dict[str, str]:
    """Readable label of each category id («union_rights» → «Union and strike rights»)."""
    table = category_table()
    return dict(zip(table["category"], table["label"], strict=True))


def action_labels(items: pd.DataFrame) -> dict[str, str]:
    """How to print each action lemma: capitalised when the texts write it as a proper name.

    An action is a proper name here when, over all items, its words are more
    often written with a capital inside a sentence (not an item's first word,
    not after «.», «!», «?»; not in capitals throughout) than in lower case
    anywhere: «Свободу Казахстану!» → «Казахстан», while «прекратить» stays
    lower case even where a sentence or a quotation opens with it.
    """
    actions = set(items["action"].dropna())
    capital: Counter[str] = Counter()
    lower: Counter[str] = Counter()
    lemmatize = get_lemmatizer().lemma
    for text in items["text"]:
        for i, m in enumerate(WORD.finditer(text)):
            word = m.group()
            if word.isupper() and len(word) > 1:
                continue
            if word[0].islower():
                lemma = lemmatize(word)
                if lemma in actions:
                    lower[lemma] += 1
                continue
            if i == 0 or text[: m.start()].rstrip().endswith((".", "!", "?", "«", '"')):
                continue
            lemma = lemmatize(word)
            if lemma in actions:
                capital[lemma] += 1
    return {a: a[:1].upper() + a[1:] if capital[a] > lower[a] else a for a in sorted(actions)}


def rule_summary(items: pd.DataFrame, lists: pd.DataFrame) -> pd.DataFrame:
    """How the items were found: one row per rule, with items, lists and documents.

    Refused lists are counted under their reason with zero items taken.
    """
    taken = (
        items.groupby("rule")
        .agg(items=("text", "size"), documents=("doc_id", "nunique"))
        .join(lists[lists["taken"]].groupby("rule").size().rename("lists"))
    )
    refused = (
        lists[~lists["taken"]]
        .groupby("rule")
        .agg(lists=("list_id", "size"), documents=("doc_id", "nunique"))
        .assign(items=0)
    )
    table = pd.concat([taken, refused])[["lists", "items", "documents"]].fillna(0).astype("int64")
    table.index.name = "rule"
    return table.sort_values(["items", "lists"], ascending=False, kind="stable")


def largest_lists(items: pd.DataFrame, n: int = 3) -> list[str]:
    """The ``n`` documents with the most items (ties by doc_id): the ones worth reading first."""
    counts = items.groupby("doc_id").size().rename("n").reset_index()
    counts = counts.sort_values(["n", "doc_id"], ascending=[False, True], kind="stable")
    return counts["doc_id"].head(n).tolist()


def nested_table(
    items: pd.DataFrame, doc_id: str | None = None, *, width: int = 90
) -> pd.DataFrame:
    """One document's demands as a readable nested table (default: the document with most items).

    One row per item in text order; sub-items are indented under their parent
    («1.2»), text shortened to ``width`` characters, with kind, form,
    category and target beside it (empty where no target is named).
    """
    columns = ["list", "item", "text", "kind", "form", "category", "target"]
    if items.empty:
        return pd.DataFrame(columns=columns)
    if doc_id is None:
        doc_id = largest_lists(items, 1)[0]
    rows = items[items["doc_id"] == doc_id].sort_values("start", kind="stable")
    shown = []
    for r in rows.itertuples():
        text = " ".join(r.text.split())
        if len(text) > width:
            text = text[: width - 1].rstrip() + "…"
        indent = "\u2003\u2003" * int(r.level)
        shown.append(
            {
                "list": int(r.list_id),
                "item": f"{indent}{r.item}",
                "text": f"{indent}{text}",
                "kind": r.kind,
                "form": r.form,
                "category": r.category,
                "target": r.target if isinstance(r.target, str) else "",
            }
        )
    return pd.DataFrame(shown, columns=columns)


def show_nested_table(items: pd.DataFrame, doc_id: str | None = None, **kwargs: Any) -> Styler:
    """:func:`nested_table` for display: escaped (:func:`helpers.display.styled`), text left."""
    table = nested_table(items, doc_id, **kwargs)
    return (
        styled(table).hide(axis="index").set_properties(subset=["text"], **{"text-align": "left"})
    )


def refused_lists(lists: pd.DataFrame, n: int = 10) -> pd.DataFrame:
    """Lists the parser saw and did not take, most common reasons first, with an example header."""
    refused = lists[~lists["taken"]]
    if refused.empty:
        return pd.DataFrame(columns=["reason", "lists", "documents", "example header"])
    table = (
        refused.sort_values(["doc_id", "list_id"], kind="stable")
        .groupby("rule")
        .agg(
            lists=("list_id", "size"),
            documents=("doc_id", "nunique"),
            example=("header", lambda s: next((h for h in s if isinstance(h, str)), None)),
        )
        .reset_index()
        .rename(columns={"rule": "reason", "example": "example header"})
    )
    return table.sort_values(["lists", "reason"], ascending=[False, True], kind="stable").head(n)


def _category_order(items: pd.DataFrame) -> list[str]:
    counts = items["category"].value_counts()
    return sorted(counts.index, key=lambda c: (-counts[c], c))


def category_figure(items: pd.DataFrame) -> tuple[Figure, pd.DataFrame]:
    """Bars of items per category, stacked by kind; labels carry the Mass Mobilization label."""
    scheme = category_table().set_index("category")
    if items.empty:
        data = pd.DataFrame(columns=["label", "mass_mobilization", *KINDS, "total"])
        data.index.name = "category"
        return _empty_figure("What is demanded: items per category"), data
    order = _category_order(items)
    counts = pd.crosstab(items["category"], items["kind"]).reindex(index=order)
    counts = counts.reindex(columns=[k for k in KINDS if k in counts.columns], fill_value=0)
    counts.columns.name = None
    data = counts.copy()
    data["total"] = data.sum(axis=1)
    data.insert(0, "mass_mobilization", [scheme["mass_mobilization"].get(c) for c in order])
    data.insert(0, "label", [scheme["label"].get(c, c) for c in order])

    fig, ax = plt.subplots(figsize=(9, max(2.5, 0.45 * len(order) + 1.2)))
    left = pd.Series(0, index=order)
    for kind in counts.columns:
        ax.barh(order, counts[kind], left=left, color=KIND_COLORS[kind], label=kind)
        left = left + counts[kind]
    mm = data["mass_mobilization"].where(data["mass_mobilization"].notna(), "no MM label")
    labels = [f"{label}\n({m})" for label, m in zip(data["label"], mm, strict=True)]
    ax.set_yticks(range(len(order)), labels, fontsize=8)
    ax.invert_yaxis()
    for y, total in enumerate(data["total"]):
        ax.text(total, y, f" {total}", va="center", fontsize=8)
    ax.set_xlabel("demands, slogans and calls")
    ax.set_title("What is demanded: items per category (nearest Mass Mobilization label)")
    ax.legend(title="kind", frameon=False, loc="lower right")
    ax.grid(axis="y", visible=False)
    ax.set_xlim(0, max(1, int(data["total"].max())) * 1.1)
    return fig, data


def form_category_figure(items: pd.DataFrame) -> tuple[Figure, pd.DataFrame]:
    """Heatmap: how each category is phrased (rows) by grammatical form (columns), with counts.

    Rows are labelled with the categories' readable labels; the table keeps the ids.
    """
    if items.empty:
        table = pd.DataFrame(columns=list(FORMS), dtype="int64")
        table.index.name = "category"
        return _empty_figure("How each category is phrased: form × category"), table
    order = _category_order(items)
    forms = [f for f in FORMS if f in set(items["form"])]
    table = pd.crosstab(items["category"], items["form"]).reindex(index=order)
    table = table.reindex(columns=forms, fill_value=0)
    table.columns.name = None
    fig, ax = plt.subplots(figsize=(1.2 * len(forms) + 3, 0.45 * len(order) + 1.5))
    image = ax.imshow(table.to_numpy(), cmap=HEATMAP_CMAP, aspect="auto")
    peak = max(int(table.to_numpy().max()), 1)
    for (i, j), value in np.ndenumerate(table.to_numpy()):
        if value:
            colour = "white" if value > 0.6 * peak else "black"
            ax.text(j, i, str(value), ha="center", va="center", fontsize=9, color=colour)
    ax.set_xticks(range(len(forms)), forms, rotation=30, ha="right")
    labels = category_labels()
    ax.set_yticks(range(len(order)), [wrap(labels.get(c, c), 40, lines=None) for c in order])
    ax.grid(False)
    ax.set_title("How each category is phrased: form × category")
    fig.colorbar(image, ax=ax, shrink=0.8, label="items")
    table.index.name = "category"
    return fig, table


def actions_figure(items: pd.DataFrame, top: int = 15) -> tuple[Figure, pd.DataFrame]:
    """Horizontal bars: the most demanded actions (lemma of the leading verb or noun).

    An action the item opposes («Не дадим закрыть …», «Нет – закрытию …»:
    form ``against``) is counted apart from the same action demanded
    («Закрыть уголовные дела»), and printed «against: закрыть»: the two mean
    opposite things. Proper names are printed capitalised
    (:func:`action_labels`); the table's ``action`` column keeps the lemma,
    ``against`` the stance, ``label`` the printed form.
    """
    known = items.dropna(subset=["action"]).assign(against=lambda d: d["form"] == "against")
    if known.empty:
        data = pd.DataFrame(
            columns=["action", "against", "label", "items", "documents", "main_form"]
        )
        return _empty_figure("Most demanded actions"), data
    grouped = known.groupby(["action", "against"])
    data = pd.DataFrame(
        {
            "items": grouped.size(),
            "documents": grouped["doc_id"].nunique(),
            "main_form": grouped["form"].agg(lambda s: s.value_counts().sort_index().idxmax()),
        }
    ).reset_index()
    data = data.sort_values(
        ["items", "action", "against"], ascending=[False, True, True], kind="stable"
    ).head(top)
    printed = action_labels(known)
    data.insert(
        2,
        "label",
        [
            f"against: {printed[a]}" if against else printed[a]
            for a, against in zip(data["action"], data["against"], strict=True)
        ],
    )
    form_colours = {f: series_color(i) for i, f in enumerate(FORMS)}
    fig, ax = plt.subplots(figsize=(8, max(2.5, 0.35 * len(data) + 1.2)))
    ax.barh(data["label"], data["items"], color=[form_colours[f] for f in data["main_form"]])
    ax.invert_yaxis()
    for y, (count, docs) in enumerate(zip(data["items"], data["documents"], strict=True)):
        ax.text(count, y, f" {count} in {docs} doc.", va="center", fontsize=8)
    shown = [f for f in FORMS if f in set(data["main_form"])]
    handles = [plt.Line2D([], [], marker="s", ls="", color=form_colours[f], label=f) for f in shown]
    ax.legend(handles=handles, title="usual form", frameon=False, loc="lower right", fontsize=8)
    ax.set_xlabel("items")
    ax.set_title(f"Most demanded actions (top {len(data)})")
    ax.grid(axis="y", visible=False)
    ax.set_xlim(0, max(1, int(data["items"].max())) * 1.3)
    return fig, data


def pick_structured_list(items: pd.DataFrame) -> tuple[str, int]:
    """The list with the most sub-items (then most items, then doc_id): the richest structure."""
    if items.empty:
        raise ValueError("no demands found: nothing to draw")
    sizes = (
        items.groupby(["doc_id", "list_id"])
        .agg(sub=("level", lambda s: int((s > 0).sum())), n=("item", "size"))
        .reset_index()
        .sort_values(["sub", "n", "doc_id", "list_id"], ascending=[False, False, True, True])
    )
    first = sizes.iloc[0]
    return str(first["doc_id"]), int(first["list_id"])


def structure_figure(
    items: pd.DataFrame, doc_id: str | None = None, list_id: int | None = None, *, width: int = 75
) -> tuple[Figure, pd.DataFrame]:
    """One list drawn as an indented tree: each demand a box, its sub-items hanging below it.

    Defaults to the list with the richest structure (:func:`pick_structured_list`).
    Labels are wrapped at ``width`` characters; box colours show the category.
    """
    if items.empty and doc_id is None:
        data = pd.DataFrame(
            columns=[
                "doc_id",
                "list_id",
                "item",
                "parent",
                "level",
                "kind",
                "form",
                "category",
                "text",
            ]
        )
        return _empty_figure("Structure of one list"), data
    if doc_id is None or list_id is None:
        doc_id, list_id = pick_structured_list(items)
    rows = items[(items["doc_id"] == doc_id) & (items["list_id"] == list_id)]
    if rows.empty:
        raise ValueError(f"{doc_id}: no list {list_id} among the demands")
    rows = rows.sort_values("start", kind="stable")
    categories = sorted(rows["category"].unique())
    colour = {c: mpl.colors.to_rgba(series_color(i)) for i, c in enumerate(categories)}

    blocks = []
    for r in rows.itertuples():
        label = wrap(r.text, width - 6 * int(r.level), lines=None)
        blocks.append((r, label, label.count("\n") + 1))
    gap = 0.9  # blank space between boxes, in text lines
    total = sum(n for _, _, n in blocks) + gap * len(blocks)
    fig, ax = plt.subplots(figsize=(11, 0.2 * total + 0.9))
    ax.set_xlim(0, 1)
    ax.set_ylim(-total, 0.6)
    ax.axis("off")
    y = 0.0
    stems: dict[str, float] = {}  # item -> y where its connector starts
    for r, label, n in blocks:
        level = int(r.level)
        x = 0.035 + 0.07 * level
        ax.text(
            x,
            y,
            str(r.item),
            va="top",
            ha="right",
            fontsize=9,
            fontweight="bold",
            color=COLORS["muted"],
        )
        ax.text(
            x + 0.012,
            y,
            label,
            va="top",
            ha="left",
            fontsize=9,
            fontweight="bold" if level == 0 else "normal",
            linespacing=1.25,
            bbox={
                "boxstyle": "round,pad=0.35",
                "fc": (*colour[r.category][:3], 0.15),
                "ec": colour[r.category],
                "lw": 1.2,
            },
        )
        if r.parent is not None and r.parent in stems:
            px = 0.035 + 0.07 * (level - 1) + 0.03
            mid = y - 0.55
            ax.plot([px, px, x - 0.035], [stems[r.parent], mid, mid], color=COLORS["faint"], lw=1)
        stems[str(r.item)] = y - n * 1.25 - 0.3
        y -= n * 1.25 + gap
    ax.set_ylim(y, 0.6)
    labels = category_labels()
    handles = [
        plt.Line2D(
            [], [], marker="s", ls="", color=colour[c], label=wrap(labels.get(c, c), 28, lines=None)
        )
        for c in categories
    ]
    ax.legend(
        handles=handles,
        title="category",
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        frameon=False,
        fontsize=8,
    )
    ax.set_title(f"Structure of one list: {doc_id}, list {list_id}", loc="left")
    data = rows[
        ["doc_id", "list_id", "item", "parent", "level", "kind", "form", "category", "text"]
    ]
    return fig, data.reset_index(drop=True)


def findings(
    items: pd.DataFrame,
    lists: pd.DataFrame,
    corpus: pd.DataFrame,
    reported: pd.DataFrame | None = None,
) -> list[str]:
    """What notebook 04 found in this corpus, as Markdown bullets computed from its tables.

    ``items`` and ``lists`` from :func:`helpers.demands.find_demands` (the
    texts' own demands), ``reported`` the demands news attribute to others.
    Titles and item texts come from the corpus and are escaped.
    """
    from helpers.prose import count, quote

    lines = []
    if items.empty:
        lines.append(
            f"No demand list, slogan or call in {count(len(corpus), 'document')}: "
            "the texts read as reports, not statements."
        )
    else:
        kinds = items["kind"].value_counts()
        parts = ", ".join(count(int(kinds[k]), k) for k in KINDS if k in kinds)
        lines.append(f"{parts} in {count(items['doc_id'].nunique(), 'document')}.")
        labels = category_labels()
        order = _category_order(items)[:3]
        shares = items["category"].value_counts()
        top = ", ".join(f"{quote(labels.get(c, c))} ({int(shares[c]):,})" for c in order)
        lines.append(f"Most frequent categories: {top}.")
        doc_id, list_id = pick_structured_list(items)
        rows = items[(items["doc_id"] == doc_id) & (items["list_id"] == list_id)]
        title = corpus.loc[corpus["doc_id"] == doc_id, "title"]
        name = quote(title.iloc[0], 70) if len(title) and isinstance(title.iloc[0], str) else ""
        first = rows.sort_values("start").iloc[0]["text"]
        subs = int((rows["level"] > 0).sum())
        lines.append(
            f"The {'richest' if subs else 'largest'} list{f' (in «{name}»)' if name else ''} has "
            f"{count(int((rows['level'] == 0).sum()), 'item')}"
            + (f" and {count(subs, 'sub-item')}" if subs else "")
            + f"; it opens «{quote(first, 90)}»."
        )
    refused = refused_lists(lists, n=1)
    if len(refused):
        first = refused.iloc[0]
        header = first["example header"]
        example = f", e.g. under «{quote(header, 60)}»" if isinstance(header, str) else ""
        lines.append(
            f"{count(int((~lists['taken']).sum()), 'list')} refused; the most common reason is "
            f"`{quote(first['reason'])}` ({count(int(first['lists']), 'list')}{example})."
        )
    if reported is not None:
        rate = 100 * len(reported) / max(len(corpus), 1)
        lines.append(
            f"{count(len(reported), 'demand')} reported in narrative "
            f"({rate:.1f} per 100 documents)."
        )
    return lines
