"""Kill a writer with SIGKILL in the middle of whole actions: each is in the file all or none.

A group rename touches every reason in the group and the list of groups; a review
save writes the review and the contact it logs. Each is one transaction, one write:
after any kill the file parses, and either every reason of the group carries the
new name or none does, and a review with contact "yes" always has its contact.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from datetime import UTC
from pathlib import Path

import orjson
import pytest

from nocontact_tui.journal.store import Store

pytestmark = pytest.mark.e2e  # a real writer process, killed

KILLS = 100
GROUP_SIZE = 40

WRITER = """
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from nocontact_tui.journal.store import Store
from nocontact_tui.domain import reasons
from nocontact_tui.domain.reviews import Review, save_review
db, start = Path(sys.argv[1]), int(sys.argv[2])
now = datetime(2026, 11, 21, 12, tzinfo=timezone.utc)
with Store.open(db) as store:
    print("ready", flush=True)
    n = start
    while True:
        old = next(c for c in reasons.user_categories(store) if c.startswith("group "))
        reasons.rename_category(store, old, f"group {n}", now=now)
        day = date(2026, 11, 20) - timedelta(days=n % 300)
        review = Review(day=day, mood=3, strongest_urge=4, contact=True,
                        contact_kind="i_replied", felt_after=4)
        save_review(store, review, now=now, day_starts_at=4, tz=timezone.utc)
        print(f"done {n}", flush=True)
        n += 1
"""


def check(db: Path) -> None:
    data = orjson.loads(db.read_bytes())  # parses, or this raises
    ours = [doc for doc in data["reasons"].values() if doc["text"].startswith("group member ")]
    names = {doc["category"] for doc in ours}
    assert len(ours) == GROUP_SIZE and len(names) == 1, names  # all renamed, or none
    [meta] = data["meta"].values()
    listed = [name for name in meta["reason_categories"] if name.startswith("group ")]
    assert listed == [names.pop()]  # the list of groups moved with the reasons
    contacts = data.get("contacts", {})
    for review in data.get("reviews", {}).values():
        if review.get("contact") and review.get("contact_id") is not None:
            assert str(review["contact_id"]) in contacts  # never a review without its contact


def test_sigkill_mid_action_leaves_all_of_it_or_none(tmp_path: Path) -> None:
    from datetime import date, datetime

    from nocontact_tui.domain import reasons
    from nocontact_tui.domain.heavy import heavy_journal

    db = tmp_path / "nocontact.json"
    now = datetime(2026, 11, 21, 12, tzinfo=UTC)
    with Store.open(db) as store:
        # A ten-year journal (about 7 MB): each write takes long enough to be cut.
        store.replace_all(heavy_journal(date(2026, 11, 21), years=10))
        store.update_meta({"nc_start": "2016-11-21"})
        reasons.add_category(store, "group start")
        with store.transaction():
            for n in range(GROUP_SIZE):
                reasons.add_reason(store, f"group member {n}", category="group start", now=now)
    check(db)
    rng = random.Random(20261205)
    env = os.environ | {"PYTHONDONTWRITEBYTECODE": "1"}
    start = 0
    for _ in range(KILLS):
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db), str(start)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "ready", writer.stderr.read()
        # One action finished first, whatever the machine's speed: the kill then lands
        # among the actions that follow, at a random moment of them.
        first = writer.stdout.readline()
        assert first.startswith("done "), writer.stderr.read()
        time.sleep(rng.uniform(0.0, 0.4))
        writer.send_signal(signal.SIGKILL)
        out, err = writer.communicate(timeout=30)
        assert writer.returncode == -signal.SIGKILL, err
        done = [
            first,
            *(text_line for text_line in out.splitlines() if text_line.startswith("done ")),
        ]
        start += len(done) + 1
        check(db)
    # Outcomes, not speed: every kill came after a finished action, and each left the
    # journal with every action whole or absent (check, above). How many kills cut a write
    # in half depends on the machine's speed, so it is never required.
