"""The panes of the prepare view, one record kind each, each with its own keys."""
