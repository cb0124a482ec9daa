"""Follow-through statistics in words: a meeting that ended early is under time, never a negative overrun."""

from __future__ import annotations

from meetui.core.stats import overrun_words


def test_an_overrun_is_said_in_words_and_never_negative() -> None:
    assert overrun_words(3.54) == "overrun 3.5 min"
    assert overrun_words(-65.2) == "under by 65.2 min"
    assert overrun_words(-0.04) == "on time"
    assert overrun_words(0.0) == "on time"
