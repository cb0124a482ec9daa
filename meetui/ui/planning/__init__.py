"""The plan screen's parts: details form, attendees and agenda tables, the live checks, and their dialogs."""
