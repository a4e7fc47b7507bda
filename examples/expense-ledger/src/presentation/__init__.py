"""Presentation: the HTTP API. Routers translate requests into commands and queries, hand them to
handlers obtained from the container, and translate Results into responses."""
