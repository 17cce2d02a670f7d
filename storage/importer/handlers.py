"""What each kind of import does with a row: check it, match its customer, and hand what is
good to the writer (or, for a preview, only count it)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from operator import itemgetter
from typing import Any

from models.entities import Contact, Customer
from models.validation import ValidationError, ValidationErrors
from storage.importer.columns import ColumnMapping, ImportKind
from storage.importer.duplicates import BookTransactions
from storage.importer.identity import BookCustomers, CustomerFile, Resolved, resolve
from storage.importer.line_chunks import ChunkConverter, LineColumns
from storage.importer.record_ids import id_is_free, ids_taken, record_id
from storage.importer.results import (
    SAMPLE_ROWS,
    SHOWN_DUPLICATE_ROWS,
    CustomerMatch,
    ImportPreview,
)
from storage.importer.rows import (
    MSG_NAMESAKE,
    MSG_NEW_WITHOUT_NAME,
    MSG_NO_CUSTOMER,
    MSG_OTHER_DETAILS,
    MSG_UNKNOWN_CUSTOMER,
    RowIssue,
    contact_record,
    customer_record,
    issues_of,
    raw_values,
    transaction_converter,
)
from storage.importer.store import BookConnection
from storage.importer.values import cell_text, is_total_row, literal_text
from storage.importer.writer import BulkWriter
from storage.mapping import from_row


@dataclass
class BookAtHand:
    """What the handlers read of the book before the first row (its customers; for a sales
    file, its lines too), read early by :meth:`load`: while a spreadsheet is being parsed in
    its child process, the 0.2 s of a 100,000-customer book (1 s more for a million lines)
    cost nothing. Good for one import: the handler adds to it."""

    db: BookConnection
    kind: ImportKind
    customers: BookCustomers | None = None
    lines: BookTransactions | None = None

    def load(self) -> None:
        self.customers = book_customers(self.db)
        if self.kind is ImportKind.TRANSACTIONS:
            self.lines = BookTransactions(self.db)


def book_customers(db: BookConnection) -> BookCustomers:
    return BookCustomers(db.conn.execute(
        "SELECT id, code, name FROM customers NOT INDEXED WHERE deleted_at IS NULL"))


class RowHandler:
    """One kind's rows: ``row`` for each data row in file order, then ``finish`` once."""

    def __init__(self, db: BookConnection, mapping: ColumnMapping, preview: ImportPreview,
                 writer: BulkWriter | None, *, create_customers: bool = False,
                 at_hand: BookAtHand | None = None) -> None:
        self.db = db
        self.mapping = mapping
        self.preview = preview
        self.writer = writer
        self.create_customers = create_customers
        self.text = literal_text if mapping.literal else cell_text
        self.at_hand = at_hand
        self.book = at_hand.customers if at_hand is not None and at_hand.customers \
            is not None else book_customers(db)

    @property
    def strict_columns(self) -> frozenset[int]:
        """File columns whose every cell the handler reads as a date or a number, refusing
        the row otherwise; it tells a total row among those it refuses itself (see
        values.data_rows)."""
        return frozenset()

    def row(self, number: int, values: list[Any]) -> None:
        raise NotImplementedError

    def rows(self, rows: list[tuple[int, list[Any]]]) -> None:
        """A run of data rows in file order (the transactions' bulk path takes them at once)."""
        for number, values in rows:
            self.row(number, values)

    def finish(self) -> None:
        """Called once every row has been read (before the writer's own finish)."""
        self.name_sample_customers()

    def name_sample_customers(self) -> None:
        """The sample rows name their customer by code and name, not only by KeyPlan's id
        (which the wizard does not show): a few rows, looked up once at the end."""
        sample = self.preview.sample
        ids = sorted({str(row["customer_id"]) for row in sample if row.get("customer_id")})
        if not ids:
            return
        known = {m.customer_id: (m.code, m.name) for m in self.preview.new_customers}
        known.update((r[0], (r[1] or "", r[2])) for r in self.db.conn.execute(
            f"SELECT id, code, name FROM customers WHERE id IN ({', '.join('?' * len(ids))})",
            ids))
        for row in sample:
            found = known.get(str(row.get("customer_id", "")))
            if found is not None:
                row.setdefault("customer_code", found[0])
                row.setdefault("customer_name", found[1])

    def keep(self, number: int, record: dict[str, Any]) -> None:
        self.preview.valid += 1
        if len(self.preview.sample) < SAMPLE_ROWS:
            self.preview.sample.append({"row": number, **record})

    @property
    def sampling(self) -> bool:
        """Whether the next row kept goes into the preview's first rows (what keep() is
        given for it is made only then)."""
        return len(self.preview.sample) < SAMPLE_ROWS

    def customer_of(self, number: int, raw: dict[str, Any]) -> str | list[RowIssue]:
        """The id of the customer a contacts or transactions row names (made when it is new
        and the import was asked to), or the issues saying why there is none."""
        code = self.text(raw.get("customer_code"))
        name = self.text(raw.get("customer_name"))
        # KeyPlan's own id of the customer (a whole-book export gives it) is exact when the
        # book has it; from another book it is not known, and the code or name decide.
        known = self.text(raw.get("customer_id")).lower()
        if known and known in self.book.code_of:
            return known
        found: str | ValidationError | ValidationErrors | None = self.book.find(code, name)
        if found is None and self.create_customers and (code or name):
            found = self._new_customer(number, code, name)
        if isinstance(found, str):
            return found
        if found is None and not (code or name or known):  # UCI's rows without CustomerID
            found = ValidationError(next((f for f in ("customer_code", "customer_name")
                                          if f in self.mapping.sources), "customer_id"),
                                    MSG_NO_CUSTOMER)
        elif found is None:
            found = ValidationError(
                "customer_code" if code else "customer_name" if name else "customer_id",
                MSG_UNKNOWN_CUSTOMER, key=code or name or known)
        return issues_of(found, number, self.mapping, raw)

    def _new_customer(self, number: int, code: str,
                      name: str) -> str | ValidationError | ValidationErrors:
        try:
            record = Customer.parse({"code": code, "name": name or code})
        except (ValidationError, ValidationErrors) as error:
            if isinstance(error, ValidationErrors):
                error = ValidationErrors([ValidationError(
                    {"code": "customer_code", "name": "customer_name"}.get(e.field, e.field),
                    e.message, **e.params) for e in error.errors])
            return error
        self.book.add(record.id, record.code, record.name)
        self.preview.customers_created += 1
        if len(self.preview.new_customers) < SAMPLE_ROWS:
            self.preview.new_customers.append(
                CustomerMatch(number, "create", record.id, record.code, record.name))
        if self.writer is not None:
            self.writer.customer(record, None)
        return record.id


