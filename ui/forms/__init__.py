"""Record forms (customer, contact, interaction, need, assessment) and their dialogs.

Entry points for the main window: ``CustomerFormDialog.create_new(db, settings, parent)``
(Ctrl+N) and ``InteractionFormDialog.for_customer(db, customer_id, parent)`` (Ctrl+I); both
return the dialog already shown (non-blocking) and emit ``saved(record)`` after a write.
"""
