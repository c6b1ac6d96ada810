"""roomtui: run a consultation council from one offline laptop.

Kept import-light on purpose: the CLI imports Textual only when it opens the app,
so `roomtui list` and `--help` answer at once.
"""

__version__ = "0.1.0"
