"""Dialogs: opening and first run, import, preferences, backups, help."""
