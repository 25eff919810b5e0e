"""Insights from the person's own log: every figure from frozen data, and the minimums.

Nothing is claimed below a stated minimum; typical values are whole numbers; the
words read their direction from the numbers they show.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from conftest import BERLIN
from hypothesis import given
from hypothesis import strategies as st

from nocontact_tui.domain import insights as ins
from nocontact_tui.domain import insights_words as said
from nocontact_tui.domain.contacts import Contact
from nocontact_tui.domain.reviews import Review, skills
from nocontact_tui.domain.urges import Urge
from nocontact_tui.journal.store import Store

TODAY = date(2026, 11, 21)  # a Saturday
LABELS = skills()


def at(day: date, hour: int = 20, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=BERLIN)


def urge(
    moment: datetime,
    peak: int | None = 7,
    outcome: str | None = "surfed",
    trigger: str | None = None,
    n: int = 0,
) -> Urge:
    ratings = () if peak is None else ((0, peak), (120, max(0, peak - 3)))
    return Urge(id=n, started_at=moment, trigger=trigger, ratings=ratings, outcome=outcome)


def dated(urges: list[Urge]) -> list[tuple[date, Urge]]:
    return [(u.started_at.date(), u) for u in urges]


# -- typical values --------------------------------------------------------------------


@given(st.lists(st.integers(0, 10), min_size=1, max_size=40))
def test_typical_is_the_median_as_a_whole_number_on_the_scale(values: list[int]) -> None:
    result = ins.typical(values)
    assert isinstance(result, int) and 0 <= result <= 10
    assert abs(result - statistics.median(values)) <= 0.5


def test_typical_rounds_halves_up_and_says_nothing_of_nothing() -> None:
    assert ins.typical([7, 8]) == 8
    assert ins.typical([2, 3]) == 3
    assert ins.typical([]) is None


# -- is it getting easier? ------------------------------------------------------------


def test_no_chart_below_two_whole_weeks_and_the_days_still_needed() -> None:
    first = TODAY - timedelta(days=9)  # ten days logged
    trend = ins.trend(dated([urge(at(first))]), first, TODAY)
    assert trend.weeks == ()
    assert trend.days_logged == 10 and trend.days_to_chart == 4
    assert trend.first is None and trend.days_to_compare == 18
    assert said.chart_waiting(trend, False) == (
        "The weekly chart starts once your log covers two whole weeks: 4 more days."
    )
    one = ins.trend([], TODAY - timedelta(days=12), TODAY)
    assert str(said.chart_waiting(one, False)).endswith("1 more day.")
    hidden = said.chart_waiting(trend, True)
    assert hidden is not None and not any(ch.isdigit() for ch in hidden)


def test_weeks_end_today_and_a_part_week_at_the_start_is_left_out() -> None:
    first = TODAY - timedelta(days=16)  # 17 days: two whole weeks and three days
    urges = [
        urge(at(first), 9),  # in the part-week: not drawn
        urge(at(TODAY - timedelta(days=13)), 8),
        urge(at(TODAY - timedelta(days=12)), 6),
        urge(at(TODAY - timedelta(days=8)), 7),
        urge(at(TODAY), 3),
        urge(at(TODAY - timedelta(days=6)), None),  # no rating: counted, not in strength
    ]
    trend = ins.trend(dated(urges), first, TODAY)
    assert [(w.start, w.end) for w in trend.weeks] == [
        (TODAY - timedelta(days=13), TODAY - timedelta(days=7)),
        (TODAY - timedelta(days=6), TODAY),
    ]
    assert [w.urges for w in trend.weeks] == [3, 2]
    assert [w.rated for w in trend.weeks] == [3, 1]
    # Three rated urges give a typical strength; one does not.
    assert [w.typical for w in trend.weeks] == [7, None]


def test_first_and_latest_month_side_by_side_with_eight_weeks() -> None:
    first = TODAY - timedelta(days=69)  # ten weeks logged
    urges = [urge(at(first + timedelta(days=d)), 8) for d in range(0, 28, 2)]  # 14 urges
    urges += [urge(at(TODAY - timedelta(days=d)), 4) for d in range(0, 28, 7)]  # 4 urges
    trend = ins.trend(dated(urges), first, TODAY)
    assert trend.first is not None and trend.latest is not None
    assert (trend.first.start, trend.first.end) == (first, first + timedelta(days=27))
    assert (trend.latest.start, trend.latest.end) == (TODAY - timedelta(days=27), TODAY)
    assert (trend.first.urges, trend.first.per_week, trend.first.typical) == (14, 4, 8)
    assert (trend.latest.urges, trend.latest.per_week, trend.latest.typical) == (4, 1, 4)
    assert said.period_title(trend.first, True) == "First month"
    assert said.compare_lines(trend.first, trend.latest) == [
        "Your latest weeks held fewer urges a week than your first.",
        "At their strongest they were typically milder: 8 then, 4 lately.",
    ]


def test_a_shorter_log_compares_whole_weeks_each_never_overlapping() -> None:
    first = TODAY - timedelta(days=44)  # 45 days: three weeks each
    trend = ins.trend([], first, TODAY)
    assert trend.first is not None and trend.latest is not None
    assert trend.first.weeks == trend.latest.weeks == 3
    assert trend.first.end < trend.latest.start
    assert said.period_title(trend.latest, False) == "Latest 3 weeks"


def test_no_comparison_below_four_weeks_and_no_strength_below_three_rated() -> None:
    first = TODAY - timedelta(days=26)
    assert ins.trend([], first, TODAY).first is None
    first = TODAY - timedelta(days=27)  # exactly four weeks: two each
    urges = [urge(at(first), 9), urge(at(first + timedelta(days=1)), 9)]
    urges += [urge(at(TODAY - timedelta(days=d)), 9) for d in range(3)]
    trend = ins.trend(dated(urges), first, TODAY)
    assert trend.first is not None and trend.latest is not None
    assert trend.first.typical is None and trend.latest.typical == 9
    lines = said.compare_lines(trend.first, trend.latest)
    assert lines[1] == "Their strength is compared once each side holds 3 rated urges."


@given(
    st.integers(1, 400),
    st.lists(st.tuples(st.integers(0, 400), st.integers(0, 10)), max_size=60),
)
def test_the_periods_never_overlap_and_hold_only_their_own_urges(
    days: int, points: list[tuple[int, int]]
) -> None:
    first = TODAY - timedelta(days=days - 1)
    urges = [
        urge(at(TODAY - timedelta(days=back)), peak, n=n)
        for n, (back, peak) in enumerate(points)
        if back < days
    ]
    trend = ins.trend(dated(urges), first, TODAY)
    assert sum(w.urges for w in trend.weeks) <= len(urges)
    if days >= 14:
        assert len(trend.weeks) == days // 7
    if trend.first is not None and trend.latest is not None:
        assert trend.first.end < trend.latest.start
        assert 2 <= trend.first.weeks <= 4 and trend.first.weeks == trend.latest.weeks
    else:
        assert days < 28


def test_the_direction_of_a_change_is_read_from_the_numbers_shown() -> None:
    def period(urges: int, typical: int | None) -> ins.Period:
        start = date(2026, 1, 1)
        return ins.Period(start, start, 4, urges, urges, typical)

    # 8 and 9 urges in four weeks are both "about 2 a week": said as about as many.
    assert said.compare_lines(period(8, 6), period(9, 6)) == [
        "Your latest weeks held about as many urges a week as your first.",
        "At their strongest they were typically about as strong as at first, near 6.",
    ]
    assert said.compare_lines(period(4, 5), period(12, 7))[1] == (
        "At their strongest they were typically stronger: 5 then, 7 lately."
    )
    assert said.compare_lines(period(4, 5), period(12, 7))[0].startswith(
        "Your latest weeks held more urges"
    )


# -- when does it hit? ----------------------------------------------------------------


def test_the_grid_counts_by_the_persons_day_and_the_local_hour() -> None:
    sunday = date(2026, 11, 15)
    urges = [
        urge(at(sunday, 21)),  # Sunday evening
        urge(at(sunday + timedelta(days=1), 1, 30)),  # Monday 01:30: still Sunday's day, night
        urge(at(sunday + timedelta(days=1), 9)),  # Monday morning
        urge(at(sunday, 13)),  # Sunday afternoon
    ]
    figures = ins.when(urges, day_starts_at=4, tz=BERLIN)
    assert figures.grid[6] == (1, 0, 1, 1)
    assert figures.grid[0] == (0, 1, 0, 0)
    assert figures.total == 4 and figures.urges_to_go == 6
    assert figures.hardest is None
    assert said.hardest_line(figures) == (
        "The hardest time is named once 10 urges are logged: 6 more to go."
    )


def test_the_hardest_slot_needs_ten_urges_three_in_it_and_no_tie() -> None:
    sunday = date(2026, 11, 15)
    evenings = [urge(at(sunday - timedelta(weeks=w), 21)) for w in range(4)]
    spread = [urge(at(sunday - timedelta(days=d), 10)) for d in range(1, 7)]
    figures = ins.when(evenings + spread, 4, BERLIN)
    assert figures.total == 10 and figures.hardest == (6, 3)
    assert said.hardest_line(figures) == (
        "On your logged days, urges came most often on Sunday evenings: 4 of 10."
    )
    tie = [urge(at(date(2026, 11, 14) - timedelta(weeks=w), 21)) for w in range(4)]
    assert ins.when(evenings + spread + tie, 4, BERLIN).hardest is None
    # Ten urges, but no slot holds three.
    thin = [urge(at(sunday - timedelta(days=d), 21)) for d in range(10)]
    figures = ins.when(thin, 4, BERLIN)
    assert figures.hardest is None
    assert said.hardest_line(figures).startswith("No one time stands out yet")


@given(st.lists(st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2030, 1, 1))))
def test_every_urge_lands_in_exactly_one_cell(moments: list[datetime]) -> None:
    urges = [urge(m.replace(tzinfo=BERLIN)) for m in moments]
    figures = ins.when(urges, 4, BERLIN)
    assert figures.total == len(urges) == sum(map(sum, figures.grid))
    assert len(figures.grid) == 7 and all(len(row) == 4 for row in figures.grid)


# -- what helps? ----------------------------------------------------------------------


def reviews_with(
    ticked: Mapping[int, tuple[str, ...]], days: int, mood: Any, strongest: Any
) -> list[Review]:
    return [
        Review(
            day=TODAY - timedelta(days=d),
            mood=mood(d),
            strongest_urge=strongest(d),
            helped=ticked.get(d, ()),
        )
        for d in range(days)
    ]


def test_what_helps_sets_days_with_and_without_side_by_side_past_five_each() -> None:
    outside = {d: ("outside",) for d in range(0, 12, 2)}  # six days with it
    reviews = reviews_with(
        outside,
        12,
        mood=lambda d: 4 if d % 2 == 0 else 2,
        strongest=lambda d: 3 if d % 2 == 0 else 7,
    )
    figures = ins.helps(ins.day_logs(reviews, [], TODAY), LABELS)
    by_id = {f.id: f for f in figures}
    went_out = by_id["outside"]
    assert went_out.enough
    assert went_out.with_it == ins.Side(days=6, urge=3, mood=4)
    assert went_out.without == ins.Side(days=6, urge=7, mood=2)
    assert said.help_lines(went_out) == [
        "with it, 6 days: urge 3 · mood 4 steady",
        "without, 6 days: urge 7 · mood 2 low",
    ]
    # Surfing has its row first whenever there are reviews; never ticked here, so it waits.
    assert figures[0].id == ins.SURFING and not figures[0].enough
    assert said.help_lines(figures[0]) == ["5 more days with it are needed to compare."]
    # Things never ticked are left out.
    assert "breathing" not in by_id


def test_below_five_days_on_either_side_nothing_is_compared() -> None:
    talked = {d: ("talked",) for d in range(4)}
    reviews = reviews_with(talked, 20, mood=lambda d: 3, strongest=lambda d: 5)
    figure = next(
        f for f in ins.helps(ins.day_logs(reviews, [], TODAY), LABELS) if f.id == "talked"
    )
    assert not figure.enough and figure.with_it.days_to_go == 1
    assert said.help_lines(figure) == ["1 more day with it is needed to compare."]
    everyday = {d: ("talked",) for d in range(17)}
    reviews = reviews_with(everyday, 20, mood=lambda d: 3, strongest=lambda d: 5)
    figure = next(
        f for f in ins.helps(ins.day_logs(reviews, [], TODAY), LABELS) if f.id == "talked"
    )
    assert said.help_lines(figure) == ["2 more days without it are needed to compare."]


def test_a_side_without_enough_answers_shows_no_typical_value() -> None:
    outside = {d: ("outside",) for d in range(6)}
    reviews = reviews_with(outside, 12, mood=lambda d: 4 if d < 2 else None, strongest=lambda d: 5)
    figure = next(
        f for f in ins.helps(ins.day_logs(reviews, [], TODAY), LABELS) if f.id == "outside"
    )
    assert figure.enough and figure.with_it.mood is None and figure.with_it.urge == 5
    assert said.help_lines(figure)[0] == "with it, 6 days: urge 5 · mood —"


def test_surfing_days_come_from_the_urge_log_and_the_strongest_urge_falls_back_to_it() -> None:
    reviews = [Review(day=TODAY - timedelta(days=d), mood=3) for d in range(3)]
    urges = [
        urge(at(TODAY), 8, "surfed"),
        urge(at(TODAY - timedelta(days=1)), 6, "made_contact"),
        urge(at(TODAY - timedelta(days=1), 9), 9, "abandoned"),
    ]
    logs = {log.day: log for log in ins.day_logs(reviews, dated(urges), TODAY)}
    assert ins.SURFING in logs[TODAY].ticked
    assert ins.SURFING not in logs[TODAY - timedelta(days=1)].ticked
    assert logs[TODAY].urge == 8 and logs[TODAY - timedelta(days=1)].urge == 9
    assert logs[TODAY - timedelta(days=2)].urge is None
    # A review's own answer wins over the log.
    answered = [Review(day=TODAY, strongest_urge=2)]
    assert ins.day_logs(answered, dated(urges), TODAY)[0].urge == 2


# -- traps and contact ----------------------------------------------------------------


def test_each_trap_lists_how_its_urges_ended_past_three() -> None:
    urges = [
        urge(at(TODAY), outcome=o, trigger="loneliness")
        for o in ("surfed", "surfed", "wrote_letter", "made_contact", "abandoned", None)
    ]
    urges += [urge(at(TODAY), trigger="closure") for _ in range(2)]
    urges += [urge(at(TODAY), trigger="nostalgia") for _ in range(3)]
    shown, fewer = ins.trap_outcomes(urges, {"loneliness": "Feeling alone"})
    assert [t.trap for t in shown] == ["loneliness", "nostalgia"]
    assert shown[0].name == "Feeling alone" and shown[0].urges == 6
    assert shown[0].outcomes == {"rode_out": 2, "letter": 1, "contact": 1, "stopped": 1, "open": 1}
    assert fewer == 1
    assert said.outcome_text(shown[1].outcomes) == "rode it out 3"
    assert said.traps_fewer_line(1) == "1 other trap came up fewer than 3 times."


def test_after_contact_by_kind_with_a_typical_feeling_past_three() -> None:
    def contact(kind: str, felt: int | None) -> Contact:
        return Contact(id=0, at=at(TODAY), kind=kind, felt_after=felt)

    figures = ins.after_contact(
        [
            contact("checked_socials", 4),
            contact("i_replied", 5),
            contact("checked_socials", 5),
            contact("checked_socials", None),
            contact("checked_socials", 3),
        ]
    )
    assert [f.kind for f in figures] == ["i_replied", "checked_socials", ins.ALL_KINDS]
    replied, looked, every = figures
    assert (replied.logged, replied.rated, replied.typical, replied.felt_to_go) == (1, 1, None, 2)
    assert (looked.logged, looked.rated, looked.typical) == (4, 3, 4)
    assert looked.felt == (0, 0, 1, 1, 1)
    assert (every.logged, every.rated, every.typical) == (5, 4, 5)
    assert said.contact_line(looked) == (
        "I looked at their profile: 4 logged; afterwards you typically felt 4 · a bit stirred up"
    )
    assert said.contact_line(replied).endswith("(2 more)")
    assert ins.after_contact([contact("met", 2)])[-1].kind == "met"  # one kind: no total row


# -- letters re-read --------------------------------------------------------------------


def letter(*reads: tuple[str, int]) -> dict[str, Any]:
    return {"rereads": [{"at": f"{when}T20:00:00+01:00", "reads": r} for when, r in reads]}


def test_rereads_are_nothing_without_any_and_say_how_many_more_below_three() -> None:
    assert ins.rereads([(1, {"title": "x"}), (2, {"rereads": []})]) is None
    figures = ins.rereads([(1, letter(("2026-10-01", 2)))])
    assert figures is not None and not figures.enough and figures.typical is None
    assert said.reread_lines(figures) == [
        "How your letters read over time shows after 3 re-readings: 2 more to go."
    ]


def test_rereads_over_time_in_order_with_halves_past_six() -> None:
    letters = [
        (1, letter(("2026-09-01", 2), ("2026-10-01", 3), ("2026-11-01", 5))),
        (2, letter(("2026-09-15", 1), ("2026-10-15", 4), ("2026-11-15", 5))),
        (
            3,
            {"rereads": [{"at": "not a date", "reads": 3}, {"at": "2026-11-02T10:00", "reads": 9}]},
        ),
    ]
    figures = ins.rereads(letters)
    assert figures is not None
    assert [r.reads for r in figures.reads] == [2, 1, 3, 4, 5, 5]
    assert figures.letters == 2 and figures.typical == 4
    assert (figures.earlier, figures.later) == (2, 5)
    lines = said.reread_lines(figures)
    assert lines[0].startswith("6 re-readings of 2 letters")
    assert lines[-1] == "Your earlier re-readings typically read 2; your later ones, 5."
    three = ins.rereads([(1, letter(("2026-09-01", 2), ("2026-10-01", 3), ("2026-11-01", 5)))])
    assert three is not None and three.enough and three.earlier is None
    assert said.reread_lines(three)[0].startswith("3 re-readings of one letter")


# -- everything, from a journal -------------------------------------------------------


def test_from_a_journal_and_as_json(store: Store) -> None:
    first = TODAY - timedelta(days=40)
    for d in range(0, 41, 2):
        moment = at(first + timedelta(days=d), 21)
        store.insert(
            "urges",
            {
                "started_at": moment.isoformat(),
                "ended_at": (moment + timedelta(minutes=10)).isoformat(),
                "trigger": "loneliness",
                "ratings": [[0, 8 if d < 20 else 4], [120, 2]],
                "outcome": "surfed",
            },
        )
    store.insert("reviews", {"day": TODAY.isoformat(), "mood": 4, "helped": ["outside"]})
    store.insert("reviews", {"day": (TODAY + timedelta(days=1)).isoformat(), "mood": 4})
    store.insert("contacts", {"at": at(TODAY, 22).isoformat(), "kind": "met", "felt_after": 4})
    store.insert("letters", {"title": "x", "body": "y", **letter(("2026-11-01", 3))})
    found = ins.insights_for(store, TODAY, 4, BERLIN)
    assert found.urges == 21 and found.reviews == 1  # a review dated after today is left out
    assert found.trend.first is not None and found.trend.first.typical == 8
    assert found.trend.latest is not None and found.trend.latest.typical == 4
    assert found.traps[0].outcomes["rode_out"] == 21
    assert found.rereads is not None and len(found.rereads.reads) == 1
    data = ins.insights_json(found)
    assert data["today"] == "2026-11-21" and data["minimums"]["days_with_and_without"] == 5
    assert data["trend"]["first"]["typical"] == 8 and data["trend"]["days_logged"] == 41
    assert data["slots"] == ["night", "morning", "afternoon", "evening"]
    assert "days_logged" not in ins.insights_json(found, hide_count=True)["trend"]
    lines = said.report_lines(found)
    assert "Is it getting easier?" in lines and "Letters re-read" in lines
    assert not re.search(r"\d[.,]\d", "\n".join(lines))  # no decimals anywhere


def test_an_empty_journal_says_so_once(store: Store) -> None:
    found = ins.insights_for(store, TODAY, 4, BERLIN)
    assert said.report_lines(found) == [
        "What your log shows",
        "",
        "Nothing logged yet. Urges you ride out on the urge screen (u), daily reviews (d)"
        " and contacts (c) build this page, a little at a time.",
    ]


@pytest.mark.parametrize("hide", [False, True])
def test_with_the_count_hidden_no_line_says_how_many_days_the_log_covers(hide: bool) -> None:
    found = ins.compute_insights(
        [urge(at(TODAY - timedelta(days=3)))], [], [], [], TODAY, 4, BERLIN
    )
    text = "\n".join(said.report_lines(found, hide_count=hide))
    assert ("more days" in text) is not hide


def test_the_times_of_day_are_six_hours_each() -> None:
    assert [ins.slot_of(h) for h in (0, 5, 6, 11, 12, 17, 18, 23)] == [0, 0, 1, 1, 2, 2, 3, 3]
    assert [first for first, _ in ins.SLOTS] == [0, 6, 12, 18]
    assert ins.peak(urge(at(TODAY), 6)) == 6 and ins.peak(urge(at(TODAY), None)) is None
