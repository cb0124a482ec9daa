"""The derived index: packs, checks of every entry, copies of a store, search and `last`."""

from __future__ import annotations

import json
import os
import shutil

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from meetui.core.clock import SequentialIds
from meetui.core.meeting import LiveMeeting
from meetui.store import Store
from meetui.store import index as index_module
from meetui.store.atomic import write_atomic
from meetui.store.search import fold, locate, meeting_hits


def read_pack(path):  # noqa: ANN001, ANN201
    """A pack's first line (its kind and digest) and its entries."""
    head, _, body = path.read_bytes().partition(b"\n")
    return head, json.loads(body)


def write_pack(path, head: bytes, entries) -> None:  # noqa: ANN001
    """Entries changed behind meetui's back: the digest in the first line no longer matches."""
    write_atomic(path, head + b"\n" + json.dumps(entries, ensure_ascii=False).encode(), durable=False)


def test_a_pack_that_meetui_wrote_is_not_checked_item_by_item(store, make_meeting, clock, monkeypatch) -> None:
    filled(store, make_meeting, clock)
    Store(store.root).action_docs()
    checks: list[str] = []
    real = index_module._fits  # noqa: SLF001
    monkeypatch.setattr(index_module, "_fits", lambda part, value, mid: checks.append(part) or real(part, value, mid))
    assert len(Store(store.root).action_docs()) == 1
    assert checks == []  # its digest matches: it holds what meetui checked when it wrote it
    pack = store.root / "index" / "actions.pack.json"
    head, entries = read_pack(pack)
    write_pack(pack, head, entries)  # the same entries, other bytes (spacing): checked again
    assert len(Store(store.root).action_docs()) == 1 and checks == ["actions"]


def filled(store: Store, make_meeting, clock, title: str = "季度复盘会") -> LiveMeeting:
    meeting = make_meeting(title)
    store.create(meeting)
    live = LiveMeeting(meeting, clock, SequentialIds(f"x{len(list(store.files))}"))
    store.commit(meeting, live.start())
    store.commit(meeting, live.add_note("服务器迁移方案需要再评估"))
    store.commit(meeting, live.add_action("提交测试报告", "李娜", due="+2d"))
    store.commit(meeting, live.end())
    return live


@pytest.fixture
def parses(monkeypatch):
    """How many meeting files were parsed (not just hashed) since the fixture started."""
    calls: list[str] = []
    real = index_module.meeting_tables

    def counting(path, raw, meeting_id=None):  # noqa: ANN001, ANN202
        calls.append(path.name)
        return real(path, raw, meeting_id)

    monkeypatch.setattr(index_module, "meeting_tables", counting)
    return calls


def test_listing_a_current_store_reads_the_packs_and_parses_no_meeting(store, make_meeting, clock, parses):
    for title in ("预算评审", "上线复盘"):
        filled(store, make_meeting, clock, title)
    Store(store.root).summaries()  # writes the packs
    parses.clear()
    assert sorted(s.title for s in Store(store.root).summaries()) == ["上线复盘", "预算评审"]
    assert [a["task"] for a in Store(store.root).action_docs()] == ["提交测试报告"] * 2
    assert parses == []
    assert (store.root / "index" / "meeting.pack.json").exists()


def test_a_copied_store_that_lost_its_times_is_checked_by_digest_not_parsed(
    store, make_meeting, clock, parses, tmp_path
):
    filled(store, make_meeting, clock)
    Store(store.root).summaries()
    copy = tmp_path / "copy"
    shutil.copytree(store.root, copy, copy_function=shutil.copyfile)  # new inodes and new times
    parses.clear()
    assert [s.title for s in Store(copy).summaries()] == ["季度复盘会"]
    assert parses == []


