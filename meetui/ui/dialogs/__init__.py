"""The live screen's dialogs: one modal screen per module, each changing the meeting only through the session."""
