"""Reusable widgets of the roomtui interface; each keeps its own DEFAULT_CSS."""