def test_an_entry_of_the_wrong_shape_is_skipped_with_a_warning_and_rebuilt(store, make_meeting, clock):
    live = filled(store, make_meeting, clock)
    Store(store.root).action_docs()
    pack = store.root / "index" / "actions.pack.json"
    head, data = read_pack(pack)
    entry = data[live.meeting.id]["value"][0]
    entry["owner"] = ["不是文字"]
    entry["surprise"] = 1
    write_pack(pack, head, data)
    fresh = Store(store.root)
    assert [a["owner"] for a in fresh.action_docs()] == ["李娜"]
    assert len(fresh.warnings) == 1 and live.meeting.id in fresh.warnings[0]
    again = Store(store.root)
    again.action_docs()
    assert again.warnings == []  # the pack was rewritten with the rebuilt entry


def test_a_meeting_file_changed_behind_the_packs_is_read_again(store, make_meeting, clock):
    live = filled(store, make_meeting, clock)
    Store(store.root).action_docs()
    path = store.meeting_path(live.meeting.id)
    data = json.loads(path.read_bytes())
    next(iter(data["actions"].values()))["task"] = "改过的任务"
    write_atomic(path, json.dumps(data, ensure_ascii=False).encode())
    os.utime(path, ns=(1, 1))  # even a file whose time went backwards
    assert [a["task"] for a in Store(store.root).action_docs()] == ["改过的任务"]


def test_search_finds_chinese_substrings_with_where_they_were_found(store, make_meeting, clock):
    live = filled(store, make_meeting, clock)
    hits = Store(store.root).search("迁移")
    assert [(h.kind, h.meeting_id, h.text[h.start : h.end]) for h in hits] == [("note", live.meeting.id, "迁移")]
    assert {h.kind for h in Store(store.root).search("测试")} == {"action"}
    assert Store(store.root).search("  ") == []


def test_search_sees_notes_of_a_meeting_still_being_written(store, make_meeting, clock):
    meeting = make_meeting("周会")
    store.create(meeting)
    live = LiveMeeting(meeting, clock, SequentialIds("w"))
    store.commit(meeting, live.start())
    Store(store.root).search("任何")
    store.commit(meeting, live.add_note("新增的记录：机房搬迁"))  # a note does not rewrite the index
    assert [h.text for h in Store(store.root).search("机房")] == ["新增的记录：机房搬迁"]


def test_last_is_resolved_from_the_meeting_pack(store, make_meeting, clock, parses):
    filled(store, make_meeting, clock, "第一次")
    second = filled(store, make_meeting, clock, "第二次")
    Store(store.root).summaries()
    parses.clear()
    assert Store(store.root).resolve("last") in {second.meeting.id, *[p.stem for p in store.files]}
    assert parses == []


def test_a_live_meeting_that_no_process_runs_is_interrupted(store, make_meeting, clock):
    meeting = make_meeting("中断的会议")
    store.create(meeting)
    live = LiveMeeting(meeting, clock, SequentialIds("q"))
    store.commit(meeting, live.start())
    [summary] = Store(store.root).summaries()
    assert summary.status == "live" and summary.interrupted and summary.shown_status == "interrupted"
    held = store.hold_live(meeting.id)
    try:
        [summary] = Store(store.root).summaries()
        assert not summary.interrupted
    finally:
        held.release()


def test_reading_a_damaged_meeting_file_through_the_index_names_it(store, make_meeting, clock):
    live = filled(store, make_meeting, clock)
    path = store.meeting_path(live.meeting.id)
    path.write_bytes(b'{"_meta": ')
    fresh = Store(store.root)
    assert fresh.summaries() == []
    assert str(path) in fresh.unreadable[0]


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
    max_leaves=8,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(junk=JSON, part=st.sampled_from(["meeting", "actions", "open", "text"]), key=st.booleans())
def test_whatever_a_pack_holds_the_listing_is_the_truth(store, make_meeting, clock, junk, part, key) -> None:
    if not list(store.files):
        filled(store, make_meeting, clock)
    truth = Store(store.root)
    expected = ([s.listing() for s in truth.summaries()], truth.action_docs(), [h.text for h in truth.search("迁移")])
    truth.entries("open")
    pack = store.root / "index" / f"{part}.pack.json"
    head, data = read_pack(pack)
    [meeting_id] = data
    entry = data[meeting_id]
    if key:
        # A value of the right shape (an empty list of items) cannot be told from the truth without a checksum:
        # the check is of keys, types and enum values, against damage and other versions, not forgery.
        assume(not index_module._fits(part, junk, meeting_id))  # noqa: SLF001
        entry["value"] = junk
    else:
        data[meeting_id] = junk
    write_pack(pack, head, data)
    fresh = Store(store.root)
    assert (
        [s.listing() for s in fresh.summaries()],
        fresh.action_docs(),
        [h.text for h in fresh.search("迁移")],
    ) == expected
    assert [r.parts["open"] for r in fresh.entries("open")] == [[a for a in expected[1] if a["status"] != "done"]]


