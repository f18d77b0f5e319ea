"""Use cases the CLI and the desktop UI call. Plain Python, no Qt."""
