"""The keys footer: one line of the keys that work now, clickable, repainted when they change."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from nocontact_tui.widgets.footer import ESSENTIAL, NAV, OWN, FooterKey, KeysFooter, place


class KeysScreen(Screen[None]):
    BINDINGS = [
        Binding("a", "note('a')", "Add"),
        Binding("b", "note('b')", "Hidden", show=False),
        Binding("c", "note('c')", "Paused"),
        Binding("d", "note('d')", "Gone"),
        Binding("e,f", "note('e')", "Either", key_display="e/f"),
    ]
    paused = True
    gone = False

    def compose(self) -> ComposeResult:
        yield Static("body")
        yield KeysFooter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "note" and parameters == ("c",) and self.paused:
            return None  # shown, dimmed, does nothing
        return not (action == "note" and parameters == ("d",) and self.gone)  # False: not shown

    def action_note(self, key: str) -> None:
        self.app.pressed.append(key)


class KeysApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.pressed: list[str] = []

    def on_mount(self) -> None:
        self.push_screen(KeysScreen())


def footer_line(app: KeysApp) -> str:
    return app.screen.query_one(KeysFooter).render().plain


async def test_the_line_shows_each_shown_key_once_in_order() -> None:
    app = KeysApp()
    async with app.run_test(size=(80, 10)) as pilot:
        await pilot.pause()
        text_line = footer_line(app)
        assert text_line.startswith("a Add c Paused d Gone e/f Either")
        assert "Hidden" not in text_line
        text = app.screen.query_one(KeysFooter).render()
        paused_at, add_at = text_line.index("Paused"), text_line.index("Add")
        styles = [span for span in text.spans if span.start <= paused_at < span.end]
        assert styles and all(span.style.dim for span in styles)  # a paused key is dimmed
        assert not any(span.style.dim for span in text.spans if span.start <= add_at < span.end)
        assert app.screen.query_one(KeysFooter).region.bottom == 10  # docked at the bottom


async def test_a_click_presses_the_key_and_a_paused_key_does_nothing() -> None:
    app = KeysApp()
    async with app.run_test(size=(80, 10)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(KeysFooter)
        text_line = footer_line(app)
        await pilot.click(KeysFooter, offset=(text_line.index("Add"), 0))
        await pilot.click(KeysFooter, offset=(text_line.index("Paused"), 0))
        await pilot.click(KeysFooter, offset=(text_line.index("Either"), 0))
        gap = text_line.index("Either") + len("Either") + 3
        assert text_line[gap] == " "
        await pilot.click(KeysFooter, offset=(gap, 0))  # between the keys: nothing
        await pilot.pause()
        assert app.pressed == ["a", "e"]
        assert footer.region.height == 1


async def test_the_line_follows_the_bindings_as_they_change() -> None:
    app = KeysApp()
    async with app.run_test(size=(80, 10)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, KeysScreen)
        screen.gone = True
        screen.paused = False
        screen.refresh_bindings()
        await pilot.pause()
        text_line = footer_line(app)
        assert "Gone" not in text_line and "c Paused" in text_line
        await pilot.click(KeysFooter, offset=(text_line.index("Paused"), 0))
        await pilot.pause()
        assert app.pressed == ["c"]


# -- what gives way when the line is short -------------------------------------------

HELP = FooterKey("question_mark", "?", "Help", True, ESSENTIAL, "help")
QUIT = FooterKey("q", "q", "Quit", True, ESSENTIAL, "quit")
OWN_KEYS = [
    FooterKey("a", "a", "Add", True, OWN, "add"),
    FooterKey("e", "⏎", "Edit", True, OWN, "edit"),
]
NAV_KEYS = [
    FooterKey(key, key, name, True, NAV, f"go('{name.lower()}')")
    for key, name in [("u", "Urge"), ("r", "Reasons"), ("l", "Letters"), ("s", "Streak")]
]
ALL_KEYS = [*OWN_KEYS, *NAV_KEYS, HELP, QUIT]


def test_with_room_everything_shows_and_help_and_quit_end_the_line() -> None:
    placed = place(ALL_KEYS, "", 200)
    assert placed.left == (*OWN_KEYS, *NAV_KEYS)
    assert placed.right == (HELP, QUIT)


def test_navigation_keys_give_way_first() -> None:
    # "a Add ⏎ Edit" (12) + "? Help q Quit" (13) + a space: 26; "u Urge" needs 7 more.
    placed = place(ALL_KEYS, "", 33)
    assert placed.left == (*OWN_KEYS, NAV_KEYS[0])
    assert placed.right == (HELP, QUIT)
    placed = place(ALL_KEYS, "", 32)
    assert placed.left == tuple(OWN_KEYS)


def test_help_and_quit_stay_when_even_the_screen_keys_do_not_fit() -> None:
    placed = place(ALL_KEYS, "", 20)
    assert placed.right == (HELP, QUIT)
    assert placed.left == (OWN_KEYS[0],)
    assert place(ALL_KEYS, "", 5).right == (HELP, QUIT)


def test_the_notice_comes_right_after_help_and_quit() -> None:
    """The notice is the way back to a wave still running underneath: it goes first."""
    notice = "wave 7:32 · u returns"  # 21 cells
    placed = place(ALL_KEYS, notice, 60)
    assert placed.notice == notice
    assert placed.left == (*OWN_KEYS, NAV_KEYS[0])  # 13 + 22 + 13 + 7 = 55; "r Reasons" no
    placed = place(ALL_KEYS, notice, 40)
    assert placed.notice == notice  # 13 + 22 = 35: the screen's first key does not fit too
    assert placed.left == ()
    assert place(ALL_KEYS, notice, 30).notice == ""  # too narrow even for the notice


class NoticeApp(KeysApp):
    def __init__(self) -> None:
        super().__init__()
        self.wave = "wave 7:32 · u returns"

    def footer_notice(self) -> str:
        return self.wave


async def test_the_apps_notice_leads_the_line_and_follows_refresh_notice() -> None:
    app = NoticeApp()
    async with app.run_test(size=(80, 10)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(KeysFooter)
        text = footer.render()
        assert text.plain.startswith("wave 7:32 · u returns a Add")
        notice_styles = [span.style for span in text.spans if span.start == 0]
        assert notice_styles and all(style.italic for style in notice_styles)
        app.wave = "wave 6:10 · u returns"
        footer.refresh_notice()
        assert footer.render().plain.startswith("wave 6:10 · u returns a Add")
        app.wave = ""
        footer.refresh_notice()
        assert footer.render().plain.startswith("a Add")


async def test_a_narrow_line_keeps_quit_at_the_right_end() -> None:
    app = KeysApp()
    async with app.run_test(size=(24, 10)) as pilot:
        await pilot.pause()
        text_line = footer_line(app)
        assert len(text_line) == 24
        assert text_line.endswith("^q Quit")  # Textual's own quit key: this app shows no "q"
