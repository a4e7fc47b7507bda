"""Fleet Telematics: vehicles, their trips and GPS pings, geofence alerts and maintenance that falls due.

The whole service is one bounded context laid out by layer: a pure-Python ``domain``, ``services`` that
orchestrate it through ports, ``adapters`` and ``models`` on the infrastructure side, and an HTTP ``api``.
"""
