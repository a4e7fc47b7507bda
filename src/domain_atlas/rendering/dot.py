"""DOT text for a small graph description: nodes, clusters and edges with stable ids and classes.

Diagrams are described as plain values (`Graph`), so building what to draw stays apart from how DOT
spells it. Every string is quoted and escaped here, once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Node:
    id: str
    label: str
    classes: tuple[str, ...] = ()
    url: str = ""
    tooltip: str = ""
    shape: str = "box"


@dataclass(frozen=True)
class Edge:
    id: str
    source: str
    target: str
    classes: tuple[str, ...] = ()
    label: str = ""
    tooltip: str = ""
    constraint: bool = True
    invisible: bool = False
    url: str = ""


@dataclass(frozen=True)
class Cluster:
    id: str
    label: str
    nodes: tuple[str, ...]
    classes: tuple[str, ...] = ()
    url: str = ""
    tooltip: str = ""
    same_rank: bool = False  # lay the cluster's nodes out as one column (or row) of the layout


@dataclass(frozen=True)
class Graph:
    id: str
    title: str
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    clusters: tuple[Cluster, ...] = ()
    rankdir: str = "LR"
    attributes: tuple[tuple[str, str], ...] = field(default=())


def dom_id(*parts: str) -> str:
    """A stable HTML id from names: `da-` prefix, lowercase, runs of other characters as `-`."""
    text = "-".join(parts)
    # Word characters of any script, so names in other alphabets stay apart instead of all becoming `da-`.
    return "da-" + re.sub(r"\W+", "-", text).strip("-").lower()


# Characters Graphviz (and UTF-8) cannot carry: discovery replaces them in analysed text; this is the last guard.
_UNCARRYABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def quote(value: str) -> str:
    """A DOT double-quoted string; backslashes are doubled so Graphviz's `\\N`-style escapes stay literal."""
    value = _UNCARRYABLE.sub("\ufffd", value)
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _attributes(pairs: list[tuple[str, str]]) -> str:
    return "[" + ", ".join(f"{key}={quote(value)}" for key, value in pairs if value != "") + "]"


def _node(node: Node) -> str:
    pairs = [
        ("id", node.id),
        ("class", " ".join(node.classes)),
        ("label", node.label),
        ("shape", node.shape),
        ("URL", node.url),
        ("tooltip", node.tooltip or node.label),
    ]
    return f"  {quote(node.id)} {_attributes(pairs)};"


def _edge(edge: Edge) -> str:
    pairs = [
        ("id", edge.id),
        ("class", " ".join(edge.classes)),
        ("label", edge.label),
        ("tooltip", edge.tooltip),
        ("URL", edge.url),
    ]
    if not edge.constraint:
        pairs.append(("constraint", "false"))
    if edge.invisible:
        pairs.append(("style", "invis"))
    return f"  {quote(edge.source)} -> {quote(edge.target)} {_attributes(pairs)};"


def to_dot(graph: Graph) -> str:
    lines = [
        f"digraph {quote(graph.id)} {{",
        "  graph "
        + _attributes(
            [
                ("id", graph.id),
                ("rankdir", graph.rankdir),
                ("bgcolor", "transparent"),
                ("fontname", "Helvetica"),
                ("fontsize", "12"),
                ("nodesep", "0.35"),
                ("ranksep", "0.55"),
                ("tooltip", graph.title),
                *graph.attributes,
            ]
        )
        + ";",
        '  node [fontname="Helvetica", fontsize="11", style="rounded,filled", fillcolor="#ffffff", '
        'color="#5c6bc0", penwidth="1.2", margin="0.12,0.06"];',
        '  edge [fontname="Helvetica", fontsize="10", color="#9e9e9e", arrowsize="0.7"];',
    ]
    clustered = {node_id for cluster in graph.clusters for node_id in cluster.nodes}
    nodes = {node.id: node for node in graph.nodes}
    for cluster in graph.clusters:
        lines.append(f"  subgraph {quote('cluster_' + cluster.id)} {{")
        pairs = [
            ("id", cluster.id),
            ("class", " ".join(cluster.classes)),
            ("label", cluster.label),
            ("URL", cluster.url),
            ("tooltip", cluster.tooltip or cluster.label),
            ("style", "rounded"),
            ("color", "#bdbdbd"),
            ("fontsize", "12"),
        ]
        if cluster.same_rank:
            pairs.append(("rank", "same"))
        lines.append("    graph " + _attributes(pairs) + ";")
        lines.extend("  " + _node(nodes[node_id]) for node_id in cluster.nodes if node_id in nodes)
        lines.append("  }")
    lines.extend(_node(node) for node in graph.nodes if node.id not in clustered)
    lines.extend(_edge(edge) for edge in graph.edges)
    lines.append("}")
    return "\n".join(lines) + "\n"
