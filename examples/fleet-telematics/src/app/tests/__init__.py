"""Unit tests: services driven through in-memory fakes of every port."""
