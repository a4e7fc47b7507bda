"""The element kinds of the model export contract."""

ELEMENT_KINDS = (
    "aggregate",
    "entity",
    "value_object",
    "domain_event",
    "integration_event",
    "command",
    "query",
    "command_handler",
    "query_handler",
    "event_handler",
    "use_case",
    "domain_service",
    "port",
    "adapter",
    "repository",
    "unit_of_work",
    "read_model",
    "projection",
    "message_bus",
    "composition_root",
)
