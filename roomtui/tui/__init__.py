"""The Textual user interface. Only this package (and cli.py) imports Textual."""
