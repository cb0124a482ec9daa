"""Tests of the minutes exporter (meetui.export) and its dialog."""
