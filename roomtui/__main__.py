"""`python -m roomtui` is the same as the `roomtui` command."""

from roomtui.cli import main

raise SystemExit(main())