#: Fields the preview's first rows leave out: links by id, which mean nothing to read.
_NOT_SHOWN = frozenset({"id", "customer_id", "reports_to"})


def shown(record: Customer | Contact, mapping: ColumnMapping) -> dict[str, Any]:
    """A customer's or contact's fields as they will be stored, for the preview's first
    rows: its name (and code) and every field the file feeds."""
    fields = ("code", "name") if isinstance(record, Customer) else ("name",)
    return {name: getattr(record, name) for name in (*fields, *mapping.sources)
            if name not in _NOT_SHOWN and hasattr(record, name)}


class CustomerRowsHandler(RowHandler):
    """A customers file: rows are gathered per customer (one per code, else per name) while
    reading, then each customer is matched, checked and written once."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.file = CustomerFile()
        self.taken: set[str] = set()  # of the ids the customers being written give

    def row(self, number: int, values: list[Any]) -> None:
        self.file.take(number, raw_values(self.mapping, values))

    def finish(self) -> None:
        items = resolve(self.file, self.book)
        for start in range(0, len(items), IDS_CHUNK):
            part = items[start:start + IDS_CHUNK]
            if self.writer is not None:
                self.writer.flush_records()  # the ids taken so far are the book's
            # The KeyPlan ids these new customers give that a customer has: one query.
            self.taken = ids_taken(self.db, "customers",
                                   (item.rows.raw.get("id") for item in part))
            for item in part:
                self._customer(item)

    def _customer(self, item: Resolved) -> None:
        rows, mapping, preview = item.rows, self.mapping, self.preview
        if item.error is not None:
            preview.refuse(issues_of(item.error, rows.first_row, mapping, rows.raw), rows.count)
            return
        existing = _customer(self.db, item.customer_id) if item.customer_id else None
        if existing is None and rows.code and "name" not in mapping.sources:
            # A code-only file updates the customers it names; it cannot make one.
            preview.refuse([RowIssue(rows.first_row, mapping.header_of("code"), "name",
                                     MSG_NEW_WITHOUT_NAME, {"key": rows.code},
                                     rows.code[:80])], rows.count)
            return
        raw = dict(rows.raw)
        wanted = self.text(raw.pop("id", ""))
        try:
            record = customer_record(raw, existing)
            # A new customer keeps the KeyPlan id its row gives, unless a record has it.
            chosen = record_id("id", wanted) if existing is None else ""
            if chosen and chosen not in self.taken:
                record = replace(record, id=chosen)
                if self.writer is not None:
                    self.taken.add(chosen)  # written: a later customer giving it is another
        except (ValidationError, ValidationErrors) as error:
            errors = error.errors if isinstance(error, ValidationErrors) else [error]
            issues = [issue for e in errors for issue in issues_of(
                e, rows.row_of(e.field), mapping, rows.raw)]
            preview.refuse(issues, rows.count)
            return
        if rows.conflicts:
            first = min(row for values in rows.conflicts.values() for row, _ in values)
            columns = [mapping.header_of(name) or name for name in mapping.sources
                       if name in rows.conflicts]
            others = sorted({row for values in rows.conflicts.values() for row, _ in values})
            preview.warn(RowIssue(first, columns[0], next(iter(rows.conflicts)),
                                  MSG_OTHER_DETAILS,
                                  {"rows": ", ".join(map(str, others)),
                                   "columns": ", ".join(columns), "first": rows.first_row},
                                  (rows.code or rows.name)[:80]))
        if item.namesakes:
            preview.warn(RowIssue(rows.first_row, mapping.header_of("code"), "code",
                                  MSG_NAMESAKE, {"key": rows.code, "count": item.namesakes},
                                  rows.name[:80]))
        action = "update" if existing else "create"
        preview.updates += existing is not None
        preview.creates += existing is None
        preview.valid += rows.count - 1  # keep() counts one
        preview.matches.append(CustomerMatch(rows.first_row, action, record.id, record.code,
                                             record.name, rows.count))
        self.keep(rows.first_row,
                  {"action": action, **shown(record, mapping)} if self.sampling else {})
        if self.writer is not None:
            self.writer.customer(record, existing)


class ContactRowsHandler(RowHandler):
    """A contacts file: each row a contact of the customer it names, matched by name."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.contacts: dict[tuple[str, str], str] = {(r[0], r[1]): r[2] for r in
                                                      self.db.conn.execute(
            "SELECT customer_id, name, id FROM contacts WHERE deleted_at IS NULL")}
        # Contacts this file made or changed, as they are now, while not written (a preview);
        # once written, the book has them (a whole-book import of the 100,000-customer book
        # makes about 230,000, which held here, with the rest of its contacts sheet, raised
        # its peak by 156 MB).
        self.seen: dict[str, Contact] = {}
        self.ids = set(self.contacts.values())
        #: Of the ids a chunk's rows give, those a contact had before the chunk: an id found
        #: neither there nor in ``ids`` and ``seen`` is free (see rows()).
        self.taken: set[str] | None = None

    def rows(self, rows: list[tuple[int, list[Any]]]) -> None:
        index = self.mapping.sources.get("id")
        if index is not None:
            self.taken = ids_taken(self.db, "contacts",
                                   (values[index] for _n, values in rows if index < len(values)))
        try:
            super().rows(rows)
        finally:
            self.taken = None

    def row(self, number: int, values: list[Any]) -> None:
        raw = raw_values(self.mapping, values)
        wanted = raw.pop("id", "")
        customer_id = self.customer_of(number, raw)
        if not isinstance(customer_id, str):
            self.preview.refuse(customer_id)
            return
        try:
            chosen = record_id("id", wanted)
        except ValidationError as error:
            self.preview.refuse(issues_of(error, number, self.mapping, {"id": wanted}))
            return
        # A row with KeyPlan's id is that contact (two of one name stay two); without one,
        # the customer's contact of that name.
        if chosen:
            known = chosen if chosen in self.ids or chosen in self.seen else None
        else:
            known = self.contacts.get((customer_id, raw.get("name", "")))
        existing = self.seen.get(known) if known else None
        if known and existing is None:
            if self.writer is not None:
                self.writer.flush_records()  # it may be one of those waiting to be written
            existing = from_row(Contact, self.db.query("SELECT * FROM contacts WHERE id = ?",
                                                       [known])[0])
        # A new contact takes the id its row gives unless a record has it (made with it).
        fields = {**raw, "id": chosen} if existing is None and chosen and (
            chosen not in self.taken if self.taken is not None
            else id_is_free(self.db, "contacts", chosen)) else raw
        try:
            record = contact_record(fields, customer_id, existing)
        except (ValidationError, ValidationErrors) as error:
            self.preview.refuse(issues_of(error, number, self.mapping, raw))
            return
        self.contacts[(customer_id, record.name)] = record.id
        if self.writer is None:
            self.seen[record.id] = record
        else:
            self.ids.add(record.id)
        self.preview.updates += existing is not None
        self.preview.creates += existing is None
        self.keep(number, {**shown(record, self.mapping), "customer_id": customer_id}
                  if self.sampling else {})
        if self.writer is not None:
            self.writer.contact(record, existing)


