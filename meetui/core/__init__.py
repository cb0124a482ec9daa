"""The pure core of meetui: models, timekeeping and meeting logic.

Nothing here imports Textual or TinyDB, and nothing reads the wall clock
directly: time always comes from an injected :class:`~meetui.core.clock.Clock`.
"""
