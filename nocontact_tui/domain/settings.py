"""The user's settings, kept in the single `meta` document, and how each one is changed.

Nothing chosen at the first run is chosen for ever: every setting has a `parse_`
function, reading what was typed (on the settings screen or in the shell), and a
`set_` function, checking the value and saving it in one write. Both refuse with
a SettingError whose text names what is allowed; nothing is written then.
Everything derived from a setting (the streak, the calendar, the milestones) is
computed from the journal each time, so it follows at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any, NamedTuple

from nocontact_tui.journal.errors import InputError
from nocontact_tui.journal.schema import CONTACT_KINDS, DEFAULT_BREAKING_KINDS
from nocontact_tui.journal.store import Store
from nocontact_tui.texts import line

DEFAULT_DAY_STARTS_AT = 4
# Most urges pass within 15 to 30 minutes: the timer's first length is the low end of that,
# and at time-up the surf offers more (urges.KEEP_GOING_MINUTES) while the urge is strong.
DEFAULT_URGE_MINUTES = 15
IDLE_LOCK_MINUTES = 5  # when the idle lock is turned on without a number of minutes
MAX_IDLE_LOCK_MINUTES = 240  # the bound schema.py puts on idle_lock_minutes
START_YEARS_BACK = 100  # the earliest start is 1 January, this many years ago

# Textual's built-in themes, by name. Kept here so that `nocontact settings theme NAME`
# can check a name without importing Textual; tests/test_settings.py checks that the
# list still matches textual.theme.BUILTIN_THEMES.
DEFAULT_THEME = "textual-dark"
KNOWN_THEMES = (
    "textual-dark",
    "textual-light",
    "nord",
    "gruvbox",
    "catppuccin-mocha",
    "dracula",
    "tokyo-night",
    "monokai",
    "flexoki",
    "catppuccin-latte",
    "catppuccin-frappe",
    "catppuccin-macchiato",
    "solarized-light",
    "solarized-dark",
    "rose-pine",
    "rose-pine-moon",
    "rose-pine-dawn",
    "atom-one-dark",
    "atom-one-light",
    "ansi-dark",
    "ansi-light",
)


class Settings(NamedTuple):  # not a dataclass: see streak.py
    nc_start: date | None = None
    day_starts_at: int = DEFAULT_DAY_STARTS_AT
    urge_minutes: int = DEFAULT_URGE_MINUTES
    breaking_kinds: tuple[str, ...] = DEFAULT_BREAKING_KINDS
    hide_count: bool = False
    title: str | None = None
    idle_lock_minutes: int = 0  # 0: the idle lock is off (the default)
    theme: str | None = None  # None: Textual's default

    @property
    def set_up(self) -> bool:
        """First run is over once the user has said when no contact began."""
        return self.nc_start is not None


class SettingError(InputError):
    """A value a setting cannot take. The text names what it can; nothing was changed."""


def from_meta(meta: dict[str, Any]) -> Settings:
    start = meta.get("nc_start")
    kinds = meta.get("breaking_kinds")
    return Settings(
        nc_start=date.fromisoformat(start) if start else None,
        day_starts_at=meta.get("day_starts_at", DEFAULT_DAY_STARTS_AT),
        urge_minutes=meta.get("urge_minutes", DEFAULT_URGE_MINUTES),
        breaking_kinds=tuple(kinds) if kinds is not None else DEFAULT_BREAKING_KINDS,
        hide_count=meta.get("hide_count", False),
        title=meta.get("title"),
        idle_lock_minutes=meta.get("idle_lock_minutes") or 0,
        theme=meta.get("theme"),
    )


def read_settings(store: Store) -> Settings:
    return from_meta(store.meta)


def save_first_run(store: Store, nc_start: date, day_starts_at: int) -> None:
    store.update_meta({"nc_start": nc_start.isoformat(), "day_starts_at": day_starts_at})


def _whole_number(text: str) -> int | None:
    text = text.strip()
    if not text.isdecimal() or not text.isascii():  # isdigit() takes '²', which int() refuses
        return None
    return int(text)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


# -- start: the day no contact began ----------------------------------------------------


def earliest_start(today: date) -> date:
    return date(today.year - START_YEARS_BACK, 1, 1)


def _start_problem(today: date) -> SettingError:
    return SettingError(
        line("settings", "problems", "start", earliest=earliest_start(today), today=today)
    )


def parse_start(text: str, today: date) -> date:
    text = text.strip()
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise _start_problem(today) from None
    if len(text) != 10 or not earliest_start(today) <= day <= today:
        raise _start_problem(today)
    return day


def set_start(store: Store, day: date, today: date) -> None:
    if not earliest_start(today) <= day <= today:
        raise _start_problem(today)
    store.update_meta({"nc_start": day.isoformat()})


# -- day-ends-at: the hour the user's day ends (and the next one starts) -----------------


def parse_hour(text: str) -> int:
    hour = _whole_number(text)
    if hour is None or not 0 <= hour <= 23:
        raise SettingError(line("settings", "problems", "hour"))
    return hour


def set_day_ends_at(store: Store, hour: int) -> None:
    if not _is_int(hour) or not 0 <= hour <= 23:
        raise SettingError(line("settings", "problems", "hour"))
    store.update_meta({"day_starts_at": hour})


# -- urge-minutes: the length of the urge timer -----------------------------------------


def urge_minutes_range() -> tuple[int, int]:
    # Imported here: `nocontact status` reads settings and has no need of the urge log.
    from nocontact_tui.domain.urges import MAX_MINUTES, MIN_MINUTES

    return MIN_MINUTES, MAX_MINUTES


def _urge_problem() -> SettingError:
    low, high = urge_minutes_range()
    return SettingError(line("settings", "problems", "urge_minutes", low=low, high=high))


def parse_urge_minutes(text: str) -> int:
    minutes = _whole_number(text)
    low, high = urge_minutes_range()
    if minutes is None or not low <= minutes <= high:
        raise _urge_problem()
    return minutes


def set_urge_minutes(store: Store, minutes: int) -> None:
    low, high = urge_minutes_range()
    if not _is_int(minutes) or not low <= minutes <= high:
        raise _urge_problem()
    store.update_meta({"urge_minutes": minutes})


# -- hide-count ---------------------------------------------------------------------------


def parse_on_off(text: str, name: str) -> bool:
    answer = text.strip().lower()
    if answer not in ("on", "off"):
        raise SettingError(line("settings", "problems", "on_off", setting=name))
    return answer == "on"


def set_hide_count(store: Store, hidden: bool) -> None:
    """Hide (or show) the day count on every screen and in `nocontact status`."""
    store.update_meta({"hide_count": bool(hidden)})


# -- theme ---------------------------------------------------------------------------------


def _theme_problem(themes: Iterable[str]) -> SettingError:
    return SettingError(line("settings", "problems", "theme", themes=", ".join(themes)))


def parse_theme(text: str, themes: Iterable[str] = KNOWN_THEMES) -> str:
    names = tuple(themes)
    name = text.strip()
    if name not in names:
        raise _theme_problem(names)
    return name


def set_theme(store: Store, name: str, themes: Iterable[str] = KNOWN_THEMES) -> None:
    """`themes`: the names the app can show (the app passes its own, custom ones included)."""
    names = tuple(themes)
    if name not in names:
        raise _theme_problem(names)
    store.update_meta({"theme": name})


# -- restart-kinds: which contacts restart the count ---------------------------------------


def _kinds_problem() -> SettingError:
    return SettingError(line("settings", "problems", "kinds", kinds=", ".join(CONTACT_KINDS)))


def parse_kinds(text: str) -> tuple[str, ...]:
    """`met,i_replied` (commas, spaces around them allowed), or `none`."""
    if text.strip().lower() == "none":
        return ()
    kinds = [part.strip() for part in text.split(",")]
    if not all(kind in CONTACT_KINDS for kind in kinds):
        raise _kinds_problem()
    return tuple(kind for kind in CONTACT_KINDS if kind in kinds)


def set_breaking_kinds(store: Store, kinds: Iterable[str]) -> tuple[str, ...]:
    """Which kinds of contact restart the count; kept in CONTACT_KINDS order."""
    chosen = set(kinds)
    if not chosen <= set(CONTACT_KINDS):
        raise _kinds_problem()
    ordered = tuple(kind for kind in CONTACT_KINDS if kind in chosen)
    store.update_meta({"breaking_kinds": list(ordered)})
    return ordered


# -- idle-lock: minutes without a key before the app covers itself (0: off) ----------------


def _idle_problem() -> SettingError:
    return SettingError(line("settings", "problems", "idle_lock", high=MAX_IDLE_LOCK_MINUTES))


def parse_idle_lock(text: str) -> int:
    answer = text.strip().lower()
    if answer in ("on", "off"):
        return IDLE_LOCK_MINUTES if answer == "on" else 0
    minutes = _whole_number(answer)
    if minutes is None or not 0 <= minutes <= MAX_IDLE_LOCK_MINUTES:
        raise _idle_problem()
    return minutes


def set_idle_lock(store: Store, minutes: int) -> None:
    if not _is_int(minutes) or not 0 <= minutes <= MAX_IDLE_LOCK_MINUTES:
        raise _idle_problem()
    store.update_meta({"idle_lock_minutes": minutes})


# -- by name, as `nocontact settings NAME VALUE` types them ----------------------------------


def _on_off(flag: bool) -> str:
    return line("settings", "values", "on" if flag else "off")


class Named(NamedTuple):
    parse: Callable[[str, date], Any]
    save: Callable[[Store, Any, date], object]
    show: Callable[[Settings], str]  # the value as the shell would type it


NAMED: dict[str, Named] = {
    "start": Named(
        parse_start,
        set_start,
        lambda s: s.nc_start.isoformat() if s.nc_start else line("settings", "values", "not_set"),
    ),
    "day-ends-at": Named(
        lambda text, _: parse_hour(text),
        lambda store, hour, _: set_day_ends_at(store, hour),
        lambda s: str(s.day_starts_at),
    ),
    "urge-minutes": Named(
        lambda text, _: parse_urge_minutes(text),
        lambda store, minutes, _: set_urge_minutes(store, minutes),
        lambda s: str(s.urge_minutes),
    ),
    "hide-count": Named(
        lambda text, _: parse_on_off(text, "hide-count"),
        lambda store, hidden, _: set_hide_count(store, hidden),
        lambda s: _on_off(s.hide_count),
    ),
    "theme": Named(
        lambda text, _: parse_theme(text),
        lambda store, name, _: set_theme(store, name),
        lambda s: s.theme or DEFAULT_THEME,
    ),
    "idle-lock": Named(
        lambda text, _: parse_idle_lock(text),
        lambda store, minutes, _: set_idle_lock(store, minutes),
        lambda s: str(s.idle_lock_minutes) if s.idle_lock_minutes else _on_off(False),
    ),
    "restart-kinds": Named(
        lambda text, _: parse_kinds(text),
        lambda store, kinds, _: set_breaking_kinds(store, kinds),
        lambda s: ",".join(s.breaking_kinds) or line("settings", "values", "none"),
    ),
}
SHELL_NAMES = tuple(NAMED)


def check_name(name: str) -> None:
    """Refuse a name that is not a setting, naming the ones there are."""
    if name not in NAMED:
        raise SettingError(
            line("settings", "problems", "name", typed=name, names=", ".join(SHELL_NAMES))
        )


def _named(name: str) -> Named:
    check_name(name)
    return NAMED[name]


def parse_setting(name: str, text: str, today: date) -> Any:
    """The value `text` means for the setting `name`; SettingError if it can't be used."""
    return _named(name).parse(text, today)


def save_setting(store: Store, name: str, value: Any, today: date) -> None:
    """Save a value from `parse_setting`, in one write."""
    _named(name).save(store, value, today)


def shown(settings: Settings, name: str) -> str:
    return _named(name).show(settings)


def label(name: str) -> str:
    return line("settings", "names", name)


def listing(settings: Settings) -> list[tuple[str, str, str]]:
    """(name, value, readable name) for every setting, in the order the shell lists them."""
    return [(name, shown(settings, name), label(name)) for name in SHELL_NAMES]
