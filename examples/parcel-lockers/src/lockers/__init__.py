"""Parcel Lockers: banks of lockers whose compartments are reserved for deliveries and opened with pickup codes.

One bounded context in the message-bus style: commands and events flow through a message bus to handler
functions that work on the LockerBank aggregate inside a unit of work.
"""
