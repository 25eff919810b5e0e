"""`nocontact insights [--json]`: what the person's own log shows, printed in the shell.

Never imports Textual: the figures and their words come from the domain, as on the
insights screen, so the shell and the screen say the same thing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from nocontact_tui.cli.common import add_command, now, open_store

if TYPE_CHECKING:
    from nocontact_tui.cli.common import Commands

HELP = "what your own log shows: urges over time, when they come, what goes with better days"


def add_parser(commands: Commands) -> None:
    insights = add_command(commands, "insights", HELP)
    insights.add_argument("--json", action="store_true", help="print JSON for scripts")


def run(path: Path, args: argparse.Namespace) -> int:
    from nocontact_tui.domain.days import day_of
    from nocontact_tui.domain.insights import compute_insights, insights_for, insights_json
    from nocontact_tui.domain.insights_words import report_lines
    from nocontact_tui.domain.settings import Settings, read_settings

    moment = now()
    if path.exists():
        with open_store(path, write=False) as store:
            settings = read_settings(store)
            today = day_of(moment, settings.day_starts_at)
            insights = insights_for(store, today, settings.day_starts_at)
    else:
        settings = Settings()
        today = day_of(moment, settings.day_starts_at)
        insights = compute_insights([], [], [], [], today, settings.day_starts_at)
    if args.json:
        import orjson

        data = insights_json(insights, hide_count=settings.hide_count)
        sys.stdout.write(orjson.dumps(data, option=orjson.OPT_INDENT_2).decode() + "\n")
    else:
        print("\n".join(report_lines(insights, hide_count=settings.hide_count)))
    return 0
