"""Qt item models over the book (model/view, never a widget per row)."""
