"""The urge session's state machine, the saved log and the evidence, without Textual."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from pathlib import Path

import pytest
from conftest import BERLIN, NOW
from helpers import run_cli
from hypothesis import given
from hypothesis import strategies as st

from nocontact_tui.domain.clock import FrozenClock
from nocontact_tui.domain.contacts import Contact, log_contact
from nocontact_tui.domain.evidence import FeltFigures, felt_worse_line, urge_lines
from nocontact_tui.domain.settings import DEFAULT_URGE_MINUTES
from nocontact_tui.domain.status import compute_status, status_json
from nocontact_tui.domain.urges import (
    MAX_MINUTES,
    RATE_EVERY,
    Evidence,
    Step,
    StrengthChange,
    Urge,
    UrgeSession,
    breath_at,
    compute_evidence,
    countdown,
    evidence_lines,
    list_urges,
    next_rating_after,
    prompt_at,
    prompt_plan,
    save_session,
    strength_change,
    surf_prompts,
)
from nocontact_tui.journal.errors import WriteError
from nocontact_tui.journal.store import Store
from nocontact_tui.texts import line


def surfing(minutes: int = 10, rating: int = 8, t: float = 0.0) -> UrgeSession:
    session = UrgeSession(minutes=minutes)
    assert session.rate(rating, t)
    assert session.choose_trap("closure")
    assert session.start_surf("  I miss you\x07  ", t)
    return session


# -- the state machine ----------------------------------------------------------------


def test_check_in_then_surf_then_land() -> None:
    session = UrgeSession(minutes=10)
    assert session.step is Step.RATE and session.phase == "checkin" and not session.live
    assert not session.start_surf("too soon", 0)
    assert session.rate(8, 100.0)
    assert session.ratings == [(0, 8)] and session.step is Step.TRAP and session.live
    assert not session.rate(7, 100.0)  # the check-in takes one rating
    assert session.choose_trap("worry") and session.trigger == "worry"
    assert session.start_surf("I miss you\x00", 105.0)
    assert session.step is Step.SURF and session.phase == "surf"
    assert session.say == "I miss you"  # control characters never reach the file
    assert session.elapsed(165.0) == 60
    assert session.remaining(165.0) == 540
    assert session.end_early(165.0)
    assert session.step is Step.LAND_RATE and session.phase == "land"
    assert session.elapsed(999.0) == 60  # the timer stops when the surf ends
    assert session.rate(3, 999.0)
    assert session.ratings == [(0, 8), (60, 3)]
    assert session.step is Step.OUTCOME
    assert session.choose_outcome("surfed")
    assert session.done and session.outcome == "surfed" and not session.live


def test_rating_is_due_every_two_minutes_and_can_be_skipped() -> None:
    session = surfing()
    assert not session.rating_due(RATE_EVERY - 1)
    assert not session.rate(5, RATE_EVERY - 1)  # not asked yet
    assert session.rating_due(RATE_EVERY)
    assert session.rate(6, 130)
    assert session.ratings[-1] == (130, 6)
    assert not session.rating_due(239) and session.rating_due(240)
    assert session.skip_rating(250)
    assert not session.rating_due(359) and session.rating_due(360)
    assert not session.skip_rating(300)


def test_pause_stops_the_timer_and_the_questions() -> None:
    session = surfing()
    assert session.toggle_pause(60) and session.paused
    assert session.elapsed(500) == 60
    assert not session.rating_due(10_000)
    assert not session.tick(10_000)  # a paused timer never runs out
    assert session.toggle_pause(1000) and not session.paused
    assert session.elapsed(1030) == 90


def test_time_running_out_lands_the_session() -> None:
    session = surfing(minutes=2)
    assert not session.tick(119)
    assert session.tick(150)
    assert session.step is Step.LAND_RATE
    assert session.elapsed(150) == 120  # the timer stops at its end, not at the late tick


def test_the_timer_starts_at_fifteen_minutes_as_the_words_say() -> None:
    assert UrgeSession().minutes == 15 == DEFAULT_URGE_MINUTES


def test_keep_going_after_time_up_returns_to_the_surf_with_five_more_minutes() -> None:
    session = surfing(minutes=15)
    assert not session.can_keep_going() and not session.keep_going(100)  # not while surfing
    assert session.rate(6, 800)  # due at 2-minute marks: this one at 13:20
    assert session.tick(905)
    assert session.step is Step.LAND_RATE and session.can_keep_going()
    assert session.keep_going(910)
    assert session.step is Step.SURF and session.minutes == 20
    assert session.elapsed(910) == 900  # on from where the timer stopped
    assert session.remaining(970) == 240
    assert not session.rating_due(950) and session.rating_due(970)  # next mark: 16:00
    assert not session.keep_going(970)  # only at the landing, after a time-up
    assert session.tick(1210) and session.keep_going(1220, minutes=10)
    assert session.minutes == 30
    assert session.doc()["minutes"] == 30


def test_finish_now_can_be_taken_back_without_adding_minutes() -> None:
    """An enter pressed by mistake mid-surf lands the session: k goes back where it was."""
    early = surfing(minutes=15)
    assert early.end_early(300)
    assert early.step is Step.LAND_RATE and early.can_keep_going()
    assert early.keep_going(400)
    assert early.step is Step.SURF and early.minutes == 15
    assert early.elapsed(460) == 360  # from where it stopped; the 100 s away do not count


def test_keep_going_is_not_offered_after_rating_or_at_the_longest() -> None:
    rated = surfing(minutes=15)
    assert rated.tick(900) and rated.rate(7, 900)
    assert rated.step is Step.OUTCOME and not rated.keep_going(905)
    longest = surfing(minutes=MAX_MINUTES)
    assert longest.tick(MAX_MINUTES * 60)
    assert not longest.can_keep_going() and not longest.keep_going(MAX_MINUTES * 60)
    near = surfing(minutes=MAX_MINUTES - 2)
    assert near.tick(10_000) and near.keep_going(10_000)
    assert near.minutes == MAX_MINUTES


def test_plus_and_minus_change_the_length_within_bounds() -> None:
    session = surfing(minutes=3)
    assert session.change_minutes(+1, 0) and session.minutes == 4
    # Never below the minute already running (2.5 minutes in: the third), never below one.
    assert session.change_minutes(-1, 150) and session.minutes == 3
    assert not session.change_minutes(-1, 150) and session.minutes == 3
    short = surfing(minutes=1)
    assert not short.change_minutes(-1, 0) and short.minutes == 1
    long = surfing(minutes=120)
    assert not long.change_minutes(+1, 0) and long.minutes == 120
    assert UrgeSession(minutes=0).minutes == 1 and UrgeSession(minutes=999).minutes == 120


def test_abandon_keeps_the_ratings_and_ends_as_abandoned() -> None:
    session = surfing()
    assert session.rate(5, 130)
    assert session.abandon(200)
    assert session.outcome == "abandoned" and session.done
    assert session.ratings == [(0, 8), (130, 5)]
    assert not session.abandon(300)  # once is enough


def test_abandon_before_any_rating_saves_nothing() -> None:
    assert not UrgeSession().abandon(0)


def test_interrupt_keeps_the_session_as_it_stands_without_an_outcome() -> None:
    session = surfing()
    assert session.rate(5, 130)
    assert session.interrupt(200)
    # Nobody chose to stop: no outcome, not "stopped early", the time surfed is kept.
    assert session.outcome is None and not session.done
    assert session.elapsed(500) == 200 and session.ratings == [(0, 8), (130, 5)]
    assert not session.interrupt(300)  # once is enough
    assert not UrgeSession().interrupt(0)  # nothing rated, nothing to keep


def test_an_interrupted_session_is_saved_with_its_end_time(
    store: Store, clock: FrozenClock
) -> None:
    session = surfing()
    save_session(store, session, clock.now())
    session.interrupt(90)
    save_session(store, session, clock.now() + timedelta(minutes=2))
    [(_, doc)] = list(store.docs("urges"))
    assert doc["outcome"] is None
    assert doc["ended_at"] == (clock.now() + timedelta(minutes=2)).isoformat()


def test_made_contact_asks_kind_then_feeling() -> None:
    session = surfing()
    session.end_early(10)
    session.skip_rating(10)
    assert session.step is Step.OUTCOME
    assert session.choose_outcome("made_contact")
    assert session.step is Step.CONTACT_KIND and session.outcome is None
    assert session.choose_contact_kind("i_replied")
    assert not session.choose_felt(6)
    assert session.choose_felt(4)
    assert session.outcome == "made_contact" and session.felt_after == 4 and session.done


def test_unknown_outcome_is_refused() -> None:
    session = surfing()
    session.end_early(10)
    session.rate(2, 10)
    assert not session.choose_outcome("texted")
    assert session.step is Step.OUTCOME


MOVES = {
    "pause": ("toggle_pause",),
    "plus": ("change_minutes", 1),
    "minus": ("change_minutes", -1),
    "rate": ("rate", 5),
    "skip": ("skip_rating",),
    "tick": ("tick",),
}


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["wait", "pause", "plus", "minus", "rate", "skip", "tick"]),
            st.floats(0, 400),
        )
    )
)
def test_any_key_sequence_keeps_the_session_sound(moves: list[tuple[str, float]]) -> None:
    session = surfing()
    t = 0.0
    before = 0.0
    for move, step in moves:
        t += step
        if move != "wait":
            getattr(session, MOVES[move][0])(*MOVES[move][1:], t)
        elapsed = session.elapsed(t)
        assert elapsed >= before  # the timer never runs backwards
        before = elapsed
        assert session.remaining(t) >= 0 and 1 <= session.minutes <= 120
        if session.step is Step.LAND_RATE:
            assert elapsed <= session.minutes * 60  # it stops at its end
        if move == "tick" and session.step is Step.SURF:
            assert session.paused or session.remaining(t) > 0
    seconds = [s for s, _ in session.ratings]
    assert seconds == sorted(seconds)
    assert all(0 <= v <= 10 for _, v in session.ratings)


def test_next_rating_after() -> None:
    assert next_rating_after(0) == 120
    assert next_rating_after(119.9) == 120
    assert next_rating_after(120) == 240


def test_countdown_and_breath() -> None:
    assert countdown(600) == "10:00"
    assert countdown(59.2) == "01:00"  # rounded up: 00:00 only when it is really over
    assert countdown(-5) == "00:00"
    assert breath_at(0).inhaling and breath_at(0).fullness == 0
    assert breath_at(4).inhaling is False and breath_at(4).fullness == 1
    assert breath_at(7).fullness == pytest.approx(0.5)
    assert breath_at(10) == breath_at(0)  # six breaths a minute


# -- saving ---------------------------------------------------------------------------


def test_save_session_inserts_once_then_updates(store: Store, clock: FrozenClock) -> None:
    session = UrgeSession()
    session.rate(8, 0)
    first = save_session(store, session, clock.now())
    session.choose_trap("guilt")
    clock.advance(90)
    assert save_session(store, session, clock.now()) == first
    session.start_surf("hello", 0)
    session.abandon(30)
    clock.advance(30)
    save_session(store, session, clock.now())
    saved = json.loads(store.path.read_text())["urges"]
    assert list(saved) == [str(first)]
    doc = saved[str(first)]
    assert doc["started_at"] == NOW.isoformat()
    assert doc["ended_at"] == (NOW + timedelta(seconds=120)).isoformat()
    assert doc["ratings"] == [[0, 8]]
    assert doc["trigger"] == "guilt" and doc["say"] == "hello" and doc["outcome"] == "abandoned"
    assert doc["minutes"] == 15
    [urge] = list_urges(store)
    assert urge.minutes_taken == 2


def test_a_failed_write_is_not_saved_twice(
    store: Store, clock: FrozenClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = UrgeSession()
    session.rate(8, 0)

    def disk_full(path: Path, data: bytes) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("nocontact_tui.journal.store.atomic_write", disk_full)
    with pytest.raises(WriteError):
        save_session(store, session, clock.now())
    monkeypatch.undo()
    session.choose_trap(None)
    save_session(store, session, clock.now())
    assert len(list(store.docs("urges"))) == 1


def test_saved_sessions_load_back_in_a_fresh_store(
    db_path: Path, store: Store, clock: FrozenClock
) -> None:
    session = surfing()
    session.rate(4, 120)
    save_session(store, session, clock.now())
    store.close()
    with Store.open(db_path, today=NOW.date()) as again:
        [urge] = list_urges(again)
    assert urge.ratings == ((0, 8), (120, 4)) and urge.outcome is None and urge.say == "I miss you"


# -- evidence -------------------------------------------------------------------------


def urge(n: int, outcome: str | None, ratings: tuple[tuple[int, int], ...], minutes: float) -> Urge:
    start = NOW - timedelta(days=n)
    return Urge(
        id=n,
        started_at=start,
        ended_at=start + timedelta(minutes=minutes),
        ratings=ratings,
        outcome=outcome,
    )


def contact(n: int, felt: int | None) -> Contact:
    return Contact(id=n, at=NOW - timedelta(days=n), kind="i_reached_out", felt_after=felt)


def test_evidence_figures() -> None:
    urges = [
        urge(1, "surfed", ((0, 8), (120, 5), (600, 3)), 11),
        urge(2, "surfed", ((0, 9), (600, 2)), 12),
        urge(3, "wrote_letter", ((0, 6), (300, 4)), 7),
        urge(4, "made_contact", ((0, 10),), 3),
        urge(5, "abandoned", ((0, 7),), 1),  # left early: not counted
        Urge(id=6, started_at=NOW, ratings=((0, 5),)),  # still open (a killed session)
        urge(7, "surfed", ((0, 9),), 20),  # one rating: counts as passed, not for strength
    ]
    contacts = [contact(1, 5), contact(2, 4), contact(3, 2), contact(4, None)]
    evidence = compute_evidence(urges, contacts)
    assert evidence == Evidence(
        finished=5,
        surfed=4,
        median_minutes=11.5,
        median_first=8,
        median_last=3,
        median_drop=5,  # drops 5, 7, 2
        ended_in_contact=1,
        contacts_felt=3,
        contacts_worse=2,
        rated=3,
    )
    assert evidence.enough and evidence.contact_share == 0.2
    assert evidence_lines(evidence) == [
        "You have ridden out 4 urges so far, and every one of them passed.",
        "An urge you rode out usually took about 12 minutes to pass.",
        "Their strength usually fell from about 8 to about 3 by the end.",
    ]


def test_evidence_before_three_urges_ridden_out_says_what_it_will_show() -> None:
    evidence = compute_evidence([urge(1, "surfed", ((0, 8), (60, 2)), 5)] * 2, [contact(1, 5)])
    assert not evidence.enough
    assert evidence_lines(evidence) == [line("urge", "evidence_none")]
    assert compute_evidence([], []) == Evidence()
    # Contact does not count towards "enough": it is about urges that passed.
    with_contact = [urge(1, "surfed", ((0, 8), (60, 2)), 5)] + [
        urge(n, "made_contact", ((0, 9),), 3) for n in (2, 3, 4)
    ]
    assert evidence_lines(compute_evidence(with_contact, [])) == [line("urge", "evidence_none")]


def test_the_surf_never_shows_the_contact_share_or_how_contact_felt() -> None:
    urges = [urge(n, "surfed", ((0, 8), (60, 3)), 5) for n in range(3)] + [
        urge(n, "made_contact", ((0, 9),), 3) for n in range(3, 9)
    ]
    evidence = compute_evidence(urges, [contact(1, 5), contact(2, 5)])
    assert evidence.ended_in_contact == 6 and evidence.contacts_worse == 2
    lines = evidence_lines(evidence)
    assert lines and not any("contact" in text_line.casefold() for text_line in lines)
    assert not any("9" in text_line for text_line in lines)  # "6 of your last 9 urges" is gone
    plan = surf_prompts([], None, evidence)
    assert not any("contact" in p.text.casefold() for p in plan if p.kind == "evidence")


def test_surf_wording_follows_the_direction_of_change() -> None:
    def lines_for(first: int, last: int) -> list[str]:
        urges = [urge(n, "surfed", ((0, first), (600, last)), 10) for n in range(3)]
        return evidence_lines(compute_evidence(urges, []))

    assert lines_for(8, 3)[-1] == "Their strength usually fell from about 8 to about 3 by the end."
    for first, last in ((3, 6), (5, 5)):  # rose or stayed: the surf says nothing about strength
        lines = lines_for(first, last)
        assert len(lines) == 2 and not any("strength" in text_line for text_line in lines), lines


def test_typical_ratings_are_whole_numbers_and_the_direction_is_read_from_them() -> None:
    halves = [urge(n, "surfed", ((0, 7 + n % 2), (60, 3)), 5) for n in range(4)]
    evidence = compute_evidence(halves, [])
    assert evidence.median_first == 7.5
    assert strength_change(evidence) == StrengthChange(8, 3, "fell")
    assert "from about 8 to about 3" in evidence_lines(evidence)[-1]
    # 4.6 and 4.5 are both about 5: no fall to claim, though the medians differ.
    close = [
        urge(0, "surfed", ((0, 5), (60, 4)), 5),
        urge(1, "surfed", ((0, 4), (60, 5)), 5),
        urge(2, "surfed", ((0, 5), (60, 5)), 5),
        urge(3, "surfed", ((0, 5), (60, 4)), 5),
    ]
    change = strength_change(compute_evidence(close, []))
    assert change == StrengthChange(5, 5, "same")


def test_minutes_have_their_one_form() -> None:
    quick = [urge(n, "surfed", ((0, 7), (30, 3)), 0.4) for n in range(3)]
    assert evidence_lines(compute_evidence(quick, []))[1] == (
        "An urge you rode out usually took about a minute to pass."
    )


# Each urge: an outcome, a first and a last rating (or one only), and how long it took.
urge_logs = st.lists(
    st.tuples(
        st.sampled_from(["surfed", "wrote_letter", "made_contact", "abandoned", None]),
        st.integers(0, 10),
        st.one_of(st.none(), st.integers(0, 10)),
        st.floats(0, 90),
    ),
    max_size=12,
)


def built(log: list[tuple[str | None, int, int | None, float]]) -> list[Urge]:
    return [
        urge(n, outcome, ((0, first),) if last is None else ((0, first), (60, last)), minutes)
        for n, (outcome, first, last, minutes) in enumerate(log)
    ]


@given(urge_logs, st.lists(st.one_of(st.none(), st.integers(1, 5)), max_size=6))
def test_any_log_gives_honest_plain_words(
    log: list[tuple[str | None, int, int | None, float]], felt: list[int | None]
) -> None:
    evidence = compute_evidence(built(log), [contact(n, f) for n, f in enumerate(felt)])
    surf = evidence_lines(evidence)
    streak = urge_lines(evidence)
    for text_line in surf + streak:
        assert not re.search(r"\d[.,]\d", text_line), text_line  # no decimals
        assert not re.search(r"\b1 (minutes|urges|contacts)\b", text_line), text_line  # one-forms
        assert "median" not in text_line and "-" not in text_line, text_line
    assert not any("contact" in text_line.casefold() for text_line in surf)
    change = strength_change(evidence)
    for text_line in surf + streak:
        if "fell" in text_line:
            assert change is not None and change.end < change.start, text_line
    if change is not None and change.end >= change.start:
        assert not any("fell" in text_line for text_line in surf + streak)


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ({5: 1}, "After the one contact you logged, you felt worse."),
        ({2: 1}, "The one contact you logged did not leave you feeling worse."),
        ({1: 2}, "None of the 2 contacts you logged left you feeling worse."),
        ({4: 1, 3: 2}, "After 1 of the 3 contacts you logged, you felt worse."),
    ],
)
def test_how_contact_felt_has_its_one_forms(counts: dict[int, int], expected: str) -> None:
    assert felt_worse_line(FeltFigures(dict.fromkeys(range(1, 6), 0) | counts)) == expected


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        (8, 3, "Their strength usually fell from about 8 to about 3."),
        (
            3,
            6,
            "Their strength usually began near 3 and ended near 6, and you rode them out all the same.",
        ),
        (
            5,
            5,
            "Their strength usually ended about where it began, near 5, and you rode them out all the same.",
        ),
    ],
)
def test_the_streak_view_says_the_direction_honestly(first: int, last: int, expected: str) -> None:
    urges = [urge(n, "surfed", ((0, first), (600, last)), 1.2) for n in range(3)]
    urges.append(urge(9, "made_contact", ((0, 9),), 3))
    assert urge_lines(compute_evidence(urges, [])) == [
        "Urges ridden out: 3. Ended in contact: 1.",
        "An urge you rode out usually lasted about a minute.",
        expected,
    ]


def test_the_streak_view_waits_for_three_urges_before_typical_figures() -> None:
    two = [urge(n, "surfed", ((0, 8), (600, 2)), 10) for n in range(2)]
    lines = urge_lines(compute_evidence(two, []))
    assert lines == [
        "Urges ridden out: 2. Ended in contact: 0.",
        line("streak", "evidence", "soon"),
    ]
    assert urge_lines(Evidence()) == [line("streak", "evidence", "urges_none")]


def test_a_clock_that_moved_backwards_never_gives_a_negative_duration() -> None:
    backwards = Urge(
        id=1, started_at=NOW, ended_at=NOW - timedelta(hours=1), outcome="surfed", ratings=((0, 5),)
    )
    assert backwards.minutes_taken == 0


def test_status_json_includes_the_evidence(set_up_store: Store, clock: FrozenClock) -> None:
    for minutes, (first, last) in zip((10, 12, 14), ((8, 3), (9, 2), (7, 4)), strict=True):
        session = surfing(rating=first)
        save_session(set_up_store, session, clock.now())
        session.end_early(minutes * 60)
        session.rate(last, minutes * 60)
        session.choose_outcome("surfed")
        clock.advance(minutes * 60)
        save_session(set_up_store, session, clock.now())
    log_contact(set_up_store, "i_replied", clock.now(), now=clock.now(), felt_after=5)
    data = status_json(compute_status(set_up_store, clock.now(), BERLIN, with_evidence=True))
    assert data["evidence"] == {
        "finished": 3,
        "surfed": 3,
        "median_minutes": 12.0,
        "median_first": 8.0,
        "median_last": 3.0,
        "median_drop": 5.0,
        "ended_in_contact": 0,
        "contact_share": 0.0,
        "contacts_felt": 1,
        "contacts_felt_worse": 1,
    }
    set_up_store.close()
    result = run_cli("status", "--json", db=set_up_store.path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["evidence"]["surfed"] == 3


# -- the rotating prompts -------------------------------------------------------------


def test_prompt_plan_rotates_every_kind_and_skips_empty_ones() -> None:
    plan = prompt_plan(
        ["b1", "b2", "b3"], ["n1"], ["w1"], reasons=["r1", "r2"], trap="card", evidence=["e1"]
    )
    kinds = [p.kind for p in plan]
    assert kinds[:7] == ["body", "naming", "reason", "wave", "trap", "body", "evidence"]
    assert {p.text for p in plan if p.kind == "reason"} == {"r1", "r2"}
    assert all(20 <= p.seconds <= 30 for p in plan)
    bare = prompt_plan(["b1"], ["n1"], ["w1"])
    assert {p.kind for p in bare} == {"body", "naming", "wave"}


def test_prompt_at_follows_the_clock_and_repeats() -> None:
    plan = prompt_plan(["b1", "b2"], ["n1"], ["w1"])
    assert prompt_at(plan, 0).text == "b1"
    assert prompt_at(plan, 19.9).text == "b1"
    assert prompt_at(plan, 20).text == "n1"
    cycle = sum(p.seconds for p in plan)
    assert prompt_at(plan, cycle + 1).text == "b1"
    assert prompt_at([], 5) is None


def test_ratings_out_of_bounds_are_refused() -> None:
    session = UrgeSession()
    assert not session.rate(11, 0) and not session.rate(-1, 0)
    assert session.ratings == [] and session.step is Step.RATE
