"""The diff between two revisions as JSON (`domain-atlas/diff/1`), plain text, and a pull-request comment."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from domain_atlas import __version__
from domain_atlas.model import Context, Element, Relation, SourceModule
from domain_atlas.rendering.export import violation_record
from domain_atlas.rendering.markdown_escape import inline_code, markdown_text
from domain_atlas.rules.changes import Dependency, ServiceChanges, Side

SCHEMA = "domain-atlas/diff/1"
WORKTREE = "WORKTREE"


@dataclass(frozen=True)
class Revision:
    ref: str  # as the user gave it, or WORKTREE
    commit: str | None = None  # None: the work tree with its uncommitted edits

    def label(self) -> str:
        if self.commit is None:
            return "the work tree" if self.ref == WORKTREE else self.ref
        return f"{self.ref} ({self.commit[:10]})" if self.ref != self.commit else self.commit[:10]


# ---- JSON --------------------------------------------------------------------------------------------------------


def _context(context: Context) -> dict[str, Any]:
    return {"name": context.name, "package": context.package, "shared_kernel": context.shared_kernel}


def _module(module: SourceModule) -> dict[str, Any]:
    return {"name": module.name, "file": module.file, "context": module.context, "layer": module.layer}


def _element(element: Element) -> dict[str, Any]:
    return {
        "path": element.path,
        "kinds": sorted(element.kinds),
        "context": element.context,
        "layer": element.layer,
        "file": element.file,
        "line": element.line,
        "test": element.test,
    }


def _relation(relation: Relation) -> dict[str, Any]:
    return {
        "kind": relation.kind,
        "source": relation.source,
        "target": relation.target,
        "via": relation.via,
        "file": relation.file,
        "line": relation.line,
    }


def _dependency(dependency: Dependency) -> dict[str, Any]:
    return {"source": dependency.source, "target": dependency.target, "via": dependency.via, "count": dependency.count}


def _side(side: Side) -> dict[str, Any]:
    return {
        "contexts": [_context(item) for item in side.contexts],
        "modules": [_module(item) for item in side.modules],
        "elements": [_element(item) for item in side.elements],
        "relations": [_relation(item) for item in side.relations],
        "dependencies": [_dependency(item) for item in side.dependencies],
        "violations": [violation_record(item) for item in side.violations],
    }


def _service(changes: ServiceChanges) -> dict[str, Any]:
    document: dict[str, Any] = {"name": changes.name}
    if changes.only_in:
        document["only_in"] = changes.only_in
    document["added"] = _side(changes.added)
    document["removed"] = _side(changes.removed)
    document["changed"] = {
        "elements": [
            {"path": item.path, "kinds_before": sorted(item.kinds_before), "kinds_after": sorted(item.kinds_after)}
            for item in changes.kinds
        ],
        "moves": [
            {
                "from": move.before.path,
                "to": move.after.path,
                "kinds_before": sorted(move.before.kinds),
                "kinds_after": sorted(move.after.kinds),
                "file": move.after.file,
                "line": move.after.line,
            }
            for move in changes.moves
        ],
        "dependencies": [
            {
                "source": item.source,
                "target": item.target,
                "via_before": item.before.via,
                "via_after": item.after.via,
                "count_before": item.before.count,
                "count_after": item.after.count,
            }
            for item in changes.dependencies
        ],
    }
    return document


def diff_document(changes: Sequence[ServiceChanges], base: Revision, head: Revision) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "generator": {"name": "domain-atlas", "version": __version__},
        "base": {"ref": base.ref, "commit": base.commit},
        "head": {"ref": head.ref, "commit": head.commit},
        "services": [_service(item) for item in changes],
    }


def diff_json(changes: Sequence[ServiceChanges], base: Revision, head: Revision) -> str:
    return json.dumps(diff_document(changes, base, head), indent=2, ensure_ascii=False) + "\n"


# ---- lines shared by text and Markdown ----------------------------------------------------------------------------

Code = Callable[[str], str]


def _kinds(kinds: Sequence[str]) -> str:
    """`domain event, command` rather than identifiers: read by people."""
    return ", ".join(kind.replace("_", " ") for kind in sorted(kinds)) or "no kind"


def _lines(side: Side, code: Code, text: Code) -> list[str]:
    """One line per change, in the order a reviewer reads: boundaries, building blocks, edges, rule breaks."""
    lines = [f"context {code(c.name)}" + (" (shared kernel)" if c.shared_kernel else "") for c in side.contexts]
    lines += [f"module {code(m.name)}" for m in side.modules]
    lines += [f"{text(_kinds(e.kinds))} {code(e.path)}" + (" (test code)" if e.test else "") for e in side.elements]
    lines += [f"{text(r.kind)} {code(r.source)} → {code(r.target)}" for r in side.relations]
    lines += [
        f"dependency {code(d.source)} → {code(d.target)} ({text(d.via)}, {d.count} import{'s' * (d.count != 1)})"
        for d in side.dependencies
    ]
    lines += [
        f"violation {text(v.rule)} at {code(v.location())}: {text(v.message or v.source + ' → ' + v.target)}"
        for v in side.violations
    ]
    return lines


def _changed_lines(changes: ServiceChanges, code: Code, text: Code) -> list[str]:
    lines = [f"moved {code(m.before.path)} → {code(m.after.path)}" for m in changes.moves]
    lines += [
        f"kinds of {code(k.path)}: {text(_kinds(k.kinds_before))} → {text(_kinds(k.kinds_after))}"
        for k in changes.kinds
    ]
    lines += [
        f"dependency {code(d.source)} → {code(d.target)}: {text(d.before.via)} x{d.before.count} → "
        f"{text(d.after.via)} x{d.after.count}"
        for d in changes.dependencies
    ]
    return lines


@dataclass(frozen=True)
class Row:
    """One change as a table row of the Changes page."""

    what: str  # "command", "handles", "dependency"...
    name: str  # dotted path, or `source → target`
    file: str = ""
    line: int = 0
    path: str = ""  # the element's path, for a link to its catalogue entry
    note: str = ""


def rows(side: Side) -> list[Row]:
    found = [Row("context", c.name, note="shared kernel" if c.shared_kernel else "") for c in side.contexts]
    found += [Row("module", m.name, m.file) for m in side.modules]
    found += [
        Row(_kinds(e.kinds), e.path, e.file, e.line, e.path, "test code" if e.test else "") for e in side.elements
    ]
    found += [Row(r.kind, f"{r.source} → {r.target}", r.file, r.line) for r in side.relations]
    found += [
        Row("context dependency", f"{d.source} → {d.target}", note=f"{d.via}, {d.count} import{'s' * (d.count != 1)}")
        for d in side.dependencies
    ]
    found += [
        Row(f"violation {v.rule}", f"{v.source} → {v.target}", v.file, v.line, note=v.message) for v in side.violations
    ]
    return found


def changed_rows(changes: ServiceChanges) -> list[Row]:
    found = [
        Row("moved", f"{m.before.path} → {m.after.path}", m.after.file, m.after.line, m.after.path)
        for m in changes.moves
    ]
    found += [
        Row("kinds", k.path, path=k.path, note=f"{_kinds(k.kinds_before)} → {_kinds(k.kinds_after)}")
        for k in changes.kinds
    ]
    found += [
        Row(
            "context dependency",
            f"{d.source} → {d.target}",
            note=f"{d.before.via} x{d.before.count} → {d.after.via} x{d.after.count}",
        )
        for d in changes.dependencies
    ]
    return found


def summary(changes: ServiceChanges) -> str:
    return _counts(changes)


def _counts(changes: ServiceChanges) -> str:
    """`+2 elements, -1 relation, 1 new violation, 1 fixed`: the first line a reviewer reads."""
    parts = []
    for singular, plural, added, removed in (
        ("context", "contexts", changes.added.contexts, changes.removed.contexts),
        ("module", "modules", changes.added.modules, changes.removed.modules),
        ("element", "elements", changes.added.elements, changes.removed.elements),
        ("relation", "relations", changes.added.relations, changes.removed.relations),
        ("context dependency", "context dependencies", changes.added.dependencies, changes.removed.dependencies),
    ):
        for sign, items in (("+", added), ("-", removed)):
            if items:
                parts.append(f"{sign}{len(items)} {singular if len(items) == 1 else plural}")
    if changes.moves:
        parts.append(f"{len(changes.moves)} moved")
    if changes.kinds:
        parts.append(f"{len(changes.kinds)} reclassified")
    if changes.dependencies:
        parts.append(f"{len(changes.dependencies)} dependenc{'ies' if len(changes.dependencies) != 1 else 'y'} changed")
    if changes.added.violations:
        parts.append(f"{len(changes.added.violations)} new violation{'s' * (len(changes.added.violations) != 1)}")
    if changes.removed.violations:
        parts.append(f"{len(changes.removed.violations)} fixed violation{'s' * (len(changes.removed.violations) != 1)}")
    return ", ".join(parts) or "no architectural change"


def _scope(changes: ServiceChanges) -> str:
    return {"head": " (new service)", "base": " (service removed)"}.get(changes.only_in, "")


# ---- text --------------------------------------------------------------------------------------------------------


def _plain(value: str) -> str:
    return value


def diff_text(changes: Sequence[ServiceChanges], base: Revision, head: Revision) -> str:
    out = [f"architecture changes from {base.label()} to {head.label()}"]
    for service in changes:
        out.append("")
        out.append(f"{service.name}{_scope(service)}: {_counts(service)}")
        out += [f"  + {line}" for line in _lines(service.added, _plain, _plain)]
        out += [f"  - {line}" for line in _lines(service.removed, _plain, _plain)]
        out += [f"  ~ {line}" for line in _changed_lines(service, _plain, _plain)]
    return "\n".join(out) + "\n"


# ---- Markdown: a pull-request comment -----------------------------------------------------------------------------


def _markdown_label(revision: Revision) -> str:
    if revision.commit is None and revision.ref == WORKTREE:
        return "the work tree"
    commit = f" ({revision.commit[:10]})" if revision.commit and revision.commit != revision.ref else ""
    return inline_code(revision.ref) + commit  # a commit id is hexadecimal: nothing to escape


def diff_markdown(
    changes: Sequence[ServiceChanges],
    base: Revision,
    head: Revision,
    links: Callable[[ServiceChanges], str] | None = None,
) -> str:
    """A short summary first, every detail folded away. `links` gives a service's page on the site, if known."""
    out = [f"### Architecture changes: {_markdown_label(base)} → {_markdown_label(head)}", ""]
    for service in changes:
        url = links(service) if links else ""
        name = f"[{markdown_text(service.name)}]({url})" if url else f"**{markdown_text(service.name)}**"
        out.append(f"- {name}{_scope(service)}: {_counts(service)}")  # our own words and numbers only
    for service in changes:
        if service.is_empty():
            continue
        out += ["", "<details>", f"<summary>{markdown_text(service.name)}: what changed</summary>", ""]
        for title, lines in (
            ("Added", _lines(service.added, inline_code, markdown_text)),
            ("Removed", _lines(service.removed, inline_code, markdown_text)),
            ("Changed", _changed_lines(service, inline_code, markdown_text)),
        ):
            if lines:
                out += [f"**{title}**", "", *(f"- {line}" for line in lines), ""]
        out += ["</details>"]
    return "\n".join(out) + "\n"
