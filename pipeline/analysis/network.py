"""Collaboration network and terminal summaries from a pipeline output folder.

Reads ``OUT/task_agencies`` (and ``OUT/agencies`` when present) through
``pipeline.analysis.output``: an edge joins a task's lead to each of its other units, weighted
by the number of tasks they share. Collective mentions (各有关部门) never become nodes. A body's
label is its most frequent printed mention unless another body shares it; then it is the
body's full name, so that every bar and node names one body.
"""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import networkx as nx
import pandas as pd
from matplotlib import font_manager
from rich.table import Table

from pipeline.analysis.output import read_frame, read_rows
from pipeline.catalog import Role

LEAD = Role.LEAD
PARTNER_ROLES = (Role.PARTICIPANT, Role.RESPONSIBLE)
FONT_DIRS = (Path("/usr/share/fonts"),)
# Preferred first; AR PL UMing renders axis text badly with matplotlib, so it comes last.
CJK_FONT_HINTS = ("NotoSansCJK", "NotoSerifCJK", "SourceHan", "wqy", "DroidSansFallback",
                  "SimHei", "CJK", "ukai", "uming")
FONT_SUFFIXES = (".ttc", ".ttf", ".otf")
TOP_N = 15
NO_CJK_FONT = (
    "no CJK font found: chart labels in Chinese draw as boxes; install one "
    "(apt-get install fonts-noto-cjk) and run again"
)
WARNED_SHOWN = 40  # documents listed with their warnings by `summary`
EDGE_COLUMNS = ["lead", "participant", "weight", "lead_id", "participant_id"]


# ---------------------------------------------------------------- reading


def _named_rows(out_dir: Path) -> pd.DataFrame:
    rows = read_frame(out_dir, "task_agencies")
    if rows.empty:
        columns = ["doc_id", "task_id", "role", "mention", "agency", "agency_id", "task"]
        return pd.DataFrame(columns=columns)
    named = rows[~rows["collective"].astype(bool) & rows["agency"].notna()]
    return named.assign(task=named["doc_id"] + "/" + named["task_id"])


def edge_list(out_dir: Path) -> pd.DataFrame:
    """Lead → participant edges; ``weight`` is the number of tasks they share."""
    rows = _named_rows(Path(out_dir))
    keys = ["task", "agency", "agency_id"]
    leads = rows[rows["role"] == LEAD][keys].drop_duplicates()
    partners = rows[rows["role"].isin(PARTNER_ROLES)][keys].drop_duplicates()
    pairs = leads.merge(partners, on="task", suffixes=("_lead", "_part"))
    pairs = pairs[pairs["agency_lead"] != pairs["agency_part"]]
    if pairs.empty:
        return pd.DataFrame(columns=EDGE_COLUMNS).astype({"weight": "int64"})
    edges = (
        pairs.groupby(["agency_lead", "agency_part", "agency_id_lead", "agency_id_part"])["task"]
        .nunique()
        .reset_index()
    )
    edges.columns = ["lead", "participant", "lead_id", "participant_id", "weight"]
    edges = edges.sort_values(["weight", "lead", "participant"], ascending=[False, True, True])
    return edges[EDGE_COLUMNS].reset_index(drop=True)


def tasks_per_lead(out_dir: Path) -> pd.Series:
    """Number of tasks each agency leads, most first."""
    rows = _named_rows(Path(out_dir))
    led = rows[rows["role"] == LEAD].groupby("agency")["task"].nunique()
    return led.sort_values(ascending=False, kind="stable")


def _labels(rows: pd.DataFrame) -> dict[str, str]:
    """Display label of each agency: its most frequent printed mention, or its full name
    when another agency has the same label (two 科技厅 of two provinces)."""
    if rows.empty:
        return {}
    counts = rows.groupby(["agency", "mention"]).size().reset_index(name="n")
    best = counts.sort_values(["n", "mention"], ascending=[False, True]).drop_duplicates("agency")
    short = dict(zip(best["agency"], best["mention"], strict=True))
    taken = pd.Series(list(short.values())).value_counts()
    return {agency: label if taken[label] == 1 else agency for agency, label in short.items()}


# ---------------------------------------------------------------- graph


