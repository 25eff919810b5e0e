"""The `nocontact` command: the parser in `main`, one module per shell command that needs its own."""
