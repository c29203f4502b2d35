"""Batch rendering: one personalised notice per row of a recipients file (CSV, XLSX, JSON, YAML)."""
