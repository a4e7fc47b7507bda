"""Domain layer: the fleet model in plain Python.

Entities and aggregates (``Vehicle``, ``Trip``, ``Geofence``), immutable value objects (positions, pings, VINs),
the ports the services drive (repositories, publisher, notifier, geocoder, frame decoder) and domain events.
Nothing here knows about HTTP, SQL or Redis.
"""
