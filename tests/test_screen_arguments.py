"""What one screen asks another to open goes through the screen's constructor:
`app.go(name, **arguments)`; what is kept between visits is a typed attribute of the app."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from conftest import BERLIN, NOW
from nocontact_tui.screens.contact import ContactScreen, FormState
from nocontact_tui.screens.home import HomeScreen
from nocontact_tui.screens.letter_editor import LetterEditorScreen
from nocontact_tui.screens.letters import LettersScreen
from nocontact_tui.screens.reasons import ReasonsScreen
from nocontact_tui.screens.traps import TrapsScreen
from nocontact_tui.screens.urge import UrgeScreen
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static

from nocontact_tui.app import NoContactApp
from nocontact_tui.domain.clock import FrozenClock
from nocontact_tui.domain.contacts import list_contacts, log_contact
from nocontact_tui.domain.letters import create_letter
from nocontact_tui.domain.traps import get_trap
from nocontact_tui.journal.store import Store

AppFactory = Callable[..., NoContactApp]


def stack(app: NoContactApp) -> list[str | None]:
    return [screen.id for screen in app.screen_stack[1:]]


def highlighted_trap(app: NoContactApp) -> str | None:
    assert isinstance(app.screen, TrapsScreen)
    index = app.screen.query_one("#trap-index", OptionList)
    assert index.highlighted is not None
    return index.get_option_at_index(index.highlighted).id


async def settle(pilot: Pilot) -> None:
    # Opening afresh waits for the old screen to be taken down: a few rounds of messages.
    for _ in range(4):
        await pilot.pause()


# -- letters ---------------------------------------------------------------------------------


async def test_a_letter_opens_from_the_urge_landing(
    set_up_store: Store, app_factory: AppFactory, clock: FrozenClock
) -> None:
    """The urge screen (the app began there) asks for the letter it has just begun."""
    app = app_factory("urge")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, UrgeScreen)
        letter_id = create_letter(set_up_store, now=clock.now(), title="Tonight", body="I")
        app.go("letters", open_letter=letter_id)
        await settle(pilot)
        assert isinstance(app.screen, LetterEditorScreen) and app.screen.letter_id == letter_id
        await pilot.press("escape")
        await pilot.pause()
        # Once: back from the letter is the list, with the cursor on it, not the letter again.
        assert isinstance(app.screen, LettersScreen)
        assert app.screen.current_id() == letter_id
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_a_letter_opens_when_the_letters_are_the_bottom_screen(
    set_up_store: Store, app_factory: AppFactory, clock: FrozenClock
) -> None:
    app = app_factory("letters")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert stack(app) == ["letters"]
        letter_id = create_letter(set_up_store, now=clock.now(), title="Later", body="words")
        app.go("letters", open_letter=letter_id)
        await settle(pilot)
        assert isinstance(app.screen, LetterEditorScreen) and app.screen.letter_id == letter_id
        # Opened afresh over home: escape goes back the way it goes everywhere else.
        assert stack(app)[:2] == ["home", "letters"]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, LettersScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_going_to_the_letters_from_a_letter_shows_the_list(
    set_up_store: Store, app_factory: AppFactory, clock: FrozenClock
) -> None:
    """The palette's Letters from inside a letter: the list opens (the open one is closed)."""
    first = create_letter(set_up_store, now=clock.now(), title="First", body="one")
    second = create_letter(set_up_store, now=clock.now(), title="Second", body="two")
    app = app_factory("home")
    async with app.run_test(size=(80, 24)) as pilot:
        app.go("letters", open_letter=first)
        await settle(pilot)
        assert isinstance(app.screen, LetterEditorScreen) and app.screen.letter_id == first
        app.go("letters", open_letter=second)  # asked again while open: the new one shows
        await settle(pilot)
        assert isinstance(app.screen, LetterEditorScreen) and app.screen.letter_id == second
        app.go("letters")
        await settle(pilot)
        assert isinstance(app.screen, LettersScreen)
        assert stack(app) == ["home", "letters"]


# -- traps -----------------------------------------------------------------------------------


