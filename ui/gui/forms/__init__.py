"""Record forms (customer, contact, interaction, need, assessment) and their dialogs.

Entry points for the main window: ``CustomerFormDialog.create_new(book, settings, parent)``
(Ctrl+N) and ``InteractionFormDialog.for_customer(book, customer_id, parent)`` (Ctrl+I); both
return the dialog already shown (non-blocking) and emit ``saved(Saved)`` after a write: the
record as stored (``.record``) and what the write changed (``.changes``).
"""
