"""Sync adapter: HTTP client of the sync protocol and the transfer engine."""
