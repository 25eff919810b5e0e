"""Getting the journal out and back in: JSON, Markdown and jrnl exports, imports and merges."""
