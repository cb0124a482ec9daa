"""Errors meant for the person at the keyboard."""


class MeetuiError(ValueError):
    """Input or data that meetui refuses, with a message a user understands."""


class UnknownPeople(MeetuiError):
    """A line names people who are not attendees (e.g. ``#action Bob: …`` when Bob was not invited).

    ``names`` are the names as typed, in order; ``line`` is the whole line, kept so the caller can offer to add
    the people and apply it again (nothing a user typed is dropped).
    """

    def __init__(self, names: list[str], line: str) -> None:
        self.names = names
        self.line = line
        listed = ", ".join(names)
        super().__init__(f"{listed} {'is' if len(names) == 1 else 'are'} not an attendee: add them, or fix the name")
