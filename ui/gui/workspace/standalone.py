"""A workspace on its own, for ``screenshot --view customer:KEY[:TAB]``: the customer found by
id, code or exact name, the tab in front loaded like any other view."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from storage.book import Book
from ui.gui.settings import Settings
from ui.gui.workspace.workspace import TAB_NAMES, CustomerWorkspace

PREFIX = "customer:"


class CustomerViewError(ValueError):
    """A ``customer:KEY[:TAB]`` view that names no customer or an unknown tab; ``template``
    and ``params`` let the command line say it in the user's language."""

    def __init__(self, template: str, **params: str) -> None:
        super().__init__(template.format(**params))
        self.template, self.params = template, params


def is_customer_view(view: str) -> bool:
    return view.startswith(PREFIX)


def parse_customer_view(view: str) -> tuple[str, str]:
    """``customer:KEY`` or ``customer:KEY:TAB`` -> (KEY, TAB); the tab defaults to profile.

    Raises ValueError for a missing key or an unknown tab.
    """
    rest = view.removeprefix(PREFIX).strip()
    key, tab = rest, "profile"
    head, _, tail = rest.rpartition(":")
    if head and tail in TAB_NAMES:
        key, tab = head, tail
    elif head and tail and tail.isalpha() and tail.islower():
        raise CustomerViewError("unknown tab {tab}; choose from {tabs}", tab=repr(tail),
                                tabs=", ".join(TAB_NAMES))
    if not key:
        raise CustomerViewError("name the customer: customer:ID, customer:CODE or "
                                "customer:NAME")
    return key, tab


def workspace_for_view(book: Book, view: str, settings: Settings | None = None,
                       parent: QWidget | None = None) -> CustomerWorkspace:
    """The workspace ``view`` names; raises ValueError, or StorageError for no such customer."""
    key, tab = parse_customer_view(view)
    customer = book.customers.resolve(key)
    workspace = CustomerWorkspace(book, customer.id, settings, parent, tab=tab)
    workspace.setWindowTitle(customer.name)
    return workspace
