"""Adapters that process raw device data: frame decoders, one per tracker vendor."""
