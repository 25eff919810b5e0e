from nocontact_tui.cli import run

run()
