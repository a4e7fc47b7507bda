"""Sessions context: a vehicle charging at a connector, from remote start to stop.

Owns the ChargingSession aggregate and talks to the chargers through the OCPP gateway port.
"""
