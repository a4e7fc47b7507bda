"""Tests: fakes that stand in for the adapters so handlers run against memory."""
