"""`python -m bench`: how fast nocontact is against the floor of Textual and Python themselves.

Everything is measured in one run, interleaved (A, B, A, B, ...) after a warm-up,
and reported as medians, minima and maxima with ratios against a floor measured
alongside. Nothing here is pass/fail; the table says where each target stands.

Needs tmux (first frames and typing) and, for the jrnl peer, network access to
PyPI the first time (it installs jrnl into bench/.peer-venv, never into the app's
environment). `--quick` runs 3 rounds instead of 10 for a fast look.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import date, datetime
from importlib import metadata
from pathlib import Path

from bench.heavy import empty_journal, heavy_journal, write_journal

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PEER_VENV = HERE / ".peer-venv"
APP_VENV = HERE / ".app-venv"
SIZE = ("100", "30")
SETTLE = 1.0  # seconds after the first frame before the peak RSS is read

FLOOR_APP = """
from textual.app import App
from textual.widgets import Footer, Static

class Floor(App):
    def compose(self):
        yield Static("floor ready")
        yield Footer()

Floor().run()
"""

# The same bare app opening on a screen pushed at mount, as the app opens on its start
# screen: reported beside the pairs, to show how much of the ratio that pattern alone takes.
FLOOR_PUSH_APP = """
from textual.app import App
from textual.screen import Screen
from textual.widgets import Footer, Static

class First(Screen):
    def compose(self):
        yield Static("floor ready")
        yield Footer()

class Floor(App):
    def on_mount(self):
        self.push_screen(First())

Floor().run()
"""

# A word only the ready screen shows.
URGE_MARKER = "how strong is the urge"
HOME_MARKER = "without contact"
FLOOR_MARKER = "floor ready"


def clean_env() -> dict[str, str]:
    """This environment without PYTHONDONTWRITEBYTECODE: a user's Python keeps its bytecode
    cache, and measuring every run recompiling the app from source would measure the compiler."""
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


PYTHON = sys.executable  # replaced by the bench's own install in main()
# Commands run from a scratch folder: `python -m nocontact_tui` from the repository would
# import the source tree instead of the installed package.
CWD = tempfile.gettempdir()


def nocontact_cmd(*args: str) -> list[str]:
    return [PYTHON, "-m", "nocontact_tui", *args]


def ensure_app_venv() -> str:
    """The app installed the way the README installs it (`pip install .`, not editable),
    in a venv of the bench's own, so start-up is measured as a user would have it."""
    python = APP_VENV / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(APP_VENV)], check=True)
        subprocess.run(
            [python, "-m", "pip", "install", "-q", str(ROOT)], check=True, env=clean_env()
        )
    else:  # the current code, over the dependencies installed before
        subprocess.run(
            [python, "-m", "pip", "install", "-q", "--no-deps", "--force-reinstall", str(ROOT)],
            check=True,
            env=clean_env(),
        )
    return str(python)


# -- measuring -------------------------------------------------------------------------


