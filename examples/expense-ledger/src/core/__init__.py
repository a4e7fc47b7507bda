"""Core: the shared kernel every layer may use (result types, error codes, settings).

`container.py` is the exception: it is the composition root that wires adapters to handlers."""
