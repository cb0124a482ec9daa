"""Every model survives the store: create, commit, prepare/write, save, load; plus listings and lookups."""

from __future__ import annotations

import threading

import pytest

from meetui.core.clock import SequentialIds
from meetui.core.errors import MeetuiError
from meetui.core.meeting import LiveMeeting
from meetui.core.models import CHILD_FIELDS, ActionStatus, MeetingStatus
from meetui.store import Store


def test_a_full_meeting_reads_back_equal_field_by_field(full_run, store):
    stored = store.load(full_run.meeting.id)
    for name in CHILD_FIELDS:
        assert getattr(stored, name), f"the scenario left {name} empty: it must exercise every record type"
    assert stored == full_run.meeting
    assert stored.model_dump(mode="json") == full_run.meeting.model_dump(mode="json")


def test_every_record_type_and_nested_model_is_really_on_disk(full_run, store):
    stored = Store(store.root).load(full_run.meeting.id)  # a fresh instance: nothing cached
    amended = [d for d in stored.decisions if d.amends]
    assert len(amended) == 1 and amended[0].text == "发布日期定为 11 月 28 日（周五）"
    original = next(d for d in stored.decisions if d.id == amended[0].amends)
    assert original.locked and original.objections[0].who == "李娜"
    assert original.objections[0].resolution.startswith("decision revised")
    action = next(a for a in stored.actions if a.task == "整理发布清单并发给各部门")
    assert action.confirmed and action.status is ActionStatus.IN_PROGRESS
    assert action.progress[0].note == "已开始整理"
    assert stored.attendee("赵磊").proxy == "陈刚"
    assert stored.status is MeetingStatus.ENDED and stored.ended_at is not None
    assert stored.clock and stored.clock[-1].end is not None
    assert stored.topics[0].segments and stored.topics[0].extra_minutes == 0
    assert any(n.withdrawn for n in stored.notes)  # #undo withdrew the #agreed note
    assert stored.scheduled_start.utcoffset().total_seconds() == 8 * 3600
    assert stored.timezone == "Asia/Shanghai"


def test_undoing_an_action_deletes_it_from_the_file(store, make_meeting, clock):
    meeting = make_meeting()
    store.create(meeting)
    live = LiveMeeting(meeting, clock, SequentialIds("a"))
    store.commit(meeting, live.start())
    store.commit(meeting, live.add_action("准备预算表", "王芳"))
    assert [a.task for a in store.load(meeting.id).actions] == ["准备预算表"]
    clock.advance(seconds=5)
    store.commit(meeting, live.undo())
    assert store.load(meeting.id).actions == []
    assert store.all_actions() == []


def test_prepare_snapshots_the_change_so_later_edits_do_not_leak_into_it(store, make_meeting, clock):
    meeting = make_meeting()
    store.create(meeting)
    live = LiveMeeting(meeting, clock, SequentialIds("a"))
    pending = store.prepare(meeting, live.add_note("第一版文字"))
    meeting.notes[0].text = "改过的文字，尚未提交"
    store.write(pending)
    assert store.load(meeting.id).notes[0].text == "第一版文字"


def test_save_rewrites_the_whole_meeting(store, make_meeting):
    meeting = make_meeting()
    store.create(meeting)
    meeting.title = "Q3 发布协调会（改期）"
    meeting.topics.pop()
    store.save(meeting)
    stored = store.load(meeting.id)
    assert stored.title == "Q3 发布协调会（改期）" and len(stored.topics) == 2
    assert store.summaries()[0].title == "Q3 发布协调会（改期）"


def test_create_refuses_an_existing_id(store, make_meeting):
    meeting = make_meeting()
    store.create(meeting)
    with pytest.raises(MeetuiError, match="already exists"):
        store.create(meeting)


def test_meeting_files_are_filed_by_year_and_month(store, make_meeting):
    meeting = make_meeting()
    path = store.create(meeting)
    assert path == store.root / "meetings" / "2026" / "03" / f"{meeting.id}.json"
    assert store.meeting_path(meeting.id) == path
    assert Store(store.root).meeting_path(meeting.id) == path