class TransactionRowsHandler(RowHandler):
    """A transactions file: the bulk path, one converted tuple per line."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.convert = transaction_converter(self.mapping)
        self.chunks = ChunkConverter(self.mapping)
        at_hand = self.at_hand
        self.lines = at_hand.lines if at_hand is not None and at_hand.lines is not None \
            else BookTransactions(self.db)
        self.references = [(name, index) for name, index in self.mapping.sources.items()
                           if name in ("customer_code", "customer_name", "customer_id")]
        self.code_index = self.mapping.index_of("customer_code")
        self.id_index = self.mapping.index_of("customer_id")
        self.orders: set[int] = set()  # hashes of (customer, order number) of new lines

    @property
    def strict_columns(self) -> frozenset[int]:
        """The columns of dates and money: a cell there that is not one refuses the line."""
        return frozenset(self.mapping.sources[name] for name in _STRICT
                         if name in self.mapping.sources)

    def row(self, number: int, values: list[Any]) -> None:
        preview, mapping = self.preview, self.mapping
        # The common case first: a known customer code, without building anything.
        code = values[self.code_index] if self.code_index is not None \
            and self.code_index < len(values) else None
        customer_id: str | list[RowIssue] | None = self.book.by_code.get(code) \
            if isinstance(code, str) else None
        if self.id_index is not None and self.id_index < len(values):
            known = values[self.id_index]  # KeyPlan's id of the customer: exact when known
            if isinstance(known, str) and known in self.book.code_of:
                customer_id = known
        try:
            fields = self.convert(values)
        except ValidationErrors as error:
            problems = issues_of(error, number, mapping, _cells(mapping, values))
            if customer_id is None:
                problems = [*self._customer_problems(number, values), *problems]
            preview.refuse(problems)
            return
        if customer_id is None:
            customer_id = self.customer_of(number, self._references(values))
        if not isinstance(customer_id, str):
            preview.refuse(customer_id)
            return
        if self.lines.contains(customer_id, fields):
            self._duplicate(number)
            return
        preview.creates += 1
        preview.valid += 1
        amount = fields[1]
        self._count(customer_id, amount, fields[8])
        if len(preview.sample) < SAMPLE_ROWS:
            day, _amount, profit, due, paid, reference, product, notes, order_no = fields
            preview.sample.append({"row": number, "customer_id": customer_id, "date": day,
                                   "amount": amount, "profit": profit, "due_date": due,
                                   "paid_date": paid, "reference": reference or None,
                                   "order_no": order_no, "product": product or None,
                                   "notes": notes or None})
        if self.writer is not None:
            self.writer.transaction(customer_id, fields)

    def rows(self, rows: list[tuple[int, list[Any]]]) -> None:
        """A chunk, column by column: the lines the column pass vouches for (a known
        customer, every cell good) go to the writer together, in runs between the others,
        which row() decides one by one as before."""
        if not rows:
            return
        lines = self.chunks(list(map(_VALUES, rows)))
        customers = self._known_customers(lines)
        slow = lines.slow
        if None in customers:
            slow.update(i for i, customer_id in enumerate(customers) if customer_id is None)
        seen = self.lines.among(customers, lines.days, lines.amounts, lines.profits,
                                lines.references, lines.products, lines.order_nos, slow)
        start = 0
        for i in sorted(slow | seen):
            if start < i:
                self._take(rows, lines, customers, start, i)
            if i in seen:
                self._duplicate(rows[i][0])
            elif not self.mapping.literal and is_total_row(rows[i][1]):
                self.preview.rows -= 1  # a total row after all (values.data_rows)
                self.preview.skipped += 1
            else:
                self.row(*rows[i])
            start = i + 1
        if start < len(rows):
            self._take(rows, lines, customers, start, len(rows))

    def _known_customers(self, lines: LineColumns) -> list[str | None]:
        """Each line's customer as row() finds it without building anything (a known code,
        KeyPlan's id of a known customer) or, for a line without a code, a name only one
        customer has; None leaves the line to row() and customer_of()."""
        size = len(lines.days)
        codes, names, given = lines.codes, lines.names, lines.customer_ids
        found: list[str | None] = list(map(self.book.by_code.get, codes)) \
            if codes is not None else [None] * size
        if given is not None:
            code_of = self.book.code_of
            found = [known if type(known) is str and known in code_of else customer_id
                     for customer_id, known in zip(found, given, strict=True)]
        if names is not None and None in found:
            unique = self.book.unique_names
            for i, customer_id in enumerate(found):
                if customer_id is None and (codes is None or codes[i] in (None, "")) \
                        and type(names[i]) is str:
                    found[i] = unique.get(names[i])
        return found

    def _take(self, rows: list[tuple[int, list[Any]]], lines: LineColumns,
              customers: list[str | None], start: int, stop: int) -> None:
        """Rows ``start`` to ``stop`` of the chunk, every one a good new line: what row()
        does for each, a column at a time."""
        preview = self.preview
        whole = start == 0 and stop == len(rows)

        def part(column: list[Any]) -> list[Any]:
            return column if whole else column[start:stop]

        ids, amounts, order_nos = part(customers), part(lines.amounts), part(lines.order_nos)
        size = stop - start
        preview.creates += size
        preview.valid += size
        if min(amounts) > 0 and "" not in order_nos:
            self.orders.update(map(hash, zip(ids, order_nos, strict=True)))
        elif min(amounts) > 0 and order_nos.count("") == size:
            preview.orders += size
        else:
            for customer_id, amount, order_no in zip(ids, amounts, order_nos, strict=True):
                self._count(customer_id, amount, order_no)
        room = min(stop, start + SAMPLE_ROWS - len(preview.sample))
        for i in range(start, room):
            # Every field the line feeds: the product, reference and notes were left out
            # of the wizard's first rows although the file's columns fed them.
            preview.sample.append({"row": rows[i][0], "customer_id": customers[i],
                                   "date": date.fromisoformat(lines.days[i]),
                                   "amount": lines.amounts[i], "profit": lines.profits[i],
                                   "due_date": _day(lines.dues[i]),
                                   "paid_date": _day(lines.paids[i]),
                                   "reference": lines.references[i] or None,
                                   "order_no": lines.order_nos[i],
                                   "product": lines.products[i] or None,
                                   "notes": lines.notes[i] or None})
        if self.writer is not None:
            self.writer.transactions(ids, part(lines.days), amounts, part(lines.profits),
                                     part(lines.dues), part(lines.paids),
                                     part(lines.references), part(lines.products),
                                     part(lines.notes), order_nos)

    def _count(self, customer_id: str, amount: float, order_no: str) -> None:
        """A new line's place among orders, returns and zero-value lines."""
        if amount < 0:
            self.preview.returns += 1
        elif amount == 0:
            self.preview.zero_lines += 1
        elif order_no:
            self.orders.add(hash((customer_id, order_no)))
        else:
            self.preview.orders += 1

    def _duplicate(self, number: int) -> None:
        self.preview.duplicates += 1
        if len(self.preview.duplicate_rows) < SHOWN_DUPLICATE_ROWS:
            self.preview.duplicate_rows.append(number)

    def finish(self) -> None:
        self.preview.orders += len(self.orders)
        super().finish()

    def _references(self, values: list[Any]) -> dict[str, Any]:
        return {name: values[i] for name, i in self.references if i < len(values)}

    def _customer_problems(self, number: int, values: list[Any]) -> list[RowIssue]:
        """What is wrong with a bad row's customer. A bad row makes no customer, and one it
        would have made is no problem of its own."""
        raw = self._references(values)
        if not self.create_customers:
            found = self.customer_of(number, raw)
            return [] if isinstance(found, str) else found
        code = self.text(raw.get("customer_code"))
        ambiguous = self.book.find(code, self.text(raw.get("customer_name")))
        if isinstance(ambiguous, ValidationError):
            return issues_of(ambiguous, number, self.mapping, raw)
        return []


_VALUES = itemgetter(1)
#: Customers whose KeyPlan ids are looked up together.
IDS_CHUNK = 1_000
#: The fields read as dates or money whatever the row: their cells hold no total word.
_STRICT = ("date", "due_date", "paid_date", "amount", "profit")

HANDLERS: dict[ImportKind, type[RowHandler]] = {
    ImportKind.CUSTOMERS: CustomerRowsHandler,
    ImportKind.CONTACTS: ContactRowsHandler,
    ImportKind.TRANSACTIONS: TransactionRowsHandler,
}


def _cells(mapping: ColumnMapping, values: list[Any]) -> dict[str, Any]:
    return {name: values[i] for name, i in mapping.sources.items() if i < len(values)}


def _customer(db: BookConnection, customer_id: str) -> Customer:
    row = db.query("SELECT * FROM customers WHERE id = ?", [customer_id])[0]
    return from_row(Customer, row)


def _day(value: Any) -> date | None:
    """A chunk's ISO date (or None) as row() gives it: a date."""
    return date.fromisoformat(value) if isinstance(value, str) and value else value or None
