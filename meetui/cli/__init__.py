"""The ``meetui`` command line."""
