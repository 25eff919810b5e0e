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

from nocontact_tui.journal.store import Store

KILLS = 100

# Each loop is one `nocontact reason add` run to completion (the CLI's own main), then
# a line saying it returned 0. The padding makes each write big enough to be caught mid-way.
WRITER = """
import sys
from nocontact_tui.cli.main import main
import nocontact_tui.journal.store, nocontact_tui.domain.reasons, nocontact_tui.domain.clock  # warm: the kill should land in writes
db, start = sys.argv[1], int(sys.argv[2])
pad = "x" * 4000
print("ready", flush=True)
n = start
while True:
    code = main(["--db", db, "reason", "add", f"reason {n} {pad}"])
    if code != 0:
        sys.exit(code)
    print(f"done {n}", flush=True)
    n += 1
"""


def saved_numbers(db: Path) -> set[int]:
    data = orjson.loads(db.read_bytes())
    return {int(doc["text"].split()[1]) for doc in data.get("reasons", {}).values()}


def test_sigkill_at_random_moments_never_tears_the_file(tmp_path: Path) -> None:
    db = tmp_path / "nocontact.json"
    rng = random.Random(20261121)
    finished: set[int] = set()
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
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0.0, 0.15))
        writer.send_signal(signal.SIGKILL)
        out, err = writer.communicate(timeout=30)
        assert writer.returncode == -signal.SIGKILL, err
        done = [
            int(text_line.split()[1])
            for text_line in out.splitlines()
            if text_line.startswith("done ")
        ]
        finished.update(done)
        if db.exists():
            present = saved_numbers(db)  # parses, or this raises
            assert finished <= present
            next_number = max(present | finished) + 1
    assert len(finished) > KILLS / 2  # the kills really landed among writes
    # The next write cleans up whatever temp files the kills left behind (only a writer,
    # under the lock, may: another window's write could be in flight).
    with Store.open(db) as store:
        store.insert("reasons", {"text": "reason -1 after the kills"})
    assert not list(tmp_path.glob(".*.tmp"))
