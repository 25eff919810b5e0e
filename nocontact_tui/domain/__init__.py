"""The rules of the app as plain Python: streaks, urges, reviews, letters, reasons, contacts, settings.

Nothing here imports Textual; screens call in, never the other way round.
"""
