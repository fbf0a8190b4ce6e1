"""Reusable layout pieces: chart card, filter bar, fact tiles."""
