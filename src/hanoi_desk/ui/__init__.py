"""The PySide6 desktop front end: windows, dialogs, item models. No business rules."""
