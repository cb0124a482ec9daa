"""Persistence of meetings in TinyDB files, crash-safe and safe across processes."""

from .search import SearchHit
from .store import MeetingBusy, MeetingSummary, PendingWrite, Store, StoreError, default_data_dir

__all__ = ["MeetingBusy", "MeetingSummary", "PendingWrite", "SearchHit", "Store", "StoreError", "default_data_dir"]
