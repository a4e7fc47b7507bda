"""Tariffs context: time-of-use energy tariffs and the price of each finished charging session.

Learns about finished sessions only through the sessions context's published events.
"""
