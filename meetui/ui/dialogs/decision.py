"""The decision lock (``d``): write the decision, ask "any objections?", settle what the room says.

The flow, one stage at a time so that no single key does two things:

1. **text** — the decision, prefilled from the topic's newest ``#agreed`` note;
   Enter puts it to the room (nothing is locked yet).
2. **status** — the question, shown big, with the attendance locking would
   record (no roll call yet: ``c`` calls it first). Enter = no objections: the
   decision is locked with the time, who was present and the decision-maker,
   and the dialog closes. ``o``
   records an objection (who and why); after one, ``r`` revises and asks
   again, ``v`` puts it to a vote, ``e`` escalates to the decision-maker and
   ``k`` defers the topic to the parking lot. A locked decision is shown
   locked; ``m`` amends it, which makes a new version.
"""

from __future__ import annotations

from dataclasses import replace
from enum import StrEnum

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import ContentSwitcher, Footer, Input, Label, Static

from ...core.meeting import Change, decision_question
from ...core.models import Decision, DecisionState, Topic
from ...core.text import cell_width, truncate
from ..session import MeetingSession
from .base import ENTER_IN_FORMS, MeetingDialog
from .widgets import InlineError, NameInput, attendee_names, field


class Stage(StrEnum):
    """What the decision dialog is showing."""

    TEXT = "stage-text"
    STATUS = "stage-status"
    OBJECT = "stage-object"
    VOTE = "stage-vote"
    ESCALATE = "stage-escalate"
    DEFER = "stage-defer"


#: The keys of the status stage, by the state of the decision on show.
STATUS_ACTIONS: dict[DecisionState | None, set[str]] = {
    None: set(),
    DecisionState.PROPOSED: {"no_objections", "object", "revise", "defer"},
    DecisionState.OBJECTED: {"object", "revise", "vote", "escalate", "defer"},
    DecisionState.ESCALATED: {"rule", "object", "revise", "defer"},
    DecisionState.LOCKED: {"done", "amend"},
    DecisionState.REJECTED: {"revise", "defer", "done"},
    DecisionState.DEFERRED: {"done"},
}
_STAGE_ACTIONS = set().union(*STATUS_ACTIONS.values())

_BADGES = {
    DecisionState.PROPOSED: "ANY OBJECTIONS?",
    DecisionState.OBJECTED: "OBJECTED",
    DecisionState.ESCALATED: "ESCALATED",
    DecisionState.LOCKED: "LOCKED",
    DecisionState.REJECTED: "REJECTED",
    DecisionState.DEFERRED: "DEFERRED",
}


def has_wide(text: str) -> bool:
    """Whether ``text`` holds wide (e.g. Chinese) characters."""
    return cell_width(text) > len(text)