def test_summaries_and_actions_across_meetings(store, make_meeting, clock):
    first, second = make_meeting("周会：研发与市场对齐"), make_meeting("复盘会")
    for meeting in (first, second):
        store.create(meeting)
        live = LiveMeeting(meeting, clock, SequentialIds(meeting.id + "a"))
        store.commit(meeting, live.start())
        store.commit(meeting, live.add_action(f"{meeting.title}：整理纪要", "李娜", due="2026-03-12"))
        clock.advance(minutes=5)
    fresh = Store(store.root)
    assert {s.id for s in fresh.summaries()} == {first.id, second.id}
    assert sorted(a.task for a in fresh.all_actions()) == sorted(
        [f"{first.title}：整理纪要", f"{second.title}：整理纪要"]
    )
    assert all(a.progress == [] for a in fresh.all_actions())  # the index leaves the log out


def test_resolve_by_id_prefix_and_last(store, make_meeting, clock):
    first = make_meeting("第一次协调会")
    store.create(first)
    clock.advance(minutes=1)
    second = make_meeting("第二次协调会")
    store.create(second)
    assert store.resolve(first.id) == first.id
    assert store.resolve(first.id.upper()) == first.id
    assert store.resolve("last") == second.id
    with pytest.raises(MeetuiError, match="matches 2 meetings"):
        store.resolve("m")
    with pytest.raises(MeetuiError, match="no meeting matches"):
        store.resolve("zzz")


def test_resolve_in_an_empty_store_says_how_to_start(store):
    with pytest.raises(MeetuiError, match="meetui new"):
        store.resolve("last")


@pytest.mark.parametrize("bad", ["../etc/passwd", "a/b", "A1", "x.json", "", "-", "a" * 41, "会议"])
def test_ids_that_are_not_file_names_are_refused(store, bad):
    with pytest.raises(MeetuiError, match="not a meeting id"):
        store.load(bad)
    with pytest.raises(MeetuiError, match="not a meeting id"):
        store.hold_live(bad)
    assert not store.root.exists()


def test_a_bad_id_on_a_new_meeting_is_refused_before_anything_is_written(store, make_meeting):
    meeting = make_meeting().model_copy(update={"id": "../escape"})
    with pytest.raises(MeetuiError, match="not a meeting id"):
        store.create(meeting)
    assert not store.root.exists()


def test_loading_a_missing_meeting_names_the_id(store, make_meeting):
    store.create(make_meeting())
    with pytest.raises(MeetuiError, match="no meeting with id 'nope'"):
        store.load("nope")


def test_hold_live_admits_one_holder(store, make_meeting):
    from meetui.store import MeetingBusy

    meeting = make_meeting()
    store.create(meeting)
    held = store.hold_live(meeting.id)
    with pytest.raises(MeetingBusy):
        Store(store.root).hold_live(meeting.id)
    held.release()
    Store(store.root).hold_live(meeting.id).release()


def test_threads_sharing_one_store_lose_nothing(store, make_meeting, clock):
    meeting = make_meeting()
    store.create(meeting)
    lives = [LiveMeeting(meeting.model_copy(deep=True), clock, SequentialIds(f"t{n}x")) for n in range(4)]

    def add_notes(live: LiveMeeting) -> None:
        for n in range(15):
            store.commit(live.meeting, live.add_note(f"线程记录 {n}"))

    threads = [threading.Thread(target=add_notes, args=(live,)) for live in lives]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(store.load(meeting.id).notes) == 60


def test_listing_orders_by_moment_not_by_the_text_of_the_time(store, clock, ids):
    from meetui.core.meeting import new_meeting

    shanghai = new_meeting("上海早会", clock, ids, scheduled_start="2026-03-09T10:00:00+08:00")  # 02:00 UTC
    london = new_meeting("伦敦晨会", clock, ids, scheduled_start="2026-03-09T03:00:00+00:00", timezone="UTC")
    store.create(shanghai)
    store.create(london)
    assert [s.title for s in store.summaries()] == ["伦敦晨会", "上海早会"]


def test_a_data_folder_that_is_a_file_is_refused_in_one_line(tmp_path, make_meeting):
    from meetui.store import StoreError

    blocker = tmp_path / "data"
    blocker.write_text("不是文件夹")
    with pytest.raises(StoreError) as caught:
        Store(blocker).create(make_meeting())
    assert str(blocker) in str(caught.value) and "\n" not in str(caught.value)
    assert blocker.read_text() == "不是文件夹"
