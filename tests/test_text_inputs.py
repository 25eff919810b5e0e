"""Every text field with what people really paste: a megabyte, emoji, other scripts, control bytes.

Each field is reached with keys as a user would, the text arrives as a terminal
paste (a Paste event, which is how a bracketed paste reaches the widget), and the
field is saved with its own key. Then the test reads the journal:

- what the user can see survives (emoji with skin tones and joiners, CJK, Hebrew,
  combining accents), in order;
- a field that cleans its text does it in the documented way: control characters
  become spaces or go, whitespace may be collapsed, and the length is capped;
- letters keep everything exactly as typed (letters.clean_text promises that);
- the app never crashes, and no escape sequence or other control byte reaches the
  terminal: what is drawn is text.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from conftest import NOW
from nocontact_tui.screens.contact import MAX_NOTE
from nocontact_tui.screens.reasons import MAX_REASON
from test_terminals import screen_segments, words_on_screen
from textual import events
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input, TextArea

from nocontact_tui.domain.cleaning import without_escapes
from nocontact_tui.domain.reasons import add_reason
from nocontact_tui.domain.reviews import LINE_MAX
from nocontact_tui.domain.urges import MAX_SAY
from nocontact_tui.journal.store import Store

MEGABYTE = ("I keep wanting to explain myself one more time. " * 21846)[: 1024 * 1024]

SAMPLES = {
    "emoji": "👩🏽‍💻 and 👨‍👩‍👧 and 👍🏿 ❤️",
    "cjk": "我们已经结束了。ありがとう 안녕",
    "rtl": "שלום, مرحبا, and hello",
    "combining": "cafe\u0301 nai\u0308ve",
    "tab": "one\ttwo",
    "controls": "a\x00b\x07c\x7fd\x08e",
    "ansi_sgr": "\x1b[31mred\x1b[0m plain",
    "ansi_osc": "\x1b]0;title\x07after \x1b[2J\x1b[H",
    "markup": "[bold]not bold[/bold] [/] [link=x]y[/link] [red",
}


def visible(text: str) -> str:
    """What a reader sees of `text`: no escape sequences (a terminal acts on them and
    shows nothing), no control characters, no whitespace."""
    return "".join(
        ch for ch in without_escapes(text) if unicodedata.category(ch) != "Cc" and not ch.isspace()
    )


def no_controls(text: str) -> bool:
    return not any(unicodedata.category(ch) == "Cc" for ch in text)


async def paste(pilot: Pilot, text: str) -> Widget:
    """Paste the way a terminal's bracketed paste arrives: to the app, which hands it on."""
    focused = pilot.app.focused
    assert isinstance(focused, Input | TextArea), focused
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()
    return focused


def assert_drawn_as_text(app: Any) -> None:
    """Nothing drawn carries a control byte: an ESC would reach the terminal raw."""
    for segment in screen_segments(app):
        if segment.control:
            continue
        bad = [ch for ch in segment.text if unicodedata.category(ch) == "Cc"]
        assert not bad, f"control characters drawn: {segment.text!r}"


# -- one function per field: reach it with keys, paste, save, return what was stored ------

Field = Callable[[Any, Store, str], Awaitable[str | None]]


async def urge_say(app: Any, store: Store, text: str) -> str | None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("8", "s")  # an urge of 8, no trap: now the "what to say" line
        await paste(pilot, text)
        await pilot.press("enter")
        await pilot.pause()
        assert_drawn_as_text(app)
    [(_, urge)] = list(store.docs("urges"))
    return urge.get("say")


async def reason_add(app: Any, store: Store, text: str) -> str | None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await paste(pilot, text)
        await pilot.press("enter")
        await pilot.pause()
        assert_drawn_as_text(app)
        shown = words_on_screen(app)
    docs = [doc for _, doc in store.docs("reasons")]
    if not docs:
        return None
    [doc] = docs
    # The list shows the start of it.
    assert visible(doc["text"])[:10] in shown.replace(" ", "")
    return doc["text"]