class DecisionDialog(MeetingDialog):
    """Lock the current topic's decision through "Regarding …, the decision is …. Any objections?"."""

    BINDINGS = [
        *ENTER_IN_FORMS,  # its own enter bindings would otherwise drop the ones it inherits
        # Priority, like NEXT_FIELD: the dialog closes while Textual handles the Enter, so the keys typed right
        # behind it reach the live screen instead of a dialog on its way out.
        Binding("enter", "no_objections", "No objections: lock", id="decision.no_objections", priority=True),
        Binding("enter", "rule", "Ruled: lock", id="decision.rule", priority=True),
        Binding("enter", "done", "Done", id="decision.done", priority=True),
        Binding("o", "object", "Objection", id="decision.object"),
        Binding("r", "revise", "Revise", id="decision.revise"),
        Binding("v", "vote", "Vote", id="decision.vote"),
        Binding("e", "escalate", "Escalate", id="decision.escalate"),
        Binding("k", "defer", "Defer to parking lot", id="decision.defer"),
        Binding("m", "amend", "Amend", id="decision.amend"),
        Binding("c", "roll_call", "Call the roll first", id="decision.roll_call"),
    ]

    def __init__(self, session: MeetingSession) -> None:
        super().__init__(session)
        self.topic: Topic | None = session.meeting.current_topic
        self.stage = Stage.STATUS
        self.text_mode = "propose"

    # -- state -----------------------------------------------------------------

    @property
    def decision(self) -> Decision | None:
        """The newest version of the topic's decision."""
        return self.session.meeting.latest_decision(self.topic.id) if self.topic else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "roll_call":  # offered while the question is open and nobody has been marked present yet
            decision = self.decision
            return (
                self.stage is Stage.STATUS
                and decision is not None
                and not decision.locked
                and decision.state is not DecisionState.REJECTED
                and not self.live.roll_call_taken()
            )
        if action not in _STAGE_ACTIONS:
            return super().check_action(action, parameters)
        decision = self.decision
        return self.stage is Stage.STATUS and action in STATUS_ACTIONS[decision.state if decision else None]

    # -- layout ----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        names = attendee_names(self.session.meeting)
        with Vertical(id="decision-dialog", classes="dialog"):
            yield Static(self._title(), classes="dialog-title", markup=False)
            yield Static(id="decision-history", classes="muted", markup=False)
            yield Static(id="decision-context", markup=False)
            with ContentSwitcher(initial=Stage.STATUS, id="decision-stages"):
                with Vertical(id=Stage.TEXT):
                    yield Label("Decision", classes="field-label", markup=False)
                    yield field("what was decided", id="decision-text")
                    yield Label("Why amend", classes="field-label", id="amend-reason-label", markup=False)
                    yield field("reason for the new version", id="amend-reason")
                    yield Static("⏎ ask the room · esc back", classes="hint", id="text-hint", markup=False)
                with Vertical(id=Stage.STATUS):
                    yield Static(id="decision-badge", markup=False)
                    yield Static(id="decision-question", markup=False)
                    yield Static(id="decision-detail", classes="muted", markup=False)
                with Vertical(id=Stage.OBJECT):
                    yield Label("Who objects", classes="field-label", markup=False)
                    yield NameInput(names, id="objector")
                    yield Label("Why", classes="field-label", markup=False)
                    yield field("the reason, for the minutes", id="objection-why")
                    yield Static("⏎ next field / record the objection · esc back", classes="hint", markup=False)
                with Vertical(id=Stage.VOTE):
                    with Horizontal(classes="vote-row"):
                        yield Label("For", classes="vote-label", markup=False)
                        yield field("0", id="vote-for", type="integer")
                        yield Label("Against", classes="vote-label", markup=False)
                        yield field("0", id="vote-against", type="integer")
                        yield Label("Abstain", classes="vote-label", markup=False)
                        yield field("0", id="vote-abstain", type="integer")
                    yield Static("⏎ next count / count the vote · esc back", classes="hint", markup=False)
                with Vertical(id=Stage.ESCALATE):
                    yield Label("Escalate to", classes="field-label", markup=False)
                    yield NameInput(names, id="escalate-to")
                    yield Static("⏎ escalate · esc back", classes="hint", markup=False)
                with Vertical(id=Stage.DEFER):
                    yield Label("Why it is deferred (optional)", classes="field-label", markup=False)
                    yield field("e.g. needs data from finance", id="defer-reason")
                    yield Static("⏎ move the topic to the parking lot · esc back", classes="hint", markup=False)
            yield InlineError(id="decision-error")
        yield Footer()

    def _title(self) -> str:
        return f"Decision · {self.topic.title}" if self.topic else "Decision"

    def on_mount(self) -> None:
        if self.topic is None:
            self.show_error("there is no current topic: start the meeting or pick a topic first")
            self.show_stage(Stage.STATUS)
            return
        decision = self.decision
        if decision is None or decision.state is DecisionState.DEFERRED and not decision.locked:
            self.edit_text("propose", self.live.suggested_decision(self.topic.id))
        else:
            self.show_stage(Stage.STATUS)

    # -- stages ----------------------------------------------------------------

    def show_stage(self, stage: Stage, focus: str | None = None) -> None:
        """Switch to ``stage`` and focus ``focus`` (or nothing, so the letter keys act)."""
        self.stage = stage
        self.query_one("#decision-stages", ContentSwitcher).current = stage
        if stage is Stage.STATUS:
            self.render_status()
        self.render_history()
        context = self.query_one("#decision-context", Static)
        decision = self.decision
        context.display = stage in {Stage.OBJECT, Stage.VOTE, Stage.ESCALATE, Stage.DEFER} and decision is not None
        if decision is not None:
            context.update(Text.assemble(("Proposed: ", "dim"), (decision.text, "bold")))
        if focus:
            self.focus_input(focus)
        else:
            self.focus_nothing()
        self.refresh_bindings()

    def edit_text(self, mode: str, text: str) -> None:
        """Show the text stage to propose, revise or amend."""
        self.text_mode = mode
        self.query_one("#decision-text", Input).value = text
        amending = mode == "amend"
        self.query_one("#amend-reason-label").display = amending
        reason = self.query_one("#amend-reason", Input)
        reason.display = amending
        reason.value = ""
        hint = {"propose": "⏎ ask the room", "revise": "⏎ ask the room again", "amend": "⏎ next field"}[mode]
        self.query_one("#text-hint", Static).update(f"{hint} · esc {'close' if self.decision is None else 'back'}")
        self.show_stage(Stage.TEXT, "decision-text")

    def render_history(self) -> None:
        """Earlier versions of the topic's decision, newest last."""
        history = self.query_one("#decision-history", Static)
        if self.topic is None:
            history.display = False
            return
        versions = self.session.meeting.decisions_for(self.topic.id)[:-1]
        lines = [f"v{d.version} {d.state.value}: {d.text}" for d in versions]
        history.update("\n".join(lines))
        history.display = bool(lines)

    def render_status(self) -> None:
        """The decision on show: the question, or how it was settled."""
        decision = self.decision
        badge = self.query_one("#decision-badge", Static)
        question = self.query_one("#decision-question", Static)
        detail = self.query_one("#decision-detail", Static)
        if decision is None or self.topic is None:
            badge.update("")
            question.update("")
            detail.update("")
            return
        badge.update(_BADGES[decision.state] + self._version_label(decision))
        badge.set_classes(f"badge -{decision.state.value}")
        if decision.state is DecisionState.PROPOSED:
            text = Text(decision_question(self.topic, decision.text), style="bold")
            if has_wide(self.topic.title + decision.text):
                text.append("\n\n" + decision_question(self.topic, decision.text, lang="zh"))
            question.update(text)
        else:
            question.update(Text(decision.text, style="bold"))
        detail.update(self._detail(decision))
        detail.display = bool(detail.content)

    def _version_label(self, decision: Decision) -> str:
        if decision.amends:
            old = next((d for d in self.session.meeting.decisions if d.id == decision.amends), None)
            return f" · version {decision.version}, amends version {old.version if old else '?'}"
        return f" · version {decision.version}" if decision.version > 1 else ""

    def _detail(self, decision: Decision) -> Text:
        lines: list[str] = []
        if decision.amend_reason:
            lines.append(f"Why amended: {decision.amend_reason}")
        for objection in decision.objections:
            settled = f" → {objection.resolution}" if objection.resolution else ""
            lines.append(f"• {objection.who} objects: {objection.why}{settled}")
        if decision.vote is not None:
            vote = decision.vote
            lines.append(f"Vote: {vote.in_favour} for, {vote.against} against, {vote.abstain} abstaining")
        state = decision.state
        if state is DecisionState.LOCKED and decision.locked_at is not None:
            by = decision.locked_by or self.session.meeting.note_taker or self.session.meeting.host
            maker = decision.decision_maker or "none in the room"
            lines.append(f"Locked {self.local_time(decision.locked_at)} by {by} · decision-maker: {maker}")
            lines.append(f"Present: {', '.join(decision.present) or 'no roll call was taken'}")
        elif state in {DecisionState.PROPOSED, DecisionState.ESCALATED}:
            lines.extend(self._attendance_lines())
        elif state is DecisionState.OBJECTED:
            lines.append("Revise it, vote, escalate to the decision-maker, or defer the topic.")
        elif state is DecisionState.ESCALATED:
            lines.append(f"Escalated to {decision.escalated_to}: ⏎ when they rule it stands.")
        elif state is DecisionState.REJECTED:
            lines.append("Revise it into a new proposal, or defer the topic.")
        return Text("\n".join(lines))

    def _attendance_lines(self) -> list[str]:
        """What locking now would record as attendance and decision-maker, said before it is recorded."""
        live = self.live
        lines = []
        if not live.roll_call_taken():
            lines.append("No roll call yet: the record would list nobody as present. c takes the roll call first.")
        else:
            lines.append(f"Present: {', '.join(live.present_names())}")
        if not live.deciding():
            lines.append("No decision-maker is in the room: the record will say so.")
        return lines

    # -- keys ------------------------------------------------------------------

    def action_roll_call(self) -> None:
        """Take the roll call now, then come back to the question."""
        from .roll_call import RollCallDialog

        def back(change: Change | None) -> None:
            if change is not None:
                self.last_change = change
            self.show_stage(Stage.STATUS)

        self.app.push_screen(RollCallDialog(self.session), back)

    def action_no_objections(self) -> None:
        """Nobody objects: lock the decision and close at once (the notes pane and a message show it locked)."""
        decision = self.decision
        if decision is not None and self.apply(lambda live: live.no_objections(decision.id)):
            self.dismiss(self.last_change)

    def action_rule(self) -> None:
        decision = self.decision
        if decision is not None and self.apply(
            lambda live: live.no_objections(decision.id, ruled_by=decision.escalated_to)
        ):
            self.dismiss(self.last_change)

    def action_done(self) -> None:
        self.dismiss(self.last_change)

    def action_close(self) -> None:
        """Closed with the question unanswered: the message says the decision waits, not the question again."""
        decision, change = self.decision, self.last_change
        if change is not None and decision is not None and decision.state is not DecisionState.LOCKED:
            from ..keys import LIVE_BY_ID, key_display

            ask = key_display(self.app, LIVE_BY_ID["live.decision"])
            words = truncate(decision.text, 40)
            change = replace(change, message=f"“{words}” is not locked yet: {ask} asks “any objections?” again")
        self.dismiss(change)

    def action_object(self) -> None:
        self.query_one("#objector", Input).value = ""
        self.query_one("#objection-why", Input).value = ""
        self.show_stage(Stage.OBJECT, "objector")

    def action_revise(self) -> None:
        decision = self.decision
        if decision is not None:
            mode = "propose" if decision.state is DecisionState.REJECTED else "revise"
            self.edit_text(mode, decision.text)

    def action_vote(self) -> None:
        for name in ("vote-for", "vote-against", "vote-abstain"):
            self.query_one(f"#{name}", Input).value = ""
        self.show_stage(Stage.VOTE, "vote-for")

    def action_escalate(self) -> None:
        self.query_one("#escalate-to", Input).value = self.live.decision_maker()
        self.show_stage(Stage.ESCALATE, "escalate-to")

    def action_defer(self) -> None:
        self.query_one("#defer-reason", Input).value = ""
        self.show_stage(Stage.DEFER, "defer-reason")

    def action_amend(self) -> None:
        decision = self.decision
        if decision is not None:
            self.edit_text("amend", decision.text)

    @property
    def nested(self) -> bool:
        return self.stage is not Stage.STATUS and self.decision is not None

    def back(self) -> None:
        self.show_stage(Stage.STATUS)

    # -- fields ----------------------------------------------------------------

    def field_order(self) -> list[str]:
        """The fields of the open step, in the order ``enter`` moves through them."""
        orders = {
            Stage.TEXT: ["decision-text", "amend-reason"] if self.text_mode == "amend" else ["decision-text"],
            Stage.OBJECT: ["objector", "objection-why"],
            Stage.VOTE: ["vote-for", "vote-against", "vote-abstain"],
            Stage.ESCALATE: ["escalate-to"],
            Stage.DEFER: ["defer-reason"],
        }
        return orders.get(self.stage, [])

    def submit(self) -> None:
        submits = {
            Stage.TEXT: self.submit_text,
            Stage.OBJECT: self.submit_objection,
            Stage.VOTE: self.submit_vote,
            Stage.ESCALATE: self.submit_escalation,
            Stage.DEFER: self.submit_deferral,
        }
        if self.stage in submits:
            submits[self.stage]()

    def submit_text(self) -> None:
        text = self.value("decision-text")
        topic = self.topic
        if topic is None:
            return
        if self.text_mode == "amend":
            locked = self.session.meeting.locked_decision(topic.id)
            reason = self.value("amend-reason")
            ok = locked is not None and self.apply(lambda live: live.amend(locked.id, text, reason))
        elif self.text_mode == "revise" and self.decision is not None:
            decision = self.decision
            ok = self.apply(lambda live: live.revise(decision.id, text))
        else:
            ok = self.apply(lambda live: live.propose_decision(text, topic.id))
        if ok:
            self.show_stage(Stage.STATUS)

    def submit_objection(self) -> None:
        decision = self.decision
        who, why = self.value("objector"), self.value("objection-why")
        if decision is not None and self.apply(lambda live: live.object(decision.id, who, why)):
            self.show_stage(Stage.STATUS)

    def submit_vote(self) -> None:
        decision = self.decision
        try:
            counts = [int(self.value(name) or 0) for name in ("vote-for", "vote-against", "vote-abstain")]
        except ValueError:
            self.show_error("the vote counts must be whole numbers")
            return
        if decision is not None and self.apply(lambda live: live.vote(decision.id, *counts)):
            if self.decision is not None and self.decision.locked:
                self.dismiss(self.last_change)  # carried: locked, so the dialog's work is done
            else:
                self.show_stage(Stage.STATUS)

    def submit_escalation(self) -> None:
        decision = self.decision
        to = self.value("escalate-to")
        if decision is not None and self.apply(lambda live: live.escalate(decision.id, to)):
            self.show_stage(Stage.STATUS)

    def submit_deferral(self) -> None:
        topic = self.topic
        reason = self.value("defer-reason")
        if topic is not None and self.apply(lambda live: live.defer_topic(topic.id, reason=reason)):
            self.dismiss(self.last_change)
