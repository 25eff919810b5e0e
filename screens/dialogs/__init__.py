"""The dialogs, together: questions and pickers shown over a screen (typed modals).

Each dialog is its own module, imported where it is used (`from
nocontact_tui.screens.dialogs.confirm import ConfirmModal`), so opening one screen
loads only the dialogs it needs.
"""
