"""The panes of the live meeting screen: agenda, clock, notes and actions."""
