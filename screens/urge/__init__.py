"""Urge surfing: check in, ride the wave, land. The screen translates keys; nocontact_tui.domain.urges decides.

One widget per phase, each with its CSS beside it: `checkin.py`, `surf.py`,
`landing.py`. Only the check-in's rating is in the first frame; the rest is
mounted the first time the session reaches it (`UrgeScreen.ready`).

The timer follows Textual's stopwatch: a paused `set_interval` resumed when the
surf begins, elapsed time read from `app.clock.monotonic()` (a FrozenClock in
tests), a `var` with a watch method updating the display, and CSS classes on the
screen switching which phase and step show. Every rating is saved the moment it
is given.
"""

from __future__ import annotations

import asyncio
from typing import Any, TypeVar

from nocontact_tui.screens.base import AppScreen
from nocontact_tui.screens.dialogs.ask_line import AskLine
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.reactive import var
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from nocontact_tui.domain.contact_form import after_logging
from nocontact_tui.domain.contacts import list_contacts, log_contact
from nocontact_tui.domain.people import list_people, person_at
from nocontact_tui.domain.plans import plan_for
from nocontact_tui.domain.reasons import list_reasons, pick_reason
from nocontact_tui.domain.traps import (
    PAGE,
    Trap,
    check_in_order,
    get_trap,
    load_traps,
    page_of,
    pages,
    pick,
)
from nocontact_tui.domain.urges import (
    PHASES,
    Prompt,
    Step,
    UrgeSession,
    clamp_minutes,
    compute_evidence,
    countdown,
    evidence_lines,
    list_urges,
    save_session,
    surf_prompts,
    trigger_counts,
)
from nocontact_tui.journal.schema import CONTACT_KINDS
from nocontact_tui.texts import line, load
from nocontact_tui.widgets.breakpoints import breakpoint_classes
from nocontact_tui.widgets.footer import KeysFooter

from .checkin import CheckIn
from .landing import ALWAYS, Landing, outcome_choices
from .surf import Surf

TICK = 0.25  # seconds between redraws; the time itself comes from the clock
LANDED = {
    "surfed": "landed_surfed",
    "reached_someone": "landed_reached",
    "wrote_letter": "landed_letter",
    "abandoned": "landed_left",
}
PhaseWidget = TypeVar("PhaseWidget", CheckIn, Surf, Landing)
RATING_STEPS = (Step.RATE, Step.LAND_RATE)
CHOICE_STEPS = (Step.TRAP, Step.OUTCOME, Step.CONTACT_KIND, Step.CONTACT_FELT)


READ_JOURNAL_AFTER = 0.15  # seconds after mount; a key pressed sooner reads it at once


