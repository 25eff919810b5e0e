"""The words nocontact-tui ships, read with importlib.resources (see nocontact_tui.texts)."""
