"""Machine-coded event data (GDELT, ICEWS) read into the tabular form of format v1 (``docs/events.md``)."""
