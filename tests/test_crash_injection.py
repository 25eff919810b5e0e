"""Kill a writer with SIGKILL at random moments: the journal always parses and keeps every finished write."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest

from nocontact_tui.journal.store import Store

pytestmark = pytest.mark.e2e  # a real writer process, killed

KILLS = 100

# Each loop is one `nocontact reason add` run to completion (the CLI's own main), then
# a line saying it returned 0. The padding makes each write big enough to be caught mid-way.
WRITER = """
import sys
from nocontact_tui.cli.main import main
import nocontact_tui.journal.store, nocontact_tui.domain.reasons, nocontact_tui.domain.clock  # warm: the kill should land in writes
db, start = sys.argv[1], int(sys.argv[2])
pad = "x" * 4000  # PAD below
print("ready", flush=True)
n = start
while True:
    code = main(["--db", db, "reason", "add", f"reason {n} {pad}"])
    if code != 0:
        sys.exit(code)
    print(f"done {n}", flush=True)
    n += 1
"""


PAD = "x" * 4000


def saved_numbers(db: Path) -> set[int]:
    """The numbers of the reasons in the file; it parses and each reason is whole, or this fails."""
    data = orjson.loads(db.read_bytes())
    numbers = set()
    for doc in data.get("reasons", {}).values():
        word, number, pad = doc["text"].split(" ")
        assert word == "reason" and pad == PAD, doc["text"][:40]
        numbers.add(int(number))
    return numbers


def test_sigkill_at_random_moments_never_tears_the_file(tmp_path: Path) -> None:
    db = tmp_path / "nocontact.json"
    rng = random.Random(20261121)
    saved: set[int] = set()  # every reason the file holds after the last kill
    next_number = 0
    env = os.environ | {"PYTHONDONTWRITEBYTECODE": "1"}
    for _ in range(KILLS):
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db), str(next_number)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert writer.stdout is not None and writer.stderr is not None
        assert writer.stdout.readline().strip() == "ready"
        # The first write is waited for, so every kill lands in the middle of the writing
        # however slow the machine is: no count of finished writes is needed to know it.
        first = next((line for line in writer.stdout if line.startswith("done ")), "")
        if first.strip() != f"done {next_number}":
            writer.kill()
            pytest.fail(f"the first write did not finish: {first!r} {writer.stderr.read()}")
        time.sleep(rng.uniform(0.0, 0.15))
        writer.send_signal(signal.SIGKILL)
        out, err = writer.stdout.read(), writer.stderr.read()  # to the end: the pipes close
        assert writer.wait(timeout=30) == -signal.SIGKILL, err
        done = {next_number} | {
            int(line.split()[1]) for line in out.splitlines() if line.startswith("done ")
        }
        in_flight = max(done) + 1  # the write the kill cut, at any point of it
        present = saved_numbers(db)  # parses, every reason whole
        # Every write that returned is there, nothing was lost, and the one cut is
        # there whole or not at all.
        assert saved | done <= present, sorted((saved | done) - present)
        assert present - saved - done <= {in_flight}, sorted(present - saved - done)
        saved = present
        next_number = max(present) + 1
    # The next write cleans up whatever temp files the kills left behind (only a writer,
    # under the lock, may: another window's write could be in flight).
    with Store.open(db) as store:
        store.insert("reasons", {"text": f"reason -1 {PAD}"})
    assert not list(tmp_path.glob(".*.tmp"))
