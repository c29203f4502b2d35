"""Checks a notice spec against the format rules and reports findings."""
