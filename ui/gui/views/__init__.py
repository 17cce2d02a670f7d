"""The window's views of the book: customers, today, plans, dashboard."""
