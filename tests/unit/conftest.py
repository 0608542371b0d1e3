"""Fixtures shared by the unit tests."""

from tests.unit.stubbed_aws import stubbed  # noqa: F401 - a fixture, found by name