async def reason_edit(app: Any, store: Store, text: str) -> str | None:
    add_reason(store, "old", now=NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        editor = app.focused
        assert isinstance(editor, Input) and editor.value == "old"
        editor.value = ""
        await paste(pilot, text)
        await pilot.press("enter")
        await pilot.pause()
        assert_drawn_as_text(app)
    [(_, doc)] = list(store.docs("reasons"))
    return doc["text"]


async def contact_note(app: Any, store: Store, text: str) -> str | None:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("2", "enter", "3")  # they reached out, now, mixed: now the note
        await pilot.pause()
        assert app.focused is app.screen.query_one("#note", Input)
        await paste(pilot, text)
        await pilot.press("enter")
        await pilot.pause()
        assert_drawn_as_text(app)
    [(_, doc)] = list(store.docs("contacts"))
    return doc.get("note")


async def _review(app: Any, store: Store, note: str, kindness: str) -> dict[str, Any]:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n", "4", "6", "enter")  # no contact, mood 4, urge 6, nothing helped
        await pilot.pause()
        assert app.focused is app.screen.query_one("#line", Input)
        await paste(pilot, note)
        await pilot.press("enter")
        await pilot.pause()
        await paste(pilot, kindness)
        await pilot.press("enter")
        await pilot.pause()
        assert_drawn_as_text(app)  # the summary shows both lines
        await pilot.press("enter")
        await pilot.pause()
        assert_drawn_as_text(app)
    [(_, doc)] = list(store.docs("reviews"))
    return doc


async def review_note(app: Any, store: Store, text: str) -> str | None:
    return (await _review(app, store, text, "tea"))["note"]


async def review_kindness(app: Any, store: Store, text: str) -> str | None:
    return (await _review(app, store, "rain", text))["kindness"]


async def _letter(app: Any, store: Store, field: str, text: str) -> dict[str, Any]:
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one(f"#{field}").focus()
        await pilot.pause()
        await paste(pilot, text)
        assert_drawn_as_text(app)
        await pilot.press("escape")  # back to the list, which saves and shows the title
        await pilot.pause()
        assert_drawn_as_text(app)
    [(_, doc)] = list(store.docs("letters"))
    return doc


async def letter_title(app: Any, store: Store, text: str) -> str | None:
    return (await _letter(app, store, "title", text))["title"]


async def letter_body(app: Any, store: Store, text: str) -> str | None:
    return (await _letter(app, store, "body", text))["body"]


Fill = Callable[[Any, Store, str], Awaitable[str | None]]

# field -> (how to type into it, the screen it is on, how many characters it keeps
# (None: all), whether it is a writing area that keeps line breaks and tabs)
FIELDS: dict[str, tuple[Fill, str, int | None, bool]] = {
    "urge_say": (urge_say, "urge", MAX_SAY, False),
    "reason_add": (reason_add, "reasons", MAX_REASON, False),
    "reason_edit": (reason_edit, "reasons", MAX_REASON, False),
    "contact_note": (contact_note, "contact", MAX_NOTE, False),
    "review_note": (review_note, "review", LINE_MAX, False),
    "review_kindness": (review_kindness, "review", LINE_MAX, False),
    "letter_title": (letter_title, "letters", None, False),
    "letter_body": (letter_body, "letters", None, True),
}


@pytest.mark.parametrize("sample", list(SAMPLES))
@pytest.mark.parametrize("field", list(FIELDS))
async def test_awkward_text_is_kept(
    app_factory, set_up_store: Store, field: str, sample: str, request: pytest.FixtureRequest
) -> None:
    fill, start, _, writing = FIELDS[field]
    text = SAMPLES[sample]
    stored = await fill(app_factory(start), set_up_store, text)
    assert stored is not None
    assert visible(stored) == visible(text)
    if writing:
        # A letter keeps line breaks and tabs exactly; other control bytes never get in.
        assert all(unicodedata.category(ch) != "Cc" or ch in "\n\t" for ch in stored)
        if all(unicodedata.category(ch) != "Cc" or ch in "\n\t" for ch in text):
            assert stored == text
    else:
        assert no_controls(stored)


@pytest.mark.parametrize("field", list(FIELDS))
async def test_a_megabyte_paste(app_factory, set_up_store: Store, field: str) -> None:
    """Kept up to the field's cap (not thrown away whole), or all of it in a letter."""
    fill, start, cap, _ = FIELDS[field]
    stored = await fill(app_factory(start), set_up_store, MEGABYTE)
    assert stored is not None
    if cap is None:
        assert stored == MEGABYTE
    else:
        assert 0 < len(stored) <= cap
        assert MEGABYTE.startswith(stored.rstrip())


@pytest.mark.parametrize("field", ["urge_say", "contact_note", "review_note", "reason_add"])
async def test_a_paste_of_several_lines_keeps_them_all(
    app_factory, set_up_store: Store, field: str
) -> None:
    """A one-line field joins pasted lines instead of keeping only the first."""
    fill, start, _, _ = FIELDS[field]
    stored = await fill(app_factory(start), set_up_store, "first line\nsecond line\r\nthird")
    assert stored is not None
    assert " ".join(stored.split()) == "first line second line third"


# -- first run ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [*SAMPLES.values(), MEGABYTE, "²", "٣", "2026-11-01\x00", "\x1b[31m"],
    ids=[*SAMPLES, "megabyte", "superscript_two", "arabic_three", "date_nul", "sgr"],
)
@pytest.mark.parametrize("field", ["start", "hour"])
async def test_first_run_fields(app_factory, store: Store, field: str, text: str) -> None:
    """Whatever is pasted, the setup either saves a valid answer or says what it needs."""
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert type(app.screen).__name__ == "FirstRunScreen"
        box = app.screen.query_one(f"#{field}", Input)
        box.value = ""
        box.focus()
        await pilot.pause()
        await paste(pilot, text)
        box = app.screen.query_one(f"#{field}", Input)
        assert len(box.value) <= (box.max_length or len(text))
        if field == "start":
            await pilot.press("enter")
        app.screen.query_one("#hour", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert_drawn_as_text(app)
    meta = store.meta
    if "nc_start" in meta:
        # Saved: then both answers are valid ones.
        assert meta["nc_start"] <= NOW.date().isoformat()
        assert 0 <= meta["day_starts_at"] <= 23


# -- text already in the journal (an older version, an import, a hand edit) ----------------

HOSTILE = "\x1b]0;they\x07\x1b[2J[/] [bold]x 👨\u200d👩\u200d👧 \x00end"


@pytest.fixture
def hostile_journal(set_up_store: Store) -> Store:
    """Every user text field holds escapes, markup and a NUL, written past the UI's cleaning."""
    store = set_up_store
    now = NOW.isoformat()
    store.insert(
        "reasons",
        {"text": HOSTILE, "category": HOSTILE, "position": 1.0, "created_at": now},
    )
    store.insert(
        "contacts",
        {"at": "2026-11-10T20:00:00+01:00", "kind": "they_reached_out", "note": HOSTILE},
    )
    store.insert(
        "letters",
        {"title": HOSTILE, "body": HOSTILE, "status": "draft", "created_at": now},
    )
    store.insert(
        "reviews",
        {"day": "2026-11-20", "mood": 3, "strongest_urge": 2, "note": HOSTILE},
    )
    return store


@pytest.mark.parametrize(
    ("start", "keys"),
    [
        pytest.param("home", (), id="home"),
        pytest.param("reasons", (), id="reasons"),
        pytest.param("letters", (), id="letters"),
        pytest.param("letters", ("x",), id="release"),  # the title in the release question
        pytest.param("letters", ("enter",), id="editor"),
        pytest.param("streak", ("tab", "down"), id="streak"),  # the contact history
        pytest.param("review", ("left",), id="review"),  # yesterday's review, with its note
        pytest.param("urge", ("8", "s", "enter"), id="urge"),  # surfing: reasons as prompts
    ],
)
async def test_stored_text_is_drawn_as_text(
    app_factory, hostile_journal: Store, start: str, keys: tuple[str, ...]
) -> None:
    app = app_factory(start)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        if keys:
            await pilot.press(*keys)
            await pilot.pause()
        assert_drawn_as_text(app)
        if start == "letters" and keys != ("enter",):
            assert "[/] [bold]x" in words_on_screen(app)  # shown as typed, not read as markup


def test_drop_controls_keeps_widths_and_real_controls() -> None:
    from rich.cells import cell_len
    from rich.control import Control
    from rich.segment import Segment
    from textual.color import Color

    from nocontact_tui.widgets.safe_text import DropControls

    move = Control.move_to(0, 0).segment
    text_line = [Segment("a\x1b[2Jb\x00\x9bc"), move, Segment("👨\u200d👩 ok")]
    out = DropControls().apply(text_line, Color(0, 0, 0))
    assert [s.text for s in out] == ["a[2Jbc", move.text, "👨\u200d👩 ok"]
    assert out[1] is move
    assert [cell_len(s.text) for s in out] == [cell_len(s.text) for s in text_line]
