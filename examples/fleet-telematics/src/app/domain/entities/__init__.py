"""Entities of the fleet model; ``Vehicle``, ``Trip`` and ``Geofence`` are aggregate roots."""