class UrgeScreen(AppScreen[None]):
    CSS_PATH = ["urge.tcss", "checkin.tcss", "surf.tcss", "landing.tcss"]
    AUTO_FOCUS = ""  # sync() places the focus for each step; no focus-then-unfocus at mount
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (60, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (20, "-tall")]
    BINDINGS = [
        Binding("0", "rate(0)", "Rate", key_display="0-9"),
        *[Binding(str(n), f"rate({n})", "Rate", show=False) for n in range(1, 10)],
        Binding("t", "rate(10)", "10"),
        # Only at the last rating after the timer ran out, for an urge still strong. Before
        # "Skip", so that a 40-column footer keeps it; the landing's words say "five minutes".
        Binding("k", "keep_going", "Keep going"),
        Binding("1", "choose(1)", "Choose", key_display="1-9"),
        *[Binding(str(n), f"choose({n})", "Choose", show=False) for n in range(2, 10)],
        Binding("0", "trap_page", "More cards"),
        Binding("s", "skip", "Skip"),
        Binding("space", "pause", "Pause"),
        Binding("space", "resume", "Resume"),
        Binding("plus,equals_sign", "minutes(1)", "+1 min", key_display="+"),
        Binding("minus", "minutes(-1)", "-1 min", key_display="-"),
        Binding("enter", "end_early", "Finish now"),
        # Enter pressed right after the trap, before the field has the focus, still goes on.
        Binding("enter", "say_done", show=False),
        Binding("t", "peek_traps", "Trap cards"),
        Binding("enter", "home", "Home"),
        Binding("u", "again", "Another wave"),
        Binding("u", "stay", show=False),  # already here: keeps the footer for this screen's keys
        Binding("escape", "leave", "Leave"),
    ]

    elapsed: var[float] = var(0.0)  # timer seconds surfed

    def __init__(self) -> None:
        # Start with the classes of the first step: changing a screen's classes after
        # mount restyles every widget on it, which a fast first frame cannot afford.
        super().__init__()
        self.set_classes(["-checkin", "-step-rate", *breakpoint_classes(UrgeScreen, self.app.size)])
        self.words: dict[str, Any] = load("urge")
        self.session = UrgeSession()
        self.trap_order: list[Trap] = []
        self.trap_page = 0  # which nine cards the digits pick from; 0 turns the page
        self.plan: list[Prompt] = []
        self.say_draft = ""
        self.surf_began = 0.0  # monotonic reading when surfing began (drives the pacer)
        self.landed_text = ""
        self.land_status = ""  # the line above the landing: time is up, or ended early
        self.outcomes = ALWAYS  # what the digits pick at the landing, set when the surf begins
        self.mounting = asyncio.Lock()

    # -- layout: each phase is its own widget, mounted the first time it is needed --------

    def compose(self) -> ComposeResult:
        yield CheckIn()
        yield KeysFooter()

    async def ready(self, step: Step) -> bool:
        """Mount the widgets of `step` the first time the session gets there; whether they are in.

        Every widget on the screen is styled as it mounts and again when the screen is
        shown; leaving the later steps out of the first frame shortens it. False only when
        the screen is closing (the app quitting, say): nothing may then touch the widgets
        that were to come. The lock keeps a key and the timer from mounting a phase twice.
        """
        async with self.mounting:
            if not self.is_attached:
                return False
            phase = PHASES[step]
            if phase == "checkin":
                if step is not Step.RATE:
                    await self.query_one(CheckIn).ready()
            else:
                # The landing comes with the surf: time running out lands the session from
                # the timer, which shows the landing at once rather than wait for a mount.
                missing = [cls() for cls in (Surf, Landing) if not self.query(cls)]
                if missing:
                    await self.mount(*missing, before=self.query_one(KeysFooter))
            return True

    def phase_shown(self, cls: type[PhaseWidget]) -> PhaseWidget | None:
        """The phase widget when it is in (mounted and composed), else None."""
        for widget in self.query(cls).results(cls):
            if widget.is_mounted:
                return widget
        return None

    def on_mount(self) -> None:
        # The check-in needs nothing from the journal: draw it first, read the file after.
        # A short wait, not just the next refresh: parsing holds the interpreter, and the
        # frame must first reach the terminal through Textual's writer thread.
        self.set_timer(READ_JOURNAL_AFTER, self.after_first_frame)
        self.timer = self.set_interval(TICK, self.tick, pause=True)
        self.flusher_key = f"urge-{id(self)}"
        self.app.register_flusher(self.flusher_key, self.flush)
        self.sync()

    def after_first_frame(self) -> None:
        self.apply_settings()

    def apply_settings(self) -> None:
        """The user's timer length, once the journal is read (still in the check-in by then)."""
        if self.session.phase == "checkin":
            self.session.minutes = clamp_minutes(self.app.settings.urge_minutes)

    def on_unmount(self) -> None:
        self.flush()  # the app closing under a live session: kept as it stands
        self.app.unregister_flusher(self.flusher_key)

    # -- running under other screens (the app's HoldsSession) -------------------------

    @property
    def session_live(self) -> bool:
        return self.session.live

    def session_notice(self, typing: bool = False) -> str:
        session, t = self.session, self.t()
        if typing:
            return line("messages", "urge_typing_notice", time=countdown(session.remaining(t)))
        if session.rating_due(t):
            return line("messages", "urge_rating_notice")
        if session.phase == "land":
            return line("messages", "urge_landing_notice")
        return line("messages", "urge_running_notice", time=countdown(session.remaining(t)))

    def end_session_by_choice(self) -> None:
        """The person answered yes to "end this wave here?": stopped early, by them."""
        self.keep_say_draft()
        if self.session.abandon(self.t()):
            self.timer.pause()
            self.save()

    # -- keeping the display in step with the session --------------------------------

    def t(self) -> float:
        return self.app.clock.monotonic()

    async def show_step(self) -> None:
        """Show the step the session has moved to, mounting its widgets the first time."""
        if await self.ready(self.session.step):
            self.sync()

    def sync(self) -> None:
        """Show the step the session is in and the keys that work there (its widgets are in)."""
        session = self.session
        for phase in ("checkin", "surf", "land"):
            self.set_class(session.phase == phase, f"-{phase}")
        for step in Step:
            self.set_class(session.step is step, f"-step-{step.value}")
        self.set_class(session.paused, "-paused")
        self.set_class(session.rating_due(self.t()), "-asking")
        if session.step is Step.TRAP:
            self.query_one("#trap-list", OptionList).focus()
        elif session.step is Step.SAY:
            self.query_one("#say", Input).focus()
        else:
            self.set_focus(None)
        landing = self.phase_shown(Landing)
        if landing is not None:
            landing.status(self.land_status)
            if session.step is Step.DONE:
                landing.show_done(self.landed_text, session.ratings)
        self.watch_elapsed(self.elapsed)
        self.refresh_bindings()

    def tick(self) -> None:
        t = self.t()
        session = self.session
        in_front = self.app.screen is self
        if session.tick(t):
            self.timer.pause()
            key = "time_up" if session.can_keep_going() else "time_up_longest"
            self.land_status = self.words[key]
            self.sync()
            if not in_front:
                self.app.notify(line("messages", "urge_time_up_elsewhere"), timeout=8)
        if not in_front:
            self.app.refresh_footer_notice()
        self.elapsed = session.elapsed(t)
        surf = self.phase_shown(Surf)
        if surf is not None:
            surf.breathe(t - self.surf_began)
        asking = session.rating_due(t)
        if asking != self.has_class("-asking"):
            self.set_class(asking, "-asking")
            self.refresh_bindings()

    def watch_elapsed(self, elapsed: float) -> None:
        surf = self.phase_shown(Surf)
        if surf is not None:  # else nothing to show yet: sync calls again once it is in
            surf.show(self.session, elapsed, self.plan)

    # -- saving -----------------------------------------------------------------------

    def save(self) -> bool:
        if not self.app.store.writable:
            return False  # the app said so once when it opened; no error at every rating
        now = self.app.clock.now()
        return self.app.save(lambda: save_session(self.app.store, self.session, now))

    def keep_say_draft(self) -> None:
        session = self.session
        if session.step is Step.SAY:
            # The field itself when it is still there: on a signal the last keys may be in
            # it while their Changed messages still wait.
            for field in self.query("#say").results(Input):
                self.say_draft = field.value
            session.say = self.say_draft

    def flush(self) -> None:
        """Every way out the person did not choose (a signal, the terminal closing, the app
        exiting): what was typed and rated is kept, as it stands, with no outcome."""
        self.keep_say_draft()
        if self.session.interrupt(self.t()):
            self.timer.pause()
            self.save()

    @on(Input.Changed, "#say")
    def keep_draft(self, event: Input.Changed) -> None:
        self.say_draft = event.value

    # -- check-in ---------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        session = self.session
        step = session.step
        due = session.rating_due(self.t())
        allowed = {
            "rate": step in RATING_STEPS or due,
            "choose": step in CHOICE_STEPS,
            "trap_page": step is Step.TRAP and len(self.trap_order) > PAGE,
            "skip": step in (Step.TRAP, Step.LAND_RATE, Step.CONTACT_FELT) or due,
            "pause": step is Step.SURF and not session.paused,
            "resume": step is Step.SURF and session.paused,
            "minutes": step is Step.SURF,
            "end_early": step is Step.SURF,
            "keep_going": session.can_keep_going(),
            "say_done": step is Step.SAY,
            "peek_traps": session.live and step not in RATING_STEPS and not due,
            "home": step is Step.DONE,
            "again": step is Step.DONE,
        }
        return allowed.get(action, True)

    async def action_rate(self, value: int) -> None:
        first = self.session.step is Step.RATE
        if first and not await self.ready(Step.TRAP):
            return
        if not self.session.rate(value, self.t()):
            return
        if first:
            app = self.app
            self.trap_order = check_in_order(
                load_traps(),
                trigger_counts(list_urges(app.store)),
                app.clock.now().hour,
                app.settings.day_starts_at,
            )
            self.show_trap_page(0)
        self.save()
        await self.show_step()

    def show_trap_page(self, page: int) -> None:
        """Number the nine cards that the digits pick now; the rest stay a key away (0)."""
        self.trap_page = page
        trap_list = self.query_one("#trap-list", OptionList)
        trap_list.set_options(
            Option(
                f"{index % PAGE + 1}  {trap.name}" if page_of(index) == page else f"   {trap.name}",
                id=trap.id,
            )
            for index, trap in enumerate(self.trap_order)
        )
        trap_list.highlighted = page * PAGE

    def action_trap_page(self) -> None:
        self.show_trap_page((self.trap_page + 1) % pages(self.trap_order))

    async def action_choose(self, number: int) -> None:
        step = self.session.step
        if step is Step.TRAP:
            trap = pick(self.trap_order, self.trap_page, number)
            if trap is not None:
                await self.choose_trap(trap.id)
        elif step is Step.OUTCOME and 1 <= number <= len(self.outcomes):
            await self.land(self.outcomes[number - 1])
        elif step is Step.CONTACT_KIND and number <= len(CONTACT_KINDS):
            self.session.choose_contact_kind(CONTACT_KINDS[number - 1])
            await self.show_step()
        elif step is Step.CONTACT_FELT and 1 <= number <= 5:
            await self.log_the_contact(number)

    @on(OptionList.OptionSelected, "#trap-list")
    async def trap_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.session.step is Step.SAY:
            # `s` then enter in one burst: the enter reached the list before the focus
            # moved on to the field. It meant "go on", as it would have there.
            await self.action_say_done()
            return
        await self.choose_trap(event.option.id)

    async def choose_trap(self, trap_id: str | None) -> None:
        if self.session.choose_trap(trap_id):
            self.save()
            await self.show_step()

    async def action_say_done(self) -> None:
        await self.begin_surf(self.query_one("#say", Input).value)

    @on(Input.Submitted, "#say")
    async def start_surf(self, event: Input.Submitted) -> None:
        event.stop()
        await self.begin_surf(event.value)

    async def begin_surf(self, said: str) -> None:
        if not await self.ready(Step.SURF):
            return
        t = self.t()
        if not self.session.start_surf(said, t):
            return
        self.surf_began = t
        store = self.app.store
        evidence = compute_evidence(list_urges(store), list_contacts(store))
        reasons = list_reasons(store)
        turn = self.app.next_reason_turn()
        picked = [pick_reason(reasons, turn + i) for i in range(len(reasons))]
        trap = get_trap(self.session.trigger)
        people = list_people(store)
        person = person_at(people, turn)
        self.outcomes = outcome_choices(bool(people))
        self.query_one(Landing).show_outcomes(self.outcomes)
        self.plan = surf_prompts(
            [r.text for r in picked if r],
            trap,
            evidence,
            plan=plan_for(store, self.session.trigger),
            person=person.line if person else None,
        )
        self.query_one(Surf).show_evidence(evidence_lines(evidence))
        self.save()
        self.timer.resume()
        self.sync()

    # -- surfing ----------------------------------------------------------------------

    def action_pause(self) -> None:
        if self.session.toggle_pause(self.t()):
            self.sync()

    def action_resume(self) -> None:
        self.action_pause()

    def action_minutes(self, delta: int) -> None:
        if self.session.change_minutes(delta, self.t()):
            self.save()
            self.watch_elapsed(self.elapsed)

    async def action_skip(self) -> None:
        session = self.session
        if session.step is Step.TRAP:
            await self.choose_trap(None)
        elif session.step is Step.CONTACT_FELT:
            await self.log_the_contact(None)
        elif session.skip_rating(self.t()):
            await self.show_step()

    async def action_end_early(self) -> None:
        if self.session.end_early(self.t()):
            self.timer.pause()
            self.land_status = line("urge", "ended_early")
            await self.show_step()

    def action_keep_going(self) -> None:
        """Time is up but the urge is still strong: back on the wave for a few more minutes."""
        if self.session.keep_going(self.t()):
            self.land_status = ""
            self.save()
            self.timer.resume()
            self.sync()

    def action_peek_traps(self) -> None:
        """The cards on top of the surf, which keeps running underneath."""
        if self.session.trigger:
            self.app.go("traps", open_trap=self.session.trigger)
        else:
            self.app.go("traps")

    # -- landing ----------------------------------------------------------------------

    async def land(self, outcome: str) -> None:
        session = self.session
        if not session.choose_outcome(outcome):
            return
        if outcome == "made_contact":
            await self.show_step()
            return
        self.save()
        self.landed_text = self.words[LANDED[outcome]]
        await self.show_step()
        if outcome == "wrote_letter":
            self.write_letter()

    def write_letter(self) -> None:
        from nocontact_tui.domain.letters import create_letter

        app = self.app
        made: list[int] = []
        now = app.clock.now()
        title, body = line("urge", "letter_title"), self.session.say
        if not app.save(
            lambda: made.append(create_letter(app.store, now=now, title=title, body=body))
        ):
            return
        app.go("letters", open_letter=made[0])

    async def log_the_contact(self, felt: int | None) -> None:
        session = self.session
        kind = session.contact_kind
        if kind is None or not session.choose_felt(felt):
            return
        app = self.app
        before = app.status()
        now = app.clock.now()
        logged: list[int] = []
        store = app.store

        def contact_and_session() -> None:
            # One action, one write: the contact and the session that led to it together.
            with store.transaction():
                logged.append(log_contact(store, kind, now, now=now, felt_after=felt))
                save_session(store, session, now)

        app.save(contact_and_session)
        after = app.status()
        # The same one message the contact screen and the shell give: no second line stacked.
        self.landed_text = (
            after_logging(before.streak, after.streak, logged[0], kind, after.today, after.settings)
            if logged
            else ""
        )
        await self.show_step()

    def action_stay(self) -> None:
        pass

    def action_home(self) -> None:
        self.app.action_go("home")

    def action_again(self) -> None:
        """Another wave: a fresh check-in on the same screen."""
        self.session = UrgeSession(minutes=self.app.settings.urge_minutes)
        self.plan, self.say_draft, self.elapsed = [], "", 0.0
        self.query_one("#say", Input).value = ""
        self.land_status = ""
        self.sync()

    def action_leave(self) -> None:
        """Escape: before a rating, simply back; on a live session, ask once (stay by default)."""
        if not self.session.live:
            self.app.action_back()
            return

        def answered(end: bool | None) -> None:
            if end:
                self.end_session_by_choice()
                self.app.notify(line("urge", "landed_left"))
                self.app.action_back()

        self.app.push_screen(AskLine(line("messages", "urge_end_here")), answered)
