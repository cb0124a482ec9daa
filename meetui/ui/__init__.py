"""The Textual user interface of meetui."""
