from nocontact_tui.cli.main import run

run()
