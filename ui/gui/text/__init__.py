"""Translations and the words for enums, dimensions and errors."""