class Tmux:
    """A private tmux server for the benchmark's panes."""

    def __init__(self) -> None:
        self.socket = f"nocontact-bench-{os.getpid()}"
        # A session that lives for the whole run, so the server never exits between
        # panes (a new client racing a server on its way out fails to start).
        self.run("new-session", "-d", "-s", "keep", "sleep 86400")

    def run(self, *args: str, check: bool = True) -> str:
        out = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=check
        )
        return out.stdout

    def first_frame(
        self, command: list[str], marker: str, env: dict[str, str], timeout: float = 20.0
    ) -> tuple[float, int]:
        """Seconds from starting `command` in a fresh pane until `marker` shows; and its peak RSS (kB)."""
        name = f"b{time.monotonic_ns()}"
        shell = (
            " ".join(f"{k}={_quote(v)}" for k, v in env.items())
            + " exec "
            + " ".join(_quote(c) for c in command)
        )
        started = time.perf_counter()
        self.run("new-session", "-d", "-s", name, "-c", CWD, "-x", SIZE[0], "-y", SIZE[1], shell)
        try:
            while True:
                if marker in self.run("capture-pane", "-p", "-t", name, check=False):
                    elapsed = time.perf_counter() - started
                    break
                if time.perf_counter() - started > timeout:
                    screen = self.run("capture-pane", "-p", "-t", name, check=False)
                    raise RuntimeError(f"{marker!r} never appeared for {command}:\n{screen}")
                time.sleep(0.01)
            # The peak comes later than the first frame (the journal is read after it):
            # give the app a moment to settle before reading its high-water mark.
            time.sleep(SETTLE)
            pid = self.run("display-message", "-p", "-t", name, "#{pane_pid}").strip()
            rss = _peak_rss_kb(int(pid)) if pid.isdigit() else 0
            return elapsed, rss
        finally:
            self.run("kill-session", "-t", name, check=False)

    def typing(
        self, command: list[str], ready: str, env: dict[str, str], keys_before: list[str], text: str
    ) -> float:
        """Seconds from sending `text` until its last characters are on screen."""
        name = f"t{time.monotonic_ns()}"
        shell = (
            " ".join(f"{k}={_quote(v)}" for k, v in env.items())
            + " exec "
            + " ".join(_quote(c) for c in command)
        )
        self.run("new-session", "-d", "-s", name, "-c", CWD, "-x", SIZE[0], "-y", SIZE[1], shell)
        try:
            _wait_for(lambda: ready in self.run("capture-pane", "-p", "-t", name, check=False))
            for key in keys_before:
                self.run("send-keys", "-t", name, key)
                time.sleep(0.3)
            tail = text[-12:]
            started = time.perf_counter()
            self.run("send-keys", "-t", name, "-l", text)
            _wait_for(
                lambda: (
                    tail
                    in self.run("capture-pane", "-p", "-J", "-t", name, check=False).replace(
                        "\n", ""
                    )
                )
            )
            return time.perf_counter() - started
        finally:
            self.run("kill-session", "-t", name, check=False)

    def close(self) -> None:
        self.run("kill-server", check=False)


def _wait_for(condition: Callable[[], bool], timeout: float = 30.0) -> None:
    started = time.perf_counter()
    while not condition():
        if time.perf_counter() - started > timeout:
            raise RuntimeError("timed out")
        time.sleep(0.01)


def _quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


def _peak_rss_kb(pid: int) -> int:
    try:
        for text_line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if text_line.startswith("VmHWM:"):
                return int(text_line.split()[1])
    except OSError:
        pass
    return 0


def timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(
        command, env=env, cwd=CWD, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    if done.returncode != 0:
        raise RuntimeError(f"{command} failed: {done.stderr.decode(errors='replace')}")
    return time.perf_counter() - started


# -- the jrnl peer -------------------------------------------------------------------


def ensure_jrnl() -> Path | None:
    jrnl = PEER_VENV / "bin" / "jrnl"
    if jrnl.exists():
        return jrnl
    try:
        subprocess.run([sys.executable, "-m", "venv", str(PEER_VENV)], check=True)
        subprocess.run(
            [PEER_VENV / "bin" / "pip", "install", "-q", "jrnl"], check=True, timeout=600
        )
    except (subprocess.SubprocessError, OSError) as exc:
        print(f"jrnl could not be installed ({exc}); its rows are left out", file=sys.stderr)
        return None
    return jrnl


def jrnl_env(work: Path) -> dict[str, str]:
    config = work / "jrnl-config"
    (config / "jrnl").mkdir(parents=True, exist_ok=True)
    journal = work / "jrnl.txt"
    (config / "jrnl" / "jrnl.yaml").write_text(
        "colors: {body: none, date: none, tags: none, title: none}\n"
        "default_hour: 9\ndefault_minute: 0\neditor: ''\nencrypt: false\nhighlight: false\n"
        "indent_character: '|'\n"
        f"journals: {{default: {{journal: {journal}}}}}\n"
        "linewrap: 79\ntagsymbols: '#@'\ntemplate: false\ntimeformat: '%Y-%m-%d %H:%M'\nversion: v4.0\n"
    )
    if not journal.exists():
        lines = []
        for i in range(5000):
            stamp = datetime(2012, 1, 1, 9, 0).toordinal() + i // 2
            day = date.fromordinal(stamp)
            lines.append(
                f"[{day.isoformat()} {9 + i % 2 * 9:02d}:00] Entry {i}: a steadier day than I expected."
            )
            lines.append("I went outside and the urge passed after a while.\n")
        journal.write_text("\n".join(lines))
    return clean_env() | {"XDG_CONFIG_HOME": str(config), "HOME": str(work)}


# -- the run -------------------------------------------------------------------------


class Figures:
    def __init__(self) -> None:
        self.samples: dict[str, list[float]] = {}

    def add(self, name: str, value: float) -> None:
        self.samples.setdefault(name, []).append(value)

    def median(self, name: str) -> float:
        return statistics.median(self.samples[name])


def interleave(rounds: int, steps: dict[str, Callable[[], None]]) -> None:
    for step in steps.values():  # warm-up: caches, bytecode, tmux
        step()
    for _ in range(rounds):
        for step in steps.values():
            step()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--quick", action="store_true", help="3 rounds, for a fast look")
    parser.add_argument(
        "--suffix",
        default="",
        help="added to the results file's name, to keep an earlier run of the same day",
    )
    args = parser.parse_args(argv)
    rounds = 3 if args.quick else args.rounds
    if not shutil.which("tmux"):
        print("tmux is needed for the first-frame figures: apt-get install tmux", file=sys.stderr)
        return 1

    global PYTHON
    PYTHON = ensure_app_venv()
    work = Path(tempfile.mkdtemp(prefix="nocontact-bench-"))
    today = date.today()
    empty = write_journal(work / "empty" / "nocontact.json", empty_journal(today))
    heavy = write_journal(work / "heavy" / "nocontact.json", heavy_journal(today))
    thirty = thirty_year_journal(work, today)
    floor_app = work / "floor_app.py"
    floor_app.write_text(FLOOR_APP)
    env = {"HOME": str(work), "TERM": "xterm-256color"}
    base_env = clean_env() | env
    figures = Figures()
    tmux = Tmux()
    print(
        f"heavy file: {heavy.stat().st_size:,} bytes; {rounds} rounds after a warm-up",
        file=sys.stderr,
    )

    def frame(name: str, command: list[str], marker: str) -> Callable[[], None]:
        def step() -> None:
            seconds, rss = tmux.first_frame(command, marker, env)
            figures.add(f"frame:{name}", seconds)
            figures.add(f"rss:{name}", rss)

        return step

    try:
        interleave(
            rounds,
            {
                "floor": frame("floor", [PYTHON, str(floor_app)], FLOOR_MARKER),
                "urge empty": frame(
                    "urge empty", nocontact_cmd("--db", str(empty), "urge"), URGE_MARKER
                ),
                "urge heavy": frame(
                    "urge heavy", nocontact_cmd("--db", str(heavy), "urge"), URGE_MARKER
                ),
                "home heavy": frame("home heavy", nocontact_cmd("--db", str(heavy)), HOME_MARKER),
            },
        )

        jrnl = ensure_jrnl()
        peer_env = jrnl_env(work) if jrnl else {}
        load_floor = [PYTHON, "-c", f"import json; json.load(open({str(heavy)!r}, 'rb'))"]
        heavy_copy = work / "heavy-copy" / "nocontact.json"
        heavy_copy.parent.mkdir()
        shutil.copy2(heavy, heavy_copy)
        shell_steps: dict[str, Callable[[], None]] = {
            "load floor": lambda: figures.add("shell:load floor", timed(load_floor, base_env)),
            "status empty": lambda: figures.add(
                "shell:status empty", timed(nocontact_cmd("--db", str(empty), "status"), base_env)
            ),
            "status heavy": lambda: figures.add(
                "shell:status heavy", timed(nocontact_cmd("--db", str(heavy), "status"), base_env)
            ),
            "add heavy": lambda: figures.add(
                "shell:reason add heavy",
                timed(nocontact_cmd("--db", str(heavy_copy), "reason", "add", "bench"), base_env),
            ),
        }
        shell_steps |= thirty_year_steps(thirty, base_env, figures)
        if jrnl:
            shell_steps["jrnl last 10"] = lambda: figures.add(
                "shell:jrnl last 10", timed([str(jrnl), "-n", "10"], peer_env)
            )
            shell_steps["jrnl add"] = lambda: figures.add(
                "shell:jrnl add", timed([str(jrnl), "bench entry."], peer_env)
            )
        interleave(rounds, shell_steps)

        save_figures(heavy, rounds, figures)
        action_figures(heavy, figures)
        typing_figures(tmux, empty, heavy, env, rounds, figures)
        reasons_key_figures(heavy, base_env, figures)
        urge_pairs(tmux, floor_app, empty, env, rounds, figures)
        saves_per_minute(heavy, figures)
    finally:
        tmux.close()

    table = report(figures, heavy.stat().st_size, rounds)
    table += "\n" + issue_17_report(figures, thirty.stat().st_size)
    print(table)
    suffix = f"-{args.suffix}" if args.suffix else ""
    out = HERE / "results" / f"{today.isoformat()}-{platform.node() or 'machine'}{suffix}.md"
    out.write_text(table + "\n")
    print(f"written to {out.relative_to(ROOT)}", file=sys.stderr)
    shutil.rmtree(work, ignore_errors=True)
    return 0


def save_figures(heavy: Path, rounds: int, figures: Figures) -> None:
    """A 20 KB letter edit on the heavy file, against serialising and writing the same data."""
    import orjson

    from nocontact_tui.journal.storage import atomic_write
    from nocontact_tui.journal.store import Store

    copy = heavy.parent.parent / "save" / "nocontact.json"
    copy.parent.mkdir(exist_ok=True)
    shutil.copy2(heavy, copy)
    with Store.open(copy) as store:
        letter_id = next(doc_id for doc_id, _ in store.docs("letters"))
        data = store.db.storage.read()
        body = "a" * 20_000

        def app_save() -> None:
            started = time.perf_counter()
            store.update("letters", letter_id, {"body": body + str(time.perf_counter_ns())})
            figures.add("save:letter edit", time.perf_counter() - started)

        def floor_save() -> None:
            started = time.perf_counter()
            atomic_write(copy.with_name("floor.json"), orjson.dumps(data))
            figures.add("save:floor", time.perf_counter() - started)

        interleave(rounds, {"app": app_save, "floor": floor_save})


@contextlib.contextmanager
def counted_writes(heavy: Path, folder: str) -> Iterator[tuple[Path, list[tuple[float, int]]]]:
    """A copy of the heavy journal in its own folder, and every whole-file write of it
    while the block runs, as (moment, bytes). The day's backup (another file) is not one."""
    from nocontact_tui.journal import store as store_module

    copy = heavy.parent.parent / folder / "nocontact.json"
    copy.parent.mkdir(exist_ok=True)
    shutil.copy2(heavy, copy)
    writes: list[tuple[float, int]] = []
    real_write = store_module.atomic_write

    def counting(path: Path, data: bytes) -> None:
        if path == copy:
            writes.append((time.perf_counter(), len(data)))
        real_write(path, data)

    store_module.atomic_write = counting  # type: ignore[assignment]
    try:
        yield copy, writes
    finally:
        store_module.atomic_write = real_write  # type: ignore[assignment]


def action_figures(heavy: Path, figures: Figures) -> None:
    """Whole-file writes and bytes written by one user action on the heavy journal.

    Counted, not timed: each action should be one write of the journal (one
    transaction), whatever it touches. A day's first write also copies the file
    into backups/, which is not counted here (it happens once a day, not per action).
    """
    from datetime import UTC, datetime

    from nocontact_tui.domain import reasons
    from nocontact_tui.domain.letters import create_letter, release_letter
    from nocontact_tui.domain.reviews import Review, save_review
    from nocontact_tui.journal.store import Store

    now = datetime.now(UTC)
    with counted_writes(heavy, "actions") as (copy, writes), Store.open(copy) as store:
        store.insert("reasons", {"text": "warm-up", "category": None, "position": 0})
        group = "bench group"
        reasons.add_category(store, group)
        with store.transaction():
            for n in range(40):
                reasons.add_reason(store, f"bench reason {n}", category=group, now=now)
        letter = create_letter(store, now=now, title="bench", body="to let go")

        def action(name: str, do: Callable[[], object]) -> None:
            writes.clear()
            do()
            figures.add(f"writes:{name}", float(len(writes)))
            figures.add(f"bytes:{name}", float(sum(size for _, size in writes)))

        action(
            "group rename, 40 reasons",
            lambda: reasons.rename_category(store, group, "bench group renamed", now=now),
        )
        review = Review(
            day=now.date(),
            mood=3,
            strongest_urge=2,
            contact=True,
            contact_kind="i_replied",
            felt_after=3,
        )
        action(
            "review with its contact",
            lambda: save_review(store, review, now=now, day_starts_at=4, tz=UTC),
        )
        action("letter release", lambda: release_letter(store, letter))


def typing_figures(
    tmux: Tmux, empty: Path, heavy: Path, env: dict[str, str], rounds: int, figures: Figures
) -> None:
    text = ("steady now " * 46)[:490] + "ENDOFTYPIN"

    def typed(name: str, db: Path) -> Callable[[], None]:
        def step() -> None:
            seconds = tmux.typing(
                nocontact_cmd("--db", str(db), "letters"), "Filter", env, ["n"], text
            )
            figures.add(f"typing:{name}", seconds)

        return step

    try:
        interleave(
            max(3, rounds // 2), {"empty": typed("empty", empty), "heavy": typed("heavy", heavy)}
        )
    except RuntimeError as exc:
        print(f"typing was not measured: {exc}", file=sys.stderr)


# -- key-to-frame on the reasons list ------------------------------------------------

KEY_FRAME = "key:reasons list, down, 300 reasons"
KEY_FRAME_TARGET = 0.016  # seconds: one frame at 60 Hz
DOWN = b"\x1b[B"
QUIET = 0.5  # seconds without output: the frames a key caused are all written (the old list drew two, ~0.3 s apart)


def reasons_key_figures(
    heavy: Path, env: dict[str, str], figures: Figures, presses: int = 40
) -> None:
    """Key-to-frame on the reasons list of the heavy journal (its 300 reasons).

    The app runs in a terminal of the bench's own (a pty of SIZE), so nothing but the
    app itself is timed: each press of down is written to the terminal, and the time
    is taken when the last byte of the frame it caused arrives (the app then writes
    nothing more for QUIET). The median is over `presses` presses after a warm-up.
    """
    import fcntl
    import pty
    import re
    import select
    import struct
    import termios

    copy = heavy.parent.parent / "reasons-keys" / "nocontact.json"
    copy.parent.mkdir(exist_ok=True)
    shutil.copy2(heavy, copy)
    master, slave = pty.openpty()
    columns, rows = int(SIZE[0]), int(SIZE[1])
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))

    def own_terminal() -> None:  # in the child: the pty is its controlling terminal
        os.setsid()
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    app = subprocess.Popen(
        nocontact_cmd("--db", str(copy), "reasons"),
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env | {"TERM": "xterm-256color", "COLUMNS": SIZE[0], "LINES": SIZE[1]},
        cwd=CWD,
        preexec_fn=own_terminal,
    )
    os.close(slave)
    escapes = re.compile(
        rb"\x1b\[[0-9;?<>=$]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]"
    )

    def read_until_quiet(quiet: float, first: float = 0.0) -> tuple[bytes, float | None]:
        """Everything the app writes until it is quiet for `quiet` seconds (waiting up to
        `first` seconds for it to begin); and when its last byte came."""
        out, last = b"", None
        while select.select([master], [], [], max(first, quiet) if last is None else quiet)[0]:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the app has gone
                break
            if not chunk:
                break
            out, last = out + chunk, time.perf_counter()
        return out, last

    try:
        seen = b""
        started = time.perf_counter()
        while b"Reason " not in escapes.sub(b"", seen):
            if time.perf_counter() - started > 30 or app.poll() is not None:
                print("the reasons list never showed; key-to-frame not measured", file=sys.stderr)
                return
            seen += read_until_quiet(0.05)[0]
        read_until_quiet(0.5)  # whatever the first frames still bring
        for n in range(5 + presses):
            read_until_quiet(0.0)  # anything still on its way is not this key's frame
            os.write(master, DOWN)
            sent = time.perf_counter()
            _, last = read_until_quiet(QUIET, first=5.0)
            if last is not None and n >= 5:  # the first five warm up
                figures.add(KEY_FRAME, last - sent)
    finally:
        app.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            app.wait(timeout=5)
        if app.poll() is None:
            app.kill()
        os.close(master)