def budget_meeting(store: Store, make_meeting, clock) -> LiveMeeting:  # noqa: ANN001
    """A held meeting with 预算 in its title and in one record of every kind."""
    meeting = make_meeting("年度预算评审")
    store.create(meeting)
    live = LiveMeeting(meeting, clock, SequentialIds("b"))
    store.commit(meeting, live.start())
    second = meeting.agenda[1]
    store.commit(meeting, live.rename_topic(second.id, "研发预算与人力"))
    store.commit(meeting, live.next_topic())
    store.commit(meeting, live.add_note("第一条记录"))
    store.commit(meeting, live.add_note("预算超出百分之十"))
    change = live.propose_decision("追加预算二十万")
    store.commit(meeting, change)
    store.commit(meeting, live.no_objections(change.records[0].id))
    store.commit(meeting, live.add_action("重新核算预算", "李娜", due="+2d"))
    store.commit(meeting, live.park("市场部预算另议"))
    store.commit(meeting, live.end())
    return live


def test_a_hit_carries_the_kind_and_id_of_the_record_it_was_found_in(store, make_meeting, clock) -> None:
    live = budget_meeting(store, make_meeting, clock)
    meeting = live.meeting
    topic = meeting.agenda[1]
    hits = Store(store.root).search("预算")
    expected = [
        ("title", None, meeting.id),
        ("topic", topic.id, topic.id),
        ("note", topic.id, meeting.notes_for(topic.id)[1].id),
        ("decision", topic.id, meeting.decisions[0].id),
        ("action", topic.id, meeting.actions[0].id),
        ("parking", topic.id, meeting.parking_lot[0].id),
    ]
    assert [(h.kind, h.topic_id, h.record_id) for h in hits] == expected
    assert {h.found for h in hits} == {"预算"}
    # The same hits, found in the meeting in memory (what the meeting screen steps through).
    assert meeting_hits("预算", meeting) == hits


def test_an_index_of_the_layout_before_record_ids_is_rebuilt_without_a_warning(store, make_meeting, clock) -> None:
    live = budget_meeting(store, make_meeting, clock)
    Store(store.root).search("预算")
    pack = store.root / "index" / "text.pack.json"
    head, entries = read_pack(pack)
    meta = json.loads(head)
    meta["layout"] = 3  # what the meetui before record ids wrote: three fields per entry
    for entry in entries.values():
        entry["value"] = [text[:3] for text in entry["value"]]
    write_pack(pack, json.dumps(meta).encode(), entries)
    shard = store.root / "index" / f"{live.meeting.id}.json"
    old = json.loads(shard.read_bytes())
    old["_meta"]["layout"] = 3
    old["body"]["entry"]["text"] = [text[:3] for text in old["body"]["entry"]["text"]]
    write_atomic(shard, json.dumps(old, ensure_ascii=False).encode(), durable=False)
    fresh = Store(store.root)
    assert [h.record_id for h in fresh.search("超出")] == [live.meeting.notes[1].id]
    assert fresh.warnings == []


@pytest.mark.parametrize(
    ("needle", "text", "found"),
    [
        ("预算", "年度预算评审", "预算"),
        ("faq", "更新 FAQ 页面", "FAQ"),
        ("strasse", "Hauptstraße 5", "straße"),  # ß folds to ss: the hit covers the ß
        ("ss", "Hauptstraße 5", "ß"),
        ("e 5", "Hauptstraße 5", "e 5"),  # after the ß, offsets are mapped back
        ("预算", "没有", None),
        ("", "年度预算", None),
    ],
)
def test_locate_gives_offsets_in_the_text_itself(needle: str, text: str, found: str | None) -> None:
    where = locate(fold(needle), text)
    assert (text[where[0] : where[1]] if where else None) == found


