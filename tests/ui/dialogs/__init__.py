"""Pilot tests of the live screen's dialogs."""
