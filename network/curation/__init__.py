"""Checks on the curation itself: counts per year and type, agreement between two codings."""
