"""Ports: the interfaces the services drive. Structural ``typing.Protocol`` classes, except the frame
decoder, an ``abc.ABC`` because every decoder shares its batch logic."""
