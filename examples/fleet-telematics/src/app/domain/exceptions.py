"""Errors raised when a rule of the fleet model is broken; the API turns them into 4xx responses."""


class TelematicsError(Exception):
    """Base class of every domain error."""


class NotFound(TelematicsError):
    """A vehicle, trip or geofence that does not exist."""


class Conflict(TelematicsError):
    """A request that contradicts the current state (duplicate VIN, trip already ended...)."""


class InvalidVin(TelematicsError):
    """A vehicle identification number that is not 17 valid characters."""


class InvalidPosition(TelematicsError):
    """A latitude or longitude outside the WGS84 range."""


class InvalidGeofence(TelematicsError):
    """A geofence radius outside the supported range."""


class TelemetryFrameError(TelematicsError):
    """A raw frame from a tracking unit could not be decoded."""
