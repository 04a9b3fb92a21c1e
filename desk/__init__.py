"""Desk: draft, arrange and export newsroom live blogs offline."""

__version__ = "0.1.0"
