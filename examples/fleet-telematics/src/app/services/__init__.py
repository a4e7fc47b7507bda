"""Service layer: one class per area of the fleet, orchestrating aggregates through ports injected in the
constructor. Services never build adapters themselves; ``api/v1/deps.py`` wires them."""