def build_graph(out_dir: Path) -> nx.DiGraph:
    """Directed graph: nodes are agencies (label, tasks_led, tasks_joined, kind, level)."""
    out_dir = Path(out_dir)
    rows = _named_rows(out_dir)
    labels = _labels(rows)
    led = tasks_per_lead(out_dir)
    joined = rows[rows["role"].isin(PARTNER_ROLES)].groupby("agency")["task"].nunique()
    info = read_frame(out_dir, "agencies").drop_duplicates("name")
    meta = info.set_index("name")[["kind", "level"]].to_dict("index") if not info.empty else {}
    graph = nx.DiGraph()
    for agency in sorted(set(rows["agency"])):
        extra = {k: v for k, v in meta.get(agency, {}).items() if isinstance(v, str)}
        graph.add_node(
            agency,
            label=labels.get(agency, agency),
            agency_id=str(rows.loc[rows["agency"] == agency, "agency_id"].iloc[0]),
            tasks_led=int(led.get(agency, 0)),
            tasks_joined=int(joined.get(agency, 0)),
            **extra,
        )
    for edge in edge_list(out_dir).itertuples(index=False):
        graph.add_edge(edge.lead, edge.participant, weight=int(edge.weight))
    return graph


def font_rank(path: str) -> tuple[int, int]:
    name = Path(path).name.lower()
    hint = next((i for i, h in enumerate(CJK_FONT_HINTS) if h.lower() in name), len(CJK_FONT_HINTS))
    return hint, 0 if "regular" in name else 1


@cache
def cjk_font() -> font_manager.FontProperties | None:
    """The best CJK font file matplotlib knows or /usr/share/fonts holds (None: warn)."""
    paths = {entry.fname for entry in font_manager.fontManager.ttflist}
    for folder in FONT_DIRS:
        if folder.exists():
            paths.update(str(p) for p in folder.rglob("*") if p.suffix.lower() in FONT_SUFFIXES)
    ranked = sorted((font_rank(p), p) for p in paths if font_rank(p)[0] < len(CJK_FONT_HINTS))
    if not ranked:
        warnings.warn(NO_CJK_FONT, stacklevel=2)
        return None
    path = ranked[0][1]
    font_manager.fontManager.addfont(path)
    return font_manager.FontProperties(fname=path)


@contextlib.contextmanager
def _quiet_glyphs(font: font_manager.FontProperties | None) -> Iterator[None]:
    """Without a CJK font, matplotlib warns once per missing glyph: ``cjk_font`` has said it."""
    with warnings.catch_warnings():
        if font is None:
            warnings.filterwarnings("ignore", message=r"Glyph \d+ .*missing from")
            warnings.filterwarnings("ignore", message=r"Matplotlib currently does not support")
        yield


def _draw_network(graph: nx.DiGraph, dest: Path) -> Path:
    font = cjk_font()
    with _quiet_glyphs(font):
        return _network_png(graph, dest, font)


def _network_png(graph: nx.DiGraph, dest: Path, font: font_manager.FontProperties | None) -> Path:
    fig, ax = plt.subplots(figsize=(14, 11))
    if graph.number_of_nodes():
        pos = nx.spring_layout(graph, seed=7, k=1.2 / max(1, graph.number_of_nodes()) ** 0.5)
        sizes = [300 + 120 * graph.nodes[n]["tasks_led"] for n in graph]
        widths = [0.5 + 0.6 * d["weight"] for _, _, d in graph.edges(data=True)]
        nx.draw_networkx_nodes(graph, pos, node_size=sizes, node_color="#8fb8de", ax=ax)
        nx.draw_networkx_edges(graph, pos, width=widths, alpha=0.5, arrows=True, ax=ax)
        for node, (x, y) in pos.items():
            ax.text(x, y, graph.nodes[node]["label"], fontproperties=font, fontsize=9,
                    ha="center", va="center")
    ax.set_title("牵头单位 → 参与单位（权重：共同任务数）", fontproperties=font)
    ax.axis("off")
    path = dest / "network.png"
    fig.savefig(path, dpi=120, bbox_inches="tight")
    plt.close(fig)
    return path


def _draw_tasks_per_lead(graph: nx.DiGraph, dest: Path) -> Path:
    font = cjk_font()
    with _quiet_glyphs(font):
        return _tasks_per_lead_png(lead_bars(graph), dest, font)