@given(text=st.text(max_size=30), start=st.integers(0, 30), size=st.integers(1, 5))
def test_a_located_hit_folds_to_the_needle(text: str, start: int, size: int) -> None:
    piece = text[start : start + size]
    needle = fold(piece)
    assume(needle and needle == piece.casefold())
    where = locate(needle, text)
    assert where is not None
    assert needle in text[where[0] : where[1]].casefold()


def test_a_meeting_in_memory_is_searched_as_its_file_is(full_run: LiveMeeting) -> None:
    from meetui.store.files import tables_of
    from meetui.store.search import searchable_tables, text_entries

    full_run.meeting.notes[0].withdrawn = True
    entries = text_entries(tables_of(full_run.meeting))
    assert text_entries(searchable_tables(full_run.meeting)) == entries
    assert {entry[0] for entry in entries} == {"title", "topic", "note", "decision", "action", "parking"}


def test_private_notes_are_not_searchable(store, make_meeting, clock) -> None:
    """The home screen is shown on shared screens: a private note (kept for the note-taker) is never a search hit,
    in the index or in a meeting in memory."""
    meeting = make_meeting("周会")
    store.create(meeting)
    live = LiveMeeting(meeting, clock, SequentialIds("w"))
    store.commit(meeting, live.start())
    store.commit(meeting, live.add_note("陈刚的预算数字不要外传", private=True))
    store.commit(meeting, live.add_note("预算待市场部确认"))
    assert [h.text for h in Store(store.root).search("预算")] == ["预算待市场部确认"]
    assert [h.text for h in meeting_hits("预算", live.meeting)] == ["预算待市场部确认"]


ENTRY = st.tuples(
    st.sampled_from(["title", "topic", "note", "decision", "action", "parking"]),
    st.one_of(st.none(), st.text("abc", min_size=1, max_size=3)),
    st.text(alphabet=st.sampled_from("aAßSsi̇İ预算迁移ＡａＢ \x00\x1f"), min_size=1, max_size=12),
    st.text("xyz", min_size=1, max_size=3),
)


@settings(max_examples=300 if os.environ.get("MEETUI_CI") else 100, suppress_health_check=[HealthCheck.too_slow])
@given(entries=st.lists(ENTRY, max_size=12), query=st.text(alphabet=st.sampled_from("aAßsi̇预算迁ＡＢａ "), max_size=3))
def test_the_packed_search_finds_what_a_search_entry_by_entry_finds(entries, query) -> None:
    """The index packs a meeting's entries into four strings and searches the whole text at once: it finds what
    looking at each entry in turn finds (one hit per entry, same offsets), whatever the texts hold."""
    from meetui.store.search import fits_packed, pack, search

    listed = [[kind, topic, text, record] for kind, topic, text, record in entries]
    packed = pack(listed)
    assert fits_packed(packed)
    needle = fold(query)
    expected = []
    for kind, topic, text, record in listed:
        kept = text.replace("\x00", " ")
        where = locate(needle, kept) if needle and "\x00" not in needle else None
        if where is not None:
            expected.append((kind, topic, kept, where, record.replace("\x1f", " ")))
    found = [(h.kind, h.topic_id, h.text, (h.start, h.end), h.record_id) for h in search(query, [("m", "会", packed)])]
    assert found == [(k, (t or "").replace("\x1f", " ") or None, x, w, r) for k, t, x, w, r in expected]


@pytest.mark.parametrize(
    "broken",
    [
        [],
        {"kinds": "n", "topics": "", "ids": "a", "text": "x\x00y"},
        {"kinds": "z", "topics": "", "ids": "a", "text": "x"},
        {"kinds": "n", "topics": "", "ids": "a"},
        {"kinds": "n", "topics": None, "ids": "a", "text": "x"},
    ],
)
def test_a_packed_entry_of_another_shape_is_refused(broken) -> None:
    from meetui.store.search import fits_packed

    assert not fits_packed(broken)
