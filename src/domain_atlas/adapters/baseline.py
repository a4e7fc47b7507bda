"""The violations baseline: known violations that do not fail `check`, so only new ones do (a ratchet).

Entries are keyed by rule, source, target and file, not by line, so unrelated edits above a known
violation do not turn it into a "new" one.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from domain_atlas.adapters.bootstrap import input_kind, read_input
from domain_atlas.adapters.composition import failing_violations
from domain_atlas.model import Service, ServiceSpec, Violation

BASELINE_SCHEMA = "domain-atlas/baseline/1"


class BaselineError(ValueError):
    """A baseline file that cannot be used; the message names the file and line."""


def fingerprint(violation: Violation) -> tuple[str, str, str, str]:
    return violation.fingerprint()


def load_baseline(path: Path) -> Counter[tuple[str, str, str, str]]:
    if input_kind(path) not in ("file", "missing"):
        raise BaselineError(f"{path}: not a regular file; a baseline is a JSON file")
    try:
        document = json.loads(read_input(path).decode("utf-8"))
    except OSError as error:
        raise BaselineError(f"{path}: cannot read baseline: {error.strerror}") from error
    except UnicodeDecodeError as error:
        raise BaselineError(
            f"{path}: baseline is not UTF-8 text (byte {error.start}); rewrite it with --update-baseline"
        ) from error
    except json.JSONDecodeError as error:
        raise BaselineError(f"{path}:{error.lineno}: malformed baseline: {error.msg}") from error
    if not isinstance(document, dict) or document.get("schema") != BASELINE_SCHEMA:
        raise BaselineError(f'{path}:1: not a Domain Atlas baseline (expected "schema": "{BASELINE_SCHEMA}")')
    entries = document.get("violations")
    if not isinstance(entries, list):
        raise BaselineError(f"{path}:1: malformed baseline: 'violations' must be a list")
    known: Counter[tuple[str, str, str, str]] = Counter()
    for index, entry in enumerate(entries):
        keys = ("rule", "source", "target", "file")
        if not isinstance(entry, dict) or not all(isinstance(entry.get(key), str) for key in keys):
            raise BaselineError(f"{path}: malformed baseline entry {index}: needs string {', '.join(keys)}")
        known[(entry["rule"], entry["source"], entry["target"], entry["file"])] += 1
    return known


def new_violations(violations: Sequence[Violation], known: Counter[tuple[str, str, str, str]]) -> list[Violation]:
    """Violations beyond what the baseline records (a repeated import counts once per occurrence)."""
    remaining = Counter(known)
    found = []
    for violation in violations:
        key = fingerprint(violation)
        if remaining[key] > 0:
            remaining[key] -= 1
        else:
            found.append(violation)
    return found


def violations_that_fail(
    services: Sequence[Service],
    specs: Sequence[ServiceSpec],
    fail_on: str,
    known: Counter[tuple[str, str, str, str]] | None,
) -> list[Violation]:
    """The violations that fail a build or a check: per service, as its `fail_on` (or the site's) says;
    imports under `if TYPE_CHECKING:` only with `type_only_imports: fail`."""
    failing: list[Violation] = []
    for service, spec in zip(services, specs, strict=True):
        rule = spec.fail_on or fail_on
        if rule == "never":
            continue
        violations = sorted(service.violations)
        counted = new_violations(violations, known) if rule == "new" and known is not None else violations
        failing += failing_violations(counted, spec.type_only_imports)
    return failing


def baseline_text(violations: Iterable[Violation]) -> str:
    entries = [
        {"rule": rule, "source": source, "target": target, "file": file}
        for rule, source, target, file in sorted(fingerprint(violation) for violation in violations)
    ]
    return json.dumps({"schema": BASELINE_SCHEMA, "violations": entries}, indent=2) + "\n"