def key_frame_lines(figures: Figures) -> list[str]:
    """The key-to-frame row for the report (median, min, max over the presses)."""
    values = figures.samples.get(KEY_FRAME)
    if not values:
        return []
    median = statistics.median(values)
    verdict = "met" if median <= KEY_FRAME_TARGET else "not met"
    return [
        "",
        "## Key to frame (median of the presses; each press its own figure)",
        "",
        "| figure | median | min | max | target | |",
        "|---|---|---|---|---|---|",
        f"| down on the reasons list, 300 reasons | {median * 1000:.1f} ms | {min(values) * 1000:.1f} ms "
        f"| {max(values) * 1000:.1f} ms | ≤ {KEY_FRAME_TARGET * 1000:.0f} ms | {verdict} |",
    ]


def report(figures: Figures, heavy_size: int, rounds: int) -> str:
    def row(name: str, unit: str = "ms", scale: float = 1000) -> str:
        values = figures.samples.get(name)
        if not values:
            return f"| {name} | – | – | – | |"
        return (
            f"| {name} | {statistics.median(values) * scale:.1f} | {min(values) * scale:.1f} | "
            f"{max(values) * scale:.1f} | {unit} |"
        )

    def ratio(label: str, top: str, bottom: str, target: float) -> str:
        if top not in figures.samples or bottom not in figures.samples:
            return f"| {label} | – | – | – | ≤ {target} | not measured |"
        ratios = [
            a / b for a, b in zip(figures.samples[top], figures.samples[bottom], strict=False)
        ]
        median = figures.median(top) / figures.median(bottom)
        verdict = "met" if median <= target else "not met"
        return f"| {label} | {median:.2f} | {min(ratios):.2f} | {max(ratios):.2f} | ≤ {target} | {verdict} |"

    rss_extra = None
    if figures.samples.get("rss:urge heavy") and figures.samples.get("rss:floor"):
        rss_extra = (figures.median("rss:urge heavy") - figures.median("rss:floor")) * 1024

    versions = ", ".join(
        f"{p} {metadata.version(p)}" for p in ("textual", "tinydb", "orjson", "rich")
    )
    lines = [
        f"# nocontact benchmark, {date.today().isoformat()}",
        "",
        f"Machine: {os.cpu_count()} CPUs, {platform.machine()}, {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}; {versions}.",
        f"Rounds: {rounds} after a warm-up, interleaved. Heavy file: {heavy_size:,} bytes.",
        "",
        "## Ratios (median of each figure; min and max of the per-round ratios)",
        "",
        "| figure | median | min | max | target | |",
        "|---|---|---|---|---|---|",
        ratio(
            "`nocontact urge` first frame, empty / floor app",
            "frame:urge empty",
            "frame:floor",
            1.15,
        ),
        ratio(
            "`nocontact urge` first frame, heavy / floor app",
            "frame:urge heavy",
            "frame:floor",
            1.30,
        ),
        ratio(
            "`nocontact` home first frame, heavy / floor app",
            "frame:home heavy",
            "frame:floor",
            1.40,
        ),
        ratio(
            "`nocontact status` heavy / jrnl last 10 of 5k",
            "shell:status heavy",
            "shell:jrnl last 10",
            0.5,
        ),
        ratio(
            "`nocontact status` heavy / load-only floor",
            "shell:status heavy",
            "shell:load floor",
            1.5,
        ),
        ratio(
            "letter save on heavy / serialise-and-write floor",
            "save:letter edit",
            "save:floor",
            1.5,
        ),
        ratio("500 typed characters, heavy / empty", "typing:heavy", "typing:empty", 1.2),
    ]
    if rss_extra is not None:
        limit = 4 * heavy_size
        verdict = "met" if rss_extra <= limit else "not met"
        lines.append(
            f"| peak RSS of `nocontact urge` heavy minus floor app | {rss_extra / 2**20:.1f} MiB | | | "
            f"≤ {limit / 2**20:.1f} MiB (4 × file) | {verdict} |"
        )
    lines += key_frame_lines(figures)
    counted_actions = sorted(
        n.removeprefix("writes:") for n in figures.samples if n.startswith("writes:")
    )
    if counted_actions:
        lines += [
            "",
            "## Writes per action (heavy journal; target: 1 whole-file write each)",
            "",
            "| action | whole-file writes | bytes written | |",
            "|---|---|---|---|",
        ]
        for name in counted_actions:
            count = figures.median(f"writes:{name}")
            size = figures.median(f"bytes:{name}")
            lines.append(
                f"| {name} | {count:.0f} | {size:,.0f} | {'met' if count <= 1 else 'not met'} |"
            )
    lines += [
        "",
        "## Figures",
        "",
        "| figure | median | min | max | unit |",
        "|---|---|---|---|---|",
    ]
    for name in sorted(figures.samples):
        if name.startswith(("writes:", "bytes:", "pair:", "typing-minute:")):
            continue  # in their own table above
        if name.startswith("rss:"):
            lines.append(row(name, "MiB", 1 / 1024))
        else:
            lines.append(row(name))
    return "\n".join(lines)


