"""Keys across the app: help and quit on show on every screen, one meaning per key,
destructive keys that ask first, help that lists every screen, a readable palette."""

from __future__ import annotations

import importlib
import inspect
import io
import pkgutil
from collections.abc import Callable

import pytest
from conftest import NOW
from nocontact_tui.screens.help import HIDDEN_ACTIONS, HelpScreen, key_table
from rich.console import Console
from textual.app import App
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.dom import DOMNode

from nocontact_tui import screens as screens_package
from nocontact_tui import widgets as widgets_package
from nocontact_tui.app import SCREENS, NoContactApp, screen_class
from nocontact_tui.domain.letters import create_letter
from nocontact_tui.journal.store import Store
from nocontact_tui.texts import line, markdown
from nocontact_tui.widgets.footer import KeysFooter

AppFactory = Callable[..., NoContactApp]

# Each screen, and each phase of the urge screen, as a person reaches it with keys.
WALKS: dict[str, tuple[str, list[str]]] = {
    "home": ("home", []),
    "urge-rate": ("urge", []),
    "urge-trap": ("urge", ["8"]),
    "urge-say": ("urge", ["8", "1"]),
    "urge-surf": ("urge", ["8", "1", "enter"]),
    "urge-land": ("urge", ["8", "1", "enter", "enter"]),
    "urge-outcome": ("urge", ["8", "1", "enter", "enter", "3"]),
    "reasons": ("reasons", []),
    "letters": ("letters", []),
    "letter-editor": ("letters", ["enter"]),
    "streak": ("streak", []),
    "review": ("review", []),
    "contact": ("contact", []),
    "traps": ("traps", []),
    "insights": ("insights", []),
}


def footer_line(app: App[object]) -> str:
    return app.screen.query_one(KeysFooter).render().plain


def bound_keys(app: App[object], action: str) -> set[str]:
    return {
        key
        for key, active in app.screen.active_bindings.items()
        if active.binding.action == action and active.node is app
    }


