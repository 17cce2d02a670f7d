"""Fonts, colours and table looks shared by views and charts."""