# -- issue 17: a thirty-year journal, the urge's first frame in pairs, saves while typing ----

PAIRS = 15  # at least this many interleaved (bare app, urge) pairs for the 1.10 target
TYPING_MINUTE = 60.0  # seconds of steady typing in the letter editor
TYPING_INTERVAL = 0.2  # seconds between keys: 300 characters a minute, without a pause


def thirty_year_journal(work: Path, today: date) -> Path:
    return write_journal(work / "thirty" / "nocontact.json", heavy_journal(today, years=30))


def thirty_year_steps(
    thirty: Path, env: dict[str, str], figures: Figures
) -> dict[str, Callable[[], None]]:
    """`nocontact status` on a thirty-year journal, interleaved with the other shell commands."""

    def step() -> None:
        figures.add(
            "shell:status thirty years", timed(nocontact_cmd("--db", str(thirty), "status"), env)
        )

    return {"status thirty years": step}


def urge_pairs(
    tmux: Tmux, floor_app: Path, empty: Path, env: dict[str, str], rounds: int, figures: Figures
) -> None:
    """The urge screen's first frame against the bare Textual app, in pairs run back to back
    (floor, urge, floor, urge, ...): each ratio compares two runs under the same load."""
    floor = [PYTHON, str(floor_app)]
    push_app = floor_app.with_name("floor_push_app.py")
    push_app.write_text(FLOOR_PUSH_APP)
    pushed = [PYTHON, str(push_app)]
    urge = nocontact_cmd("--db", str(empty), "urge")
    tmux.first_frame(floor, FLOOR_MARKER, env)  # warm-up
    tmux.first_frame(pushed, FLOOR_MARKER, env)
    tmux.first_frame(urge, URGE_MARKER, env)
    for _ in range(max(PAIRS, rounds)):
        figures.add("pair:floor", tmux.first_frame(floor, FLOOR_MARKER, env)[0])
        figures.add("pair:urge", tmux.first_frame(urge, URGE_MARKER, env)[0])
        figures.add("pair:pushed", tmux.first_frame(pushed, FLOOR_MARKER, env)[0])


