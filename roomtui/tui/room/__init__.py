"""The room view (``roomtui show MEETING``): a read-only projector screen that follows a meeting."""
