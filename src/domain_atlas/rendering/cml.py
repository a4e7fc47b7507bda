"""The bounded contexts of all services as a Context Mapper context map (`domain-atlas export --format cml`).

Every context of every service is a `BoundedContext`; an upstream/downstream relationship is drawn where one
context imports another inside a service (the imported one is upstream) and where messages cross between
services (the context defining the message is upstream: the publisher of an event, the receiver of a command).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from domain_atlas.model import Service
from domain_atlas.model.federation import context_dependencies, crossings
from domain_atlas.rendering.landscape import counted

INDENT = "    "


def cml_string(text: object) -> str:
    """A CML (Xtext) string literal: backslash and double quote escaped, line breaks folded into spaces."""
    cleaned = re.sub(r"[\x00-\x1f\x7f\u2028\u2029]+", " ", str(text)).strip()
    return '"' + cleaned.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _camel(text: str) -> str:
    words = [word for word in re.split(r"[^A-Za-z0-9]+", text) if word]
    return "".join(word[:1].upper() + word[1:] for word in words)


class _Names:
    """`Service_Context` names, unique, in CamelCase so no CML keyword (all lower or all upper case) is hit."""

    def __init__(self) -> None:
        self.taken: set[str] = set()
        self.of: dict[tuple[str, str], str] = {}

    def new(self, service: Service, context: str) -> str:
        base = f"{_camel(service.name) or 'Service'}_{_camel(context) or 'Context'}"
        base = base if base[0].isalpha() else f"C{base}"
        name, number = base, 2
        while name in self.taken:
            name, number = f"{base}{number}", number + 1
        self.taken.add(name)
        self.of[(service.name, context)] = name
        return name


def _listed(names: Sequence[str], limit: int = 8) -> str:
    unique = sorted(set(names))
    return ", ".join(unique[:limit]) + (f" and {len(unique) - limit} more" if len(unique) > limit else "")


# Context Mapper has no notation for separate ways on a map: such a pair keeps what the code shows.
_SYMMETRIC_MARKS = {"shared-kernel": "[SK]<->[SK]", "partnership": "[P]<->[P]"}


def _relationships(
    services: Sequence[Service], names: _Names, flows: dict[tuple[str, str], list[str]]
) -> list[tuple[str, str, str, list[str]]]:
    """(upstream, CML marks, downstream, what flows): declared relationships between a service's contexts give
    their patterns and direction (and appear even with nothing flowing); the rest are plain [U]->[D]."""
    declared: dict[frozenset[str], tuple[str, str, str]] = {}
    for service in services:
        for relationship in service.relationships:
            upstream = names.of.get((service.name, relationship.upstream))
            downstream = names.of.get((service.name, relationship.downstream))
            if upstream is None or downstream is None or "separate-ways" in relationship.patterns:
                continue
            symmetric = next((_SYMMETRIC_MARKS[p] for p in relationship.patterns if p in _SYMMETRIC_MARKS), "")
            up, down = relationship.marks()
            declared[frozenset((upstream, downstream))] = (upstream, symmetric or f"[{up}]->[{down}]", downstream)
    found: dict[tuple[str, str, str], list[str]] = {}
    for (upstream, downstream), what in flows.items():
        key = declared.get(frozenset((upstream, downstream)), (upstream, "[U]->[D]", downstream))
        found.setdefault(key, []).extend(what)
    for key in declared.values():
        found.setdefault(key, [])
    return [(upstream, downstream, marks, what) for (upstream, marks, downstream), what in sorted(found.items())]


def context_map(services: Sequence[Service]) -> str:
    names = _Names()
    contexts = []
    for service in services:
        for context in service.contexts:
            contexts.append((names.new(service, context.name), service, context))
    # (upstream, downstream) -> what flows: import counts and message names
    flows: dict[tuple[str, str], list[str]] = defaultdict(list)
    for service in services:
        for (importer, imported), count in context_dependencies(service).items():
            upstream, downstream = names.of[(service.name, imported)], names.of[(service.name, importer)]
            flows[(upstream, downstream)].append(f"Python imports ({counted(count, 'statement')})")
    messages: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for crossing in crossings(services):
        sender = names.of.get((crossing.source, crossing.source_context or ""))
        receiver = names.of.get((crossing.target, crossing.target_context or ""))
        if sender is None or receiver is None:
            continue  # a side whose context is unknown cannot be placed on a context map
        upstream, downstream = (sender, receiver) if crossing.kind == "event" else (receiver, sender)
        messages[(upstream, downstream, crossing.kind)].append(crossing.name)
    for (upstream, downstream, kind), listed in messages.items():
        flows[(upstream, downstream)].append(f"{kind}s {_listed(listed)}")
    lines = [
        "/* Generated by domain-atlas export from the services' code; regenerate rather than edit. */",
        "ContextMap Landscape {",
        f"{INDENT}type = SYSTEM_LANDSCAPE",
        f"{INDENT}state = AS_IS",
        "",
    ]
    if contexts:
        lines.append(f"{INDENT}contains " + ", ".join(name for name, _, _ in contexts))
    for upstream, downstream, marks, what in _relationships(services, names, flows):
        lines += ["", f"{INDENT}{upstream} {marks} {downstream} {{"]
        if what:
            lines.append(f"{INDENT * 2}implementationTechnology = {cml_string('; '.join(sorted(what)))}")
        lines.append(f"{INDENT}}}")
    lines += ["}", ""]
    for name, service, context in contexts:
        kind = "shared kernel" if context.shared_kernel else "bounded context"
        lines.append(f"BoundedContext {name} {{")
        if context.description:
            lines.append(f"{INDENT}domainVisionStatement = {cml_string(context.description.splitlines()[0])}")
        technology = f"Python package {context.package} ({kind} of service {service.name})"
        lines += [f"{INDENT}implementationTechnology = {cml_string(technology)}", "}", ""]
    return "\n".join(lines)
