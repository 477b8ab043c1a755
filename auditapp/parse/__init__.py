"""Source → Report: find the tables by their labels and read their cells with provenance."""
