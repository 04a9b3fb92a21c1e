"""Helpers that know nothing of Desk's blogs: accessible names, dialog keys, message boxes,
date fields."""
