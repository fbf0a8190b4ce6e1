"""Exports: figures, exhibits and declarations, reusing figures.py and data.py."""
