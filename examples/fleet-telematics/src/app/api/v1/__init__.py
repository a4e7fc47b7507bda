"""Version 1 of the HTTP API. ``deps.py`` is the composition root that wires adapters into services."""
