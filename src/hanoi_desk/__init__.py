"""Hanoi Desk: paperless meetings and offline signing on an encrypted local cache."""

__version__ = "0.1.0"