@pytest.mark.parametrize("size", [(80, 24), (40, 12)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("walk", list(WALKS))
async def test_help_and_quit_are_on_show_on_every_screen(
    set_up_store: Store, app_factory: AppFactory, walk: str, size: tuple[int, int]
) -> None:
    create_letter(set_up_store, now=NOW, title="A letter", body="Words.")
    start, keys = WALKS[walk]
    app = app_factory(start)
    async with app.run_test(size=size) as pilot:
        await pilot.press(*keys)
        await pilot.pause()
        text_line = footer_line(app)
        assert len(text_line) <= size[0]
        help_keys = bound_keys(app, "help")
        if "question_mark" in help_keys:
            assert "? Help" in text_line, text_line
        else:  # a text field has the focus and takes "?" as a letter
            assert "f1" in help_keys and "f1 Help" in text_line, text_line
        if "q" in bound_keys(app, "quit"):
            assert "q Quit" in text_line, text_line
        else:
            assert "^q Quit" in text_line, text_line


# -- one meaning per key ---------------------------------------------------------------

DESTRUCTIVE_WORDS = ("delete", "remove", "seal", "release")


def nav_keys() -> set[str]:
    """The keys that go somewhere from every screen (and quit)."""
    return {
        binding.key
        for binding in Binding.make_bindings(NoContactApp.BINDINGS)
        if (binding.action.startswith("go(") or binding.action == "quit")
        and len(binding.key) == 1  # ctrl+q is no letter a person types by accident
    }


def classes_with_bindings() -> list[type[DOMNode]]:
    """Every screen, dialog and widget class in the screens and widgets packages."""
    found: dict[str, type[DOMNode]] = {}
    for package in (screens_package, widgets_package):
        # walk_packages goes into sub-packages too (the dialogs live in screens.dialogs).
        for info in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
            module = importlib.import_module(info.name)
            for _, cls in inspect.getmembers(module, inspect.isclass):
                if (
                    issubclass(cls, DOMNode)
                    and cls.__module__ == module.__name__
                    and "BINDINGS" in vars(cls)
                ):
                    found[cls.__qualname__] = cls
    return [found[name] for name in sorted(found)]


def test_the_navigation_keys_are_the_ones_the_design_names() -> None:
    assert nav_keys() == set("hurlsdctqo")  # o: settings


@pytest.mark.parametrize(
    "cls",
    [pytest.param(cls, id=cls.__qualname__) for cls in classes_with_bindings()],
)
def test_no_navigation_key_destroys_anything(cls: type[DOMNode]) -> None:
    navigation = nav_keys()
    for binding in Binding.make_bindings(vars(cls)["BINDINGS"]):
        action = binding.action.lower()
        if any(word in action for word in DESTRUCTIVE_WORDS):
            assert binding.key not in navigation, f"{cls.__qualname__}: {binding.key} {action}"


def test_the_walk_sees_the_screens_that_have_destructive_keys() -> None:
    names = {cls.__name__ for cls in classes_with_bindings()}
    assert {"LettersScreen", "ReasonsScreen", "StreakScreen", "ContactScreen"} <= names
    assert {"ConfirmModal", "ReleaseModal", "LetterEditorScreen"} <= names
    assert {"DiscardModal", "MoveModal", "KindsModal", "ThemeModal"} <= names


# -- the command palette ------------------------------------------------------------------


async def test_the_palette_keeps_textuals_commands_beside_readable_ones(
    app_factory: AppFactory, set_up_store: Store
) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        commands = list(app.get_system_commands(app.screen))
        titles = [command.title for command in commands]
        textuals = {command.title for command in App.get_system_commands(app, app.screen)}
        assert {"Theme", "Keys", "Screenshot", "Quit"} <= textuals <= set(titles)
        assert titles.count("Quit") == 1  # the app's own: it saves first
        assert "Log a contact" in titles
        assert "Reasons — remember why it ended" in titles
        assert {"Idle lock: turn on", "Cover the screen", "Help and keys"} <= set(titles)
        assert not [title for title in titles if title.startswith("Open ")]
        assert all(command.help for command in commands)
        theme = next(command for command in commands if command.title == "Theme")
        assert theme.callback == app.action_change_theme
        # Every screen has an entry, and each one goes there.
        for name in SCREENS:
            command = next(c for c in commands if c.title.startswith(palette_title(name)))
            command.callback()
            await pilot.pause()
            assert app.screen.id == name, name


def palette_title(name: str) -> str:
    return line("palette", "screens", name, "title")


# -- help -----------------------------------------------------------------------------------


def help_text(app: App[object]) -> str:
    screen = app.screen
    assert isinstance(screen, HelpScreen)
    console = Console(width=100, record=True, file=io.StringIO())
    console.print(key_table(screen.groups, screen.here))
    return console.export_text()


async def test_help_lists_every_screens_keys_from_their_bindings(
    app_factory: AppFactory, set_up_store: Store
) -> None:
    app = app_factory("reasons")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HelpScreen)
        groups = {group.name: group for group in screen.groups}
        assert set(SCREENS) | {"", "letter_editor"} == set(groups)
        text = help_text(app)
        for name, (_, _, title) in SCREENS.items():
            assert groups[name].title == title and title in text
            cls = screen_class(name)
            described = {
                b.description
                for b in Binding.make_bindings(cls.BINDINGS)
                if b.description and not b.system and b.action not in HIDDEN_ACTIONS
            }
            assert described == {description for _, description in groups[name].rows} or (
                not described and len(groups[name].rows) == 1
            ), name
        assert ("p", "Seal") in groups["letters"].rows
        assert ("?/f1", "Help") in groups[""].rows  # the global keys once, at the top
        assert [g.name for g in screen.groups].count("") == 1
        assert "you are here" in text.split("Remember why it ended")[1].split("Unsent")[0]
        assert "findahelpline.com" in markdown("help")  # the crisis pointer stays


async def test_help_scrolls_in_a_tiny_terminal(
    app_factory: AppFactory, set_up_store: Store
) -> None:
    app = app_factory()
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        body = app.screen.query_one("#help-body", VerticalScroll)
        assert body.max_scroll_y > 0
        assert body.has_focus  # so the arrow keys and page keys scroll it
        await pilot.press("end")
        await pilot.pause()
        assert body.scroll_y == body.max_scroll_y > 0
        footer = footer_line(app)
        assert "esc Close" in footer
        await pilot.press("escape")
        assert app.screen.id == "home"


def test_the_crisis_section_says_plainly_where_help_is() -> None:
    # Issue 15, safe-messaging: suicide named plainly, 988 where it works, someone else in
    # danger, abuse or harassment by an ex; one calm section.
    text = " ".join(markdown("help").split())
    assert text.count("## If you are in crisis") == 1
    assert "thinking about suicide" in text
    assert "In the US and Canada, you can call or text 988" in text
    assert "If someone else's life is in danger" in text and "emergency services" in text
    assert "never a break in no contact" in text
    assert "harassing" in text and "domestic abuse helpline" in text


async def test_help_says_first_where_support_is_and_first_run_says_how_to_open_help(
    app_factory: AppFactory, set_up_store: Store
) -> None:

    assert "F1" in line("messages", "first_run_intro") and "support" in line(
        "messages", "first_run_intro"
    )
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        pointer = app.screen.query_one("#support-pointer")
        assert pointer.region.y < app.screen.query_one("#keys").region.y  # above every key
        assert str(pointer.render()) == line("keys", "support")