def saves_per_minute(heavy: Path, figures: Figures) -> None:
    """Whole-file writes of the ten-year journal during a minute of steady typing in the
    letter editor (issue 16): the autosave waits for a pause, and writes at least every
    AUTOSAVE_CEILING seconds while the typing goes on. Real time, through a Textual pilot."""
    import asyncio

    from nocontact_tui.app import make_app
    from nocontact_tui.journal.store import Store

    async def type_for_a_minute(copy: Path, writes: list[tuple[float, int]]) -> tuple[int, int]:
        with Store.open(copy) as store:
            app = make_app(store, start="letters")
            async with app.run_test(size=(100, 30)) as pilot:
                await pilot.pause(0.5)
                await pilot.press("n")
                await pilot.pause(0.5)
                writes.clear()  # the new letter's own first write is not typing
                started = time.perf_counter()
                keys = 0
                while time.perf_counter() - started < TYPING_MINUTE:
                    await pilot.press("a" if keys % 6 else "space")
                    keys += 1
                    await asyncio.sleep(TYPING_INTERVAL)
                during = sum(1 for at, _ in writes if at - started <= TYPING_MINUTE)
                return during, keys

    try:
        with counted_writes(heavy, "typing-minute") as (copy, writes):
            during, keys = asyncio.run(type_for_a_minute(copy, writes))
    except Exception as exc:  # a bench figure, not a test: say why it is missing
        print(f"saves while typing were not measured: {exc!r}", file=sys.stderr)
        return
    figures.add("typing-minute:saves", float(during))
    figures.add("typing-minute:keys", float(keys))


