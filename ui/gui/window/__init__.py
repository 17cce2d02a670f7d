"""The main window, composed of parts each with one job (books, customer, menus, status, work)."""
