"""meetui: run cross-department meetings live from the keyboard and follow them through."""

__version__ = "0.1.0"
