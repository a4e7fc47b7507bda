"""Domain Atlas: see the architecture of Python DDD, hexagonal and CQRS services in your MkDocs site."""

__version__ = "0.1.0"
