"""Files shipped with roomtui (stylesheets, example plans); read them with importlib.resources."""