def issue_17_report(figures: Figures, thirty_size: int) -> str:
    lines = ["", "## Issue 17 figures", "", "| figure | median | min | max | target | |"]
    lines.append("|---|---|---|---|---|---|")
    pairs = list(
        zip(
            figures.samples.get("pair:urge", []),
            figures.samples.get("pair:floor", []),
            strict=False,
        )
    )
    if pairs:
        ratios = sorted(urge / floor for urge, floor in pairs)
        median = statistics.median(ratios)
        verdict = "met" if median <= 1.10 else "not met"
        lines.append(
            f"| `nocontact urge` first frame / bare app, median of {len(pairs)} interleaved pairs "
            f"| {median:.2f} | {ratios[0]:.2f} | {ratios[-1]:.2f} | ≤ 1.10 | {verdict} |"
        )
        pushed = sorted(
            push / floor
            for push, floor in zip(
                figures.samples.get("pair:pushed", []),
                figures.samples.get("pair:floor", []),
                strict=False,
            )
        )
        if pushed:
            lines.append(
                f"| for comparison: the bare app opening on a screen pushed at mount, as the app "
                f"does / bare app | {statistics.median(pushed):.2f} | {pushed[0]:.2f} "
                f"| {pushed[-1]:.2f} | | |"
            )
    thirty = figures.samples.get("shell:status thirty years")
    if thirty:
        lines.append(
            f"| `nocontact status`, thirty-year journal ({thirty_size:,} bytes), ms "
            f"| {statistics.median(thirty) * 1000:.1f} | {min(thirty) * 1000:.1f} "
            f"| {max(thirty) * 1000:.1f} | | |"
        )
    saves = figures.samples.get("typing-minute:saves")
    keys = figures.samples.get("typing-minute:keys")
    if saves and keys:
        lines.append(
            f"| whole-file saves in one minute of steady typing (letter editor, ten-year "
            f"journal, {keys[0]:.0f} keys, no pause) | {saves[0]:.0f} | | | ≤ 2 (30 s ceiling) "
            f"| {'met' if saves[0] <= 2 else 'not met'} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