async def test_a_trap_card_opens_from_home(set_up_store: Store, app_factory: AppFactory) -> None:
    app = app_factory("home")
    async with app.run_test(size=(80, 24)) as pilot:
        app.go("traps", open_trap="loneliness")
        await settle(pilot)
        assert highlighted_trap(app) == "loneliness"
        card = str(app.screen.query_one("#card", Static).render())
        trap = get_trap("loneliness")
        assert trap is not None and card.startswith(trap.name)
        # Asked for another card while the cards are open: that one shows.
        app.go("traps", open_trap="guilt")
        await settle(pilot)
        assert highlighted_trap(app) == "guilt"
        assert stack(app) == ["home", "traps"]


async def test_a_trap_card_opens_over_a_running_surf(
    set_up_store: Store, app_factory: AppFactory
) -> None:
    """The urge screen's peek at the cards: over the surf, on the card asked for, twice."""
    app = app_factory("home")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("u")
        await pilot.pause()
        await pilot.press("8", "s", "enter")  # a rating, no trap, no words: the surf runs
        await pilot.pause()
        assert isinstance(app.screen, UrgeScreen) and app.live_session() is app.screen
        app.go("traps", open_trap="worry")
        await settle(pilot)
        assert highlighted_trap(app) == "worry"
        app.go("traps", open_trap="closure")
        await settle(pilot)
        assert highlighted_trap(app) == "closure"
        assert [type(s).__name__ for s in app.screen_stack[1:]] == [
            "HomeScreen",
            "UrgeScreen",
            "TrapsScreen",
        ]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, UrgeScreen)


async def test_an_unknown_trap_opens_the_first_card(
    set_up_store: Store, app_factory: AppFactory
) -> None:
    app = app_factory("home")
    async with app.run_test(size=(80, 24)) as pilot:
        app.go("traps", open_trap="no-such-card")
        await settle(pilot)
        assert highlighted_trap(app) == "closure"


# -- contacts --------------------------------------------------------------------------------


async def test_a_logged_contact_opens_to_change_through_go(
    set_up_store: Store, app_factory: AppFactory
) -> None:
    contact_id = log_contact(
        set_up_store,
        "i_reached_out",
        datetime(2026, 11, 15, 20, 0, tzinfo=BERLIN),
        now=NOW,
        felt_after=5,
        note="a long message",
    )
    app = app_factory("home")
    async with app.run_test(size=(80, 24)) as pilot:
        app.go("contact", edit_contact=contact_id)
        await settle(pilot)
        assert isinstance(app.screen, ContactScreen) and app.screen.contact is not None
        assert str(app.screen.query_one("#contact-title", Static).render()) == (
            "Change this contact"
        )
        assert app.screen.query_one("#note", Input).value == "a long message"
        await pilot.press("2", "ctrl+s")  # only they reached out
        await pilot.pause()
        assert not isinstance(app.screen, ContactScreen)
    [contact] = list_contacts(set_up_store)
    assert (contact.kind, contact.note) == ("they_reached_out", "a long message")


async def test_the_contact_draft_is_kept_on_the_app_between_visits(
    set_up_store: Store, app_factory: AppFactory
) -> None:
    app = app_factory("home")
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.contact_draft is None
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("5", "enter", "3", *"just looked")
        await pilot.pause()
        app.action_go("reasons")  # as the command palette does
        await pilot.pause()
        assert isinstance(app.screen, ReasonsScreen)
        assert app.contact_draft == FormState(kind=4, when="", felt=2, note="just looked")
        # Changing a logged contact neither shows nor takes the new one's draft.
        contact_id = log_contact(
            set_up_store, "i_replied", datetime(2026, 11, 20, 9, 0, tzinfo=BERLIN), now=NOW
        )
        app.go("contact", edit_contact=contact_id)
        await settle(pilot)
        assert app.screen.query_one("#note", Input).value == ""
        await pilot.press("escape")
        await pilot.pause()
        assert app.contact_draft is not None
        app.go("contact")
        await settle(pilot)
        assert isinstance(app.screen, ContactScreen)
        assert app.screen.query_one("#note", Input).value == "just looked"
        assert app.contact_draft is None  # taken by the form: one draft, in one place
        await pilot.press("ctrl+s")
        await pilot.pause()
    kinds = sorted(contact.kind for contact in list_contacts(set_up_store))
    assert kinds == ["checked_socials", "i_replied"]
