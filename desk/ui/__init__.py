"""Desk's window: Qt only, on top of desk.core (which never imports this package)."""
