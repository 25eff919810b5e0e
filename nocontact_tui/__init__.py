"""nocontact-tui: a private terminal companion for keeping no contact."""

__version__ = "0.1.0"
