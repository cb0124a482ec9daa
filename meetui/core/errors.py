"""Errors meant for the person at the keyboard."""


class MeetuiError(ValueError):
    """Input or data that meetui refuses, with a message a user understands."""
