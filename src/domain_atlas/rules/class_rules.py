"""Rules only visible in class bodies, found while the catalogue reads classes; reported here like every rule."""

from __future__ import annotations

from collections.abc import Iterator

from domain_atlas.model import Service, Violation
from domain_atlas.rules.base import ArchitectureRule, RuleContext


class _FoundInClasses(ArchitectureRule):
    """The catalogue pass that resolves return types and attribute assignments records these breaks."""

    def check(self, service: Service, context: RuleContext) -> Iterator[Violation]:
        yield from (violation for violation in service.violations if violation.rule == self.id)


class QueriesReturnReadModels(_FoundInClasses):
    id = "queries-return-read-models"
    title = "Queries return read models, not aggregates"
    hint = "Return a read model or DTO built for the caller; keep aggregates on the command side."


class AggregateReferencesById(_FoundInClasses):
    id = "aggregate-references-by-id"
    title = "Aggregates reference other aggregates by id"
    hint = "Hold the other aggregate's id and load it through its own repository when needed."


class ValueObjectsImmutable(_FoundInClasses):
    id = "value-objects-immutable"
    title = "Value objects are immutable"
    hint = "Declare the dataclass frozen and return a new value instead of changing this one."
