"""One module per screen, installed as nocontact_tui.screens."""
