"""The journal file: storage, schema, encryption, locking, where it lives. Knows no screen and no domain rule."""
