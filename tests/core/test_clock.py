"""The wall clock and the zone helpers: aware times, zone names checked, no naive time accepted."""

from __future__ import annotations

import datetime as dt

import pytest

from meetui.core.clock import FrozenClock, SystemClock, in_zone, zone_checked
from meetui.core.errors import MeetuiError


def test_the_system_clock_tells_aware_time_in_its_zone() -> None:
    shanghai = SystemClock("Asia/Shanghai").now()
    assert shanghai.utcoffset() == dt.timedelta(hours=8)
    assert abs((shanghai - dt.datetime.now(dt.UTC)).total_seconds()) < 5


def test_the_local_system_clock_is_aware_and_names_its_zone_when_asked() -> None:
    clock = SystemClock()
    now = clock.now()
    assert now.utcoffset() is not None
    assert zone_checked(clock.tz) == clock.tz  # a real IANA name (UTC on a machine without a local zone)


def test_in_zone_keeps_the_instant_and_refuses_naive_times() -> None:
    moment = dt.datetime(2026, 11, 20, 1, 30, tzinfo=dt.UTC)
    local = in_zone(moment, "Asia/Shanghai")
    assert (local.hour, local.minute, local.utcoffset()) == (9, 30, dt.timedelta(hours=8))
    assert local == moment
    with pytest.raises(MeetuiError, match="no time zone"):
        in_zone(dt.datetime(2026, 11, 20, 9, 30), "Asia/Shanghai")


@pytest.mark.parametrize("name", ["火星/奥林匹斯", "Asia/Nowhere", "", "../etc/passwd"])
def test_unknown_zones_are_refused_in_one_sentence(name: str) -> None:
    with pytest.raises(MeetuiError, match="unknown time zone"):
        zone_checked(name)


def test_a_frozen_clock_names_its_zone_and_moves_only_when_told() -> None:
    clock = FrozenClock("2026-11-20T09:00:00+08:00", tz="Asia/Shanghai")
    assert clock.tz == "Asia/Shanghai"
    assert clock.now() == clock.now()
    assert clock.advance(minutes=5).isoformat() == "2026-11-20T09:05:00+08:00"