def lead_bars(graph: nx.DiGraph) -> list[tuple[int, str]]:
    """(tasks led, label) of the top leads, most first (ties by label): one bar per body."""
    leads = [(d["tasks_led"], d["label"]) for _, d in graph.nodes(data=True) if d["tasks_led"]]
    return sorted(leads, key=lambda bar: (-bar[0], bar[1]))[: TOP_N * 2]


def _tasks_per_lead_png(leads: list[tuple[int, str]], dest: Path,
                        font: font_manager.FontProperties | None) -> Path:
    fig, ax = plt.subplots(figsize=(10, 1 + 0.4 * max(1, len(leads))))
    ax.barh([label for _, label in leads][::-1], [n for n, _ in leads][::-1], color="#4c72b0")
    ax.set_xlabel("牵头任务数", fontproperties=font)
    ax.set_title("各牵头单位的任务数", fontproperties=font)
    for tick in ax.get_yticklabels():
        if font is not None:
            tick.set_fontproperties(font)
    path = dest / "tasks_per_lead.png"
    fig.savefig(path, dpi=120, bbox_inches="tight")
    plt.close(fig)
    return path


def write_graph(out_dir: Path, dest: Path) -> list[Path]:
    """Write edges.csv, graph.graphml, network.png and tasks_per_lead.png into ``dest``."""
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    edges_path = dest / "edges.csv"
    edge_list(Path(out_dir)).to_csv(edges_path, index=False, encoding="utf-8")
    graph = build_graph(Path(out_dir))
    graphml = dest / "graph.graphml"
    nx.write_graphml(graph, graphml)
    return [edges_path, graphml, _draw_network(graph, dest), _draw_tasks_per_lead(graph, dest)]


# ---------------------------------------------------------------- summaries


def _table(title: str, columns: tuple[str, ...], rows: list[tuple[object, ...]]) -> Table:
    table = Table(title=title)
    for i, column in enumerate(columns):
        table.add_column(column, justify="right" if i else "left")
    for row in rows:
        table.add_row(*(str(v) for v in row))
    return table


def documents_with_warnings(out_dir: Path) -> list[tuple[str, int, list[str]]]:
    """(source path, tasks, warnings) of each document with warnings, fewest tasks first: a
    notice that gave no task, or no agency, is the first to check."""
    docs = read_rows(Path(out_dir), "documents", ["source_path", "n_tasks", "warnings"])
    found = [
        (str(d["source_path"]), int(d["n_tasks"]), [str(w) for w in d["warnings"]])
        for d in docs
        if d.get("warnings")
    ]
    return sorted(found, key=lambda row: (row[1], row[0]))


def _warnings_table(out_dir: Path) -> Table:
    rows = documents_with_warnings(out_dir)
    table = Table(title=f"Documents with warnings ({len(rows)})")
    for column in ("document", "tasks", "warnings"):
        table.add_column(column, justify="right" if column == "tasks" else "left")
    for path, n_tasks, found in rows[:WARNED_SHOWN]:
        table.add_row(path, str(n_tasks), "\n".join(found))
    if len(rows) > WARNED_SHOWN:
        table.add_row(f"… {len(rows) - WARNED_SHOWN} more (documents.warnings)", "", "")
    return table


def summary_tables(out_dir: Path) -> list[Table]:
    """Top lead agencies, busiest participants, collective mentions and the documents with
    warnings."""
    out_dir = Path(out_dir)
    rows = _named_rows(out_dir)
    led = tasks_per_lead(out_dir).head(TOP_N)
    partners = rows[rows["role"].isin(PARTNER_ROLES)]
    busiest = partners.groupby("agency")["task"].nunique()
    busiest = busiest.sort_values(ascending=False, kind="stable")
    everything = read_frame(out_dir, "task_agencies")
    collective = (
        everything[everything["collective"].astype(bool)]
        .groupby("mention")
        .agg(mentions=("mention", "size"), documents=("doc_id", "nunique"))
        .sort_values("mentions", ascending=False, kind="stable")
        if not everything.empty
        else pd.DataFrame(columns=["mentions", "documents"])
    )
    return [
        _table("Top lead agencies", ("agency", "tasks led"), list(led.items())),
        _table("Busiest participants", ("agency", "tasks"), list(busiest.head(TOP_N).items())),
        _table(
            "Collective mentions",
            ("mention", "mentions", "documents"),
            [(m, r.mentions, r.documents) for m, r in collective.head(TOP_N).iterrows()],
        ),
        _warnings_table(out_dir),
    ]
