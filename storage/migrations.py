"""The schema, as one ordered set of sqlite-utils migrations. Never edit an applied migration:
add a new one at the end. ``storage/SCHEMA.md`` documents the resulting tables.
"""

from __future__ import annotations

import sqlite3
from itertools import pairwise

from sqlite_utils import Database as SqliteUtilsDatabase
from sqlite_utils.migrations import Migrations

MIGRATION_SET = "keyplan"
migrations = Migrations(MIGRATION_SET)

# Columns every user record carries: text UUID key, UTC ISO-8601 stamps, soft delete.
_RECORD = """
    id TEXT PRIMARY KEY NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT"""


def _script(db: SqliteUtilsDatabase, sql: str) -> None:
    """Run several statements inside the migration's transaction (executescript would commit).

    Statements end where SQLite says they do (``sqlite3.complete_statement``), not at every
    ";", which also stands inside strings and trigger bodies."""
    for statement in split_statements(sql):
        db.execute(statement)


def split_statements(sql: str) -> list[str]:
    """The complete SQL statements of ``sql``, in order (a trailing fragment is one too)."""
    statements: list[str] = []
    pending = ""
    for piece in sql.split(";"):
        pending += piece + ";"
        if sqlite3.complete_statement(pending):
            if pending.strip(" \n\t;"):
                statements.append(pending.strip())
            pending = ""
    if pending.strip(" \n\t;"):
        statements.append(pending.strip().rstrip(";"))
    return statements


@migrations()
def m001_core_tables(db: SqliteUtilsDatabase) -> None:
    _script(db, f"""
    CREATE TABLE customers ({_RECORD},
        code TEXT NOT NULL DEFAULT '',
        name TEXT NOT NULL,
        name_sort TEXT NOT NULL DEFAULT '',
        search_text TEXT NOT NULL DEFAULT '',
        kind TEXT NOT NULL DEFAULT 'organisation',
        industry TEXT NOT NULL DEFAULT '',
        region TEXT NOT NULL DEFAULT '',
        city TEXT NOT NULL DEFAULT '',
        address TEXT NOT NULL DEFAULT '',
        phone TEXT NOT NULL DEFAULT '',
        email TEXT NOT NULL DEFAULT '',
        website TEXT NOT NULL DEFAULT '',
        owner TEXT NOT NULL DEFAULT '',
        tags TEXT NOT NULL DEFAULT '[]',
        relationship_level INTEGER NOT NULL DEFAULT 1 CHECK (relationship_level BETWEEN 1 AND 4),
        price_orientation TEXT,
        loyalty_segment TEXT,
        channel TEXT,
        tier_override TEXT,
        tier_override_reason TEXT NOT NULL DEFAULT '',
        lifecycle_override TEXT,
        lifecycle_override_reason TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT ''
    );
    CREATE UNIQUE INDEX idx_customers_code ON customers(code)
        WHERE code <> '' AND deleted_at IS NULL;
    CREATE INDEX idx_customers_name_sort ON customers(name_sort) WHERE deleted_at IS NULL;
    CREATE INDEX idx_customers_name ON customers(name);
    CREATE INDEX idx_customers_owner ON customers(owner, name_sort) WHERE deleted_at IS NULL;

    CREATE TABLE contacts ({_RECORD},
        customer_id TEXT NOT NULL REFERENCES customers(id),
        name TEXT NOT NULL,
        title TEXT NOT NULL DEFAULT '',
        department TEXT NOT NULL DEFAULT '',
        phone TEXT NOT NULL DEFAULT '',
        email TEXT NOT NULL DEFAULT '',
        role TEXT,
        influence INTEGER CHECK (influence BETWEEN 1 AND 5),
        attitude TEXT NOT NULL DEFAULT 'neutral',
        is_primary INTEGER NOT NULL DEFAULT 0,
        notes TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX idx_contacts_customer ON contacts(customer_id);

    CREATE TABLE transactions ({_RECORD},
        customer_id TEXT NOT NULL REFERENCES customers(id),
        date TEXT NOT NULL,
        amount REAL NOT NULL,
        profit REAL,
        due_date TEXT,
        paid_date TEXT,
        reference TEXT NOT NULL DEFAULT '',
        product TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT ''
    );
    -- Covering index: the per-customer aggregates of scoring read only the index.
    CREATE INDEX idx_transactions_customer_cover
        ON transactions(customer_id, date, amount, profit, due_date, paid_date)
        WHERE deleted_at IS NULL;
    CREATE INDEX idx_transactions_date ON transactions(date) WHERE deleted_at IS NULL;

    CREATE TABLE interactions ({_RECORD},
        customer_id TEXT NOT NULL REFERENCES customers(id),
        kind TEXT NOT NULL,
        occurred_at TEXT NOT NULL,
        summary TEXT NOT NULL,
        feedback TEXT NOT NULL DEFAULT '',
        sentiment TEXT NOT NULL DEFAULT 'neutral',
        next_step TEXT NOT NULL DEFAULT '',
        next_step_due TEXT,
        next_step_done INTEGER NOT NULL DEFAULT 0,
        owner TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX idx_interactions_customer ON interactions(customer_id, occurred_at)
        WHERE deleted_at IS NULL;
    CREATE INDEX idx_interactions_follow_up ON interactions(next_step_due, customer_id)
        WHERE next_step_due IS NOT NULL AND next_step_done = 0 AND deleted_at IS NULL;

    CREATE TABLE interaction_contacts (
        interaction_id TEXT NOT NULL REFERENCES interactions(id),
        contact_id TEXT NOT NULL REFERENCES contacts(id),
        PRIMARY KEY (interaction_id, contact_id)
    ) WITHOUT ROWID;
    CREATE INDEX idx_interaction_contacts_contact ON interaction_contacts(contact_id);

    CREATE TABLE needs ({_RECORD},
        customer_id TEXT NOT NULL REFERENCES customers(id),
        kind TEXT NOT NULL,
        description TEXT NOT NULL,
        priority TEXT NOT NULL DEFAULT 'medium',
        status TEXT NOT NULL DEFAULT 'open',
        raised_on TEXT,
        resolved_on TEXT,
        resolution TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX idx_needs_customer ON needs(customer_id, status) WHERE deleted_at IS NULL;
    CREATE INDEX idx_needs_open_kind ON needs(kind, customer_id)
        WHERE status IN ('open', 'in_progress') AND deleted_at IS NULL;

    CREATE TABLE assessments ({_RECORD},
        customer_id TEXT NOT NULL REFERENCES customers(id),
        assessed_on TEXT NOT NULL,
        assessor TEXT NOT NULL DEFAULT '',
        payment_credit INTEGER CHECK (payment_credit BETWEEN 1 AND 5),
        need_quality INTEGER CHECK (need_quality BETWEEN 1 AND 5),
        communication INTEGER CHECK (communication BETWEEN 1 AND 5),
        industry_influence INTEGER CHECK (industry_influence BETWEEN 1 AND 5),
        growth_potential INTEGER CHECK (growth_potential BETWEEN 1 AND 5),
        loyalty INTEGER CHECK (loyalty BETWEEN 1 AND 5),
        synergy INTEGER CHECK (synergy BETWEEN 1 AND 5),
        satisfaction INTEGER CHECK (satisfaction BETWEEN 1 AND 5),
        notes TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX idx_assessments_customer ON assessments(customer_id, assessed_on)
        WHERE deleted_at IS NULL;

    CREATE TABLE plans ({_RECORD},
        customer_id TEXT NOT NULL REFERENCES customers(id),
        period TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'draft',
        situation TEXT NOT NULL DEFAULT '',
        current_level INTEGER NOT NULL DEFAULT 1 CHECK (current_level BETWEEN 1 AND 4),
        target_level INTEGER NOT NULL DEFAULT 2 CHECK (target_level BETWEEN 1 AND 4),
        review_cadence_days INTEGER NOT NULL DEFAULT 90,
        owner TEXT NOT NULL DEFAULT ''
    );
    CREATE UNIQUE INDEX idx_plans_customer_period ON plans(customer_id, period)
        WHERE deleted_at IS NULL;
    CREATE INDEX idx_plans_status ON plans(status) WHERE deleted_at IS NULL;

    CREATE TABLE plan_objectives ({_RECORD},
        plan_id TEXT NOT NULL REFERENCES plans(id),
        kind TEXT NOT NULL,
        description TEXT NOT NULL,
        target_value REAL,
        baseline_value REAL,
        actual_value REAL
    );
    CREATE INDEX idx_plan_objectives_plan ON plan_objectives(plan_id);

    CREATE TABLE plan_support_measures ({_RECORD},
        plan_id TEXT NOT NULL REFERENCES plans(id),
        kind TEXT NOT NULL,
        terms TEXT NOT NULL DEFAULT '',
        rate_percent REAL,
        cost REAL
    );
    CREATE INDEX idx_plan_support_plan ON plan_support_measures(plan_id);

    CREATE TABLE plan_actions ({_RECORD},
        plan_id TEXT NOT NULL REFERENCES plans(id),
        what TEXT NOT NULL,
        owner TEXT NOT NULL DEFAULT '',
        due_date TEXT,
        status TEXT NOT NULL DEFAULT 'open',
        objective_id TEXT REFERENCES plan_objectives(id),
        done_on TEXT
    );
    CREATE INDEX idx_plan_actions_plan ON plan_actions(plan_id);
    CREATE INDEX idx_plan_actions_due ON plan_actions(due_date)
        WHERE status IN ('open', 'in_progress') AND deleted_at IS NULL;

    CREATE TABLE plan_needs (
        plan_id TEXT NOT NULL REFERENCES plans(id),
        need_id TEXT NOT NULL REFERENCES needs(id),
        PRIMARY KEY (plan_id, need_id)
    ) WITHOUT ROWID;

    CREATE TABLE plan_reviews ({_RECORD},
        plan_id TEXT NOT NULL REFERENCES plans(id),
        reviewed_on TEXT NOT NULL,
        note TEXT NOT NULL
    );
    CREATE INDEX idx_plan_reviews_plan ON plan_reviews(plan_id, reviewed_on);

    CREATE TABLE customer_metrics (
        customer_id TEXT PRIMARY KEY NOT NULL REFERENCES customers(id),
        as_of TEXT,
        revenue_12m REAL NOT NULL DEFAULT 0,
        profit_12m REAL NOT NULL DEFAULT 0,
        first_purchase TEXT,
        last_purchase TEXT,
        last_interaction_at TEXT,
        next_follow_up TEXT,
        open_needs INTEGER NOT NULL DEFAULT 0,
        score REAL,
        computed_tier TEXT,
        tier TEXT,
        tier_rank INTEGER,
        abc_class TEXT,
        lifecycle TEXT,
        dimensions TEXT NOT NULL DEFAULT '{{}}',
        computed_at TEXT
    );
    CREATE INDEX idx_metrics_revenue ON customer_metrics(revenue_12m);
    CREATE INDEX idx_metrics_score ON customer_metrics(score);
    CREATE INDEX idx_metrics_tier ON customer_metrics(tier_rank, score);
    CREATE INDEX idx_metrics_abc ON customer_metrics(abc_class, revenue_12m);
    CREATE INDEX idx_metrics_lifecycle ON customer_metrics(lifecycle);
    CREATE INDEX idx_metrics_last_interaction ON customer_metrics(last_interaction_at);
    CREATE INDEX idx_metrics_next_follow_up ON customer_metrics(next_follow_up);

    CREATE TABLE score_snapshots (
        period TEXT NOT NULL,
        customer_id TEXT NOT NULL REFERENCES customers(id),
        as_of TEXT NOT NULL,
        score REAL NOT NULL,
        tier TEXT NOT NULL,
        abc_class TEXT,
        lifecycle TEXT NOT NULL,
        revenue REAL NOT NULL DEFAULT 0,
        dimensions TEXT NOT NULL DEFAULT '{{}}',
        computed_at TEXT NOT NULL,
        PRIMARY KEY (period, customer_id)
    ) WITHOUT ROWID;
    CREATE INDEX idx_snapshots_customer ON score_snapshots(customer_id, period);

    CREATE TABLE settings (
        key TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )
    """)


@migrations()
def m002_book_listing(db: SqliteUtilsDatabase) -> None:
    """Copy what the customer book sorts, filters and searches on into the narrow
    ``customer_metrics`` rows, with covering indexes: the ordered id list of 100,000
    customers then reads one index (about 30 ms) instead of joining two wide tables."""
    _script(db, """
    ALTER TABLE customer_metrics ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE customer_metrics ADD COLUMN name_sort TEXT NOT NULL DEFAULT '';
    ALTER TABLE customer_metrics ADD COLUMN owner TEXT NOT NULL DEFAULT '';
    ALTER TABLE customer_metrics ADD COLUMN relationship_level INTEGER NOT NULL DEFAULT 1;
    ALTER TABLE customer_metrics ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
    UPDATE customer_metrics SET
        deleted = (SELECT c.deleted_at IS NOT NULL FROM customers c WHERE c.id = customer_id),
        name_sort = (SELECT c.name_sort FROM customers c WHERE c.id = customer_id),
        owner = (SELECT c.owner FROM customers c WHERE c.id = customer_id),
        relationship_level = (SELECT c.relationship_level FROM customers c
                              WHERE c.id = customer_id),
        search_text = (SELECT c.search_text FROM customers c WHERE c.id = customer_id);
    DROP INDEX idx_metrics_revenue;
    DROP INDEX idx_metrics_score;
    DROP INDEX idx_metrics_tier;
    DROP INDEX idx_metrics_abc;
    DROP INDEX idx_metrics_lifecycle;
    DROP INDEX idx_metrics_last_interaction;
    DROP INDEX idx_metrics_next_follow_up;
    CREATE INDEX idx_book_name ON customer_metrics(name_sort, customer_id) WHERE deleted = 0;
    CREATE INDEX idx_book_revenue ON customer_metrics(revenue_12m, name_sort, customer_id)
        WHERE deleted = 0;
    CREATE INDEX idx_book_score ON customer_metrics(score, name_sort, customer_id)
        WHERE deleted = 0;
    CREATE INDEX idx_book_tier ON customer_metrics(tier_rank, score, name_sort, customer_id)
        WHERE deleted = 0;
    CREATE INDEX idx_book_abc ON customer_metrics(abc_class, revenue_12m, customer_id)
        WHERE deleted = 0;
    CREATE INDEX idx_book_lifecycle ON customer_metrics(lifecycle, name_sort, customer_id)
        WHERE deleted = 0;
    CREATE INDEX idx_book_level ON customer_metrics(relationship_level, name_sort, customer_id)
        WHERE deleted = 0;
    CREATE INDEX idx_book_last_interaction
        ON customer_metrics(last_interaction_at, name_sort, customer_id) WHERE deleted = 0;
    CREATE INDEX idx_book_next_follow_up
        ON customer_metrics(next_follow_up, name_sort, customer_id) WHERE deleted = 0;
    CREATE INDEX idx_book_owner ON customer_metrics(owner, name_sort, customer_id)
        WHERE deleted = 0
    """)


@migrations()
def m003_change_log(db: SqliteUtilsDatabase) -> None:
    """Who changed what and when: backs the History tab, undo and later synchronisation."""
    _script(db, """
    CREATE TABLE change_log (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        change_id TEXT NOT NULL,
        at TEXT NOT NULL,
        device TEXT NOT NULL,
        user TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete', 'restore')),
        table_name TEXT NOT NULL,
        record_id TEXT NOT NULL,
        customer_id TEXT,
        field TEXT,
        old_value TEXT,
        new_value TEXT
    );
    CREATE INDEX idx_change_log_customer ON change_log(customer_id, seq);
    CREATE INDEX idx_change_log_record ON change_log(table_name, record_id, seq);
    CREATE INDEX idx_change_log_change ON change_log(change_id)
    """)


@migrations()
def m004_scoring_covering_indexes(db: SqliteUtilsDatabase) -> None:
    """Index-only reads for the value engine: the live customers with their overrides, and each
    customer's assessments with every rating, so a rescore of 100,000 customers reads two
    narrow indexes instead of two wide tables."""
    _script(db, """
    CREATE INDEX idx_customers_scoring
        ON customers(id, created_at, tier_override, lifecycle_override) WHERE deleted_at IS NULL;
    CREATE INDEX idx_assessments_scoring
        ON assessments(customer_id, assessed_on, created_at, payment_credit, need_quality,
                       communication, industry_influence, growth_potential, loyalty, synergy,
                       satisfaction)
        WHERE deleted_at IS NULL
    """)


@migrations()
def m005_book_search_index(db: SqliteUtilsDatabase) -> None:
    """Search-as-you-type reads the search keys from an index in name order (about 20 ms for
    100,000 customers) instead of the wide metrics rows (about 140 ms)."""
    db.execute("CREATE INDEX IF NOT EXISTS idx_book_search ON customer_metrics(name_sort, "
               "customer_id, search_text) WHERE deleted = 0")


@migrations()
def m006_snapshot_summaries(db: SqliteUtilsDatabase) -> None:
    """Customers and revenue per tier of each snapshot period, kept when the snapshot is
    written, so the revenue-by-tier chart reads a few rows instead of every snapshot."""
    _script(db, """
    CREATE TABLE snapshot_summaries (
        period TEXT NOT NULL,
        tier TEXT NOT NULL,
        customers INTEGER NOT NULL,
        revenue REAL NOT NULL,
        PRIMARY KEY (period, tier)
    ) WITHOUT ROWID;
    INSERT INTO snapshot_summaries (period, tier, customers, revenue)
        SELECT period, tier, count(*), total(revenue) FROM score_snapshots GROUP BY period, tier
    """)


@migrations()
def m007_transaction_day_numbers(db: SqliteUtilsDatabase) -> None:
    """Day numbers (days since 1970-01-01) of each transaction's dates, as virtual generated
    columns read from a covering index: the value engine's window filters become integer
    comparisons and its day counts subtractions (the aggregate over 1,000,000 transactions
    takes about 520 ms instead of 640 ms). Virtual columns take no table space and cannot go
    out of step with the dates they are computed from. The customer covering index is
    rebuilt with the day numbers after its date columns, so one index serves both the
    text-date queries and the engine (a second index of its own would tempt the query
    planner into table lookups for queries that read the text dates)."""
    _script(db, f"""
    ALTER TABLE transactions ADD COLUMN day INTEGER
        GENERATED ALWAYS AS ({_day_number("date")}) VIRTUAL;
    ALTER TABLE transactions ADD COLUMN due_day INTEGER
        GENERATED ALWAYS AS ({_day_number("due_date")}) VIRTUAL;
    ALTER TABLE transactions ADD COLUMN paid_day INTEGER
        GENERATED ALWAYS AS ({_day_number("paid_date")}) VIRTUAL;
    DROP INDEX idx_transactions_customer_cover;
    CREATE INDEX idx_transactions_customer_cover
        ON transactions(customer_id, date, amount, profit, due_date, paid_date,
                        day, due_day, paid_day)
        WHERE deleted_at IS NULL
    """)


def _day_number(column: str) -> str:
    """SQL for the day number of an ISO date column (NULL stays NULL)."""
    return f"CAST(julianday({column}) - 2440587.5 AS INTEGER)"


@migrations()
def m008_metrics_change_keys(db: SqliteUtilsDatabase) -> None:
    """A 64-bit key of what the value engine last wrote to each ``customer_metrics`` row, one
    for the score side (score, tiers, points) and one for the book side (class, stage,
    revenue, profit), read with the tier from one narrow index: a rescore compares the keys
    of the new results with these (about 40 ms for 100,000 customers) instead of reading
    and comparing every stored value (about 600 ms), and writes only the rows that changed.

    The same index carries the score, growth-potential points (a column of their own now)
    and revenue, so the dashboard's tier totals and value–potential matrix read it alone
    instead of scanning the wide rows and parsing their JSON (about 180 and 300 ms). Those
    columns change only when a key does, so keeping them there costs a rescore nothing.

    Any other writer of those columns (the activity refresh, an import: revenue and profit)
    must clear the key of the side it changed, so the next rescore rewrites that row. (Not
    a trigger: a trigger makes every update inside a savepoint keep a statement journal,
    which made a bulk rewrite of 100,000 rows take minutes.)"""
    _script(db, """
    ALTER TABLE customer_metrics ADD COLUMN score_key INTEGER;
    ALTER TABLE customer_metrics ADD COLUMN book_key INTEGER;
    ALTER TABLE customer_metrics ADD COLUMN growth_points INTEGER;
    UPDATE customer_metrics SET growth_points = json_extract(dimensions, '$.growth_potential')
        WHERE score IS NOT NULL AND json_valid(dimensions);
    CREATE INDEX idx_metrics_keys
        ON customer_metrics(customer_id, score_key, book_key, tier_rank, score, growth_points,
                            revenue_12m)
        WHERE deleted = 0
    """)


@migrations()
def m009_snapshot_migrations(db: SqliteUtilsDatabase) -> None:
    """Customers per (tier before, tier after) between each stored snapshot period and the
    next one, kept when a snapshot is written: the dashboard's migration chart (the two
    latest periods by default) reads a few rows instead of joining two periods of 100,000
    snapshots (about 120 ms). Other pairs of periods are still joined when asked for."""
    _script(db, """
    CREATE TABLE snapshot_migrations (
        from_period TEXT NOT NULL,
        to_period TEXT NOT NULL,
        from_tier TEXT NOT NULL,
        to_tier TEXT NOT NULL,
        customers INTEGER NOT NULL,
        PRIMARY KEY (from_period, to_period, from_tier, to_tier)
    ) WITHOUT ROWID
    """)
    periods: list[str] = []
    while True:  # one primary-key probe per period, not a scan of every snapshot
        label = db.execute("SELECT min(period) FROM score_snapshots WHERE period > ?",
                           [periods[-1] if periods else ""]).fetchone()[0]
        if label is None:
            break
        periods.append(label)
    for before, after in pairwise(periods):
        db.execute(MIGRATION_COUNTS_SQL, [before, after, after, before])



@migrations()
def m010_change_log_imports(db: SqliteUtilsDatabase) -> None:
    """The change log takes one more action, ``import``: a transactions import writes one
    entry per customer (how many lines, from which file) instead of nothing. SQLite cannot
    change a CHECK constraint in place, so the table is copied into a new one."""
    _script(db, """
    CREATE TABLE change_log_new (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        change_id TEXT NOT NULL,
        at TEXT NOT NULL,
        device TEXT NOT NULL,
        user TEXT NOT NULL,
        action TEXT NOT NULL
            CHECK (action IN ('create', 'update', 'delete', 'restore', 'import')),
        table_name TEXT NOT NULL,
        record_id TEXT NOT NULL,
        customer_id TEXT,
        field TEXT,
        old_value TEXT,
        new_value TEXT
    );
    INSERT INTO change_log_new SELECT * FROM change_log;
    DROP TABLE change_log;
    ALTER TABLE change_log_new RENAME TO change_log;
    CREATE INDEX idx_change_log_customer ON change_log(customer_id, seq);
    CREATE INDEX idx_change_log_record ON change_log(table_name, record_id, seq);
    CREATE INDEX idx_change_log_change ON change_log(change_id)
    """)

#: Insert the tier-to-tier counts between two stored periods (from, to, to, from).
MIGRATION_COUNTS_SQL = """
INSERT INTO snapshot_migrations (from_period, to_period, from_tier, to_tier, customers)
SELECT ?, ?, a.tier, b.tier, count(*) FROM score_snapshots a
JOIN score_snapshots b ON b.customer_id = a.customer_id AND b.period = ?
WHERE a.period = ? GROUP BY a.tier, b.tier
"""


@migrations()
def m011_application_id(db: SqliteUtilsDatabase) -> None:
    """Stamp the book as KeyPlan's (``PRAGMA application_id``, bytes 68-71 of the header), so
    another program's SQLite file, which lacks it and our migrations, is refused untouched."""
    from storage.connection import APPLICATION_ID

    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")


@migrations()
def m012_import_batches(db: SqliteUtilsDatabase) -> None:
    """Every import is a batch that can be undone on its own: ``import_batches`` holds one row
    per import, and the rows an import creates carry its number in ``import_batch`` (the
    transactions, and the customers and contacts it created); the change-log rows it writes
    (fields it updated included) carry the batch's ``change_id``. The number is a small
    integer, not a UUID: it is stored in every imported transaction (one or two bytes instead
    of 37), and it is the book's own (``keyplan import --undo N``). No index on the column:
    an undo reads the table once, and an import of a million lines pays nothing for it.
    Adding a column rewrites no row, so the upgrade is instant whatever the book's size."""
    _script(db, """
    CREATE TABLE import_batches (
        id INTEGER PRIMARY KEY,
        change_id TEXT NOT NULL UNIQUE,
        at TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('customers', 'contacts', 'transactions')),
        source TEXT NOT NULL DEFAULT '',
        rows_added INTEGER NOT NULL DEFAULT 0,
        rows_updated INTEGER NOT NULL DEFAULT 0,
        undone_at TEXT,
        undo_change_id TEXT
    );
    CREATE INDEX idx_import_batches_undo ON import_batches(undo_change_id)
        WHERE undo_change_id IS NOT NULL;
    ALTER TABLE transactions ADD COLUMN import_batch INTEGER;
    ALTER TABLE customers ADD COLUMN import_batch INTEGER;
    ALTER TABLE contacts ADD COLUMN import_batch INTEGER
    """)


@migrations()
def m013_need_owner_due_contact(db: SqliteUtilsDatabase) -> None:
    """Needs and complaints get an owner on our side, a due date and the contact who raised
    them. Open ones are given the due date their priority's default service level sets (high
    2 days, medium 5, low 10 from the day raised), so a book upgraded today shows which are
    already late; adding columns rewrites no row."""
    _script(db, """
    ALTER TABLE needs ADD COLUMN owner TEXT NOT NULL DEFAULT '';
    ALTER TABLE needs ADD COLUMN due_on TEXT;
    ALTER TABLE needs ADD COLUMN contact_id TEXT REFERENCES contacts(id);
    UPDATE needs SET due_on = date(raised_on, CASE priority WHEN 'high' THEN '+2 days'
                                                WHEN 'low' THEN '+10 days' ELSE '+5 days' END)
    WHERE raised_on IS NOT NULL AND status IN ('open', 'in_progress') AND deleted_at IS NULL;
    CREATE INDEX idx_needs_due ON needs(due_on)
        WHERE status IN ('open', 'in_progress') AND deleted_at IS NULL
    """)


@migrations()
def m014_people(db: SqliteUtilsDatabase) -> None:
    """The people on our side (salespeople, managers), one name each: the owners that
    customers, plans and needs name, and later the members of a team."""
    _script(db, f"""
    CREATE TABLE people ({_RECORD},
        name TEXT NOT NULL,
        role TEXT NOT NULL DEFAULT 'salesperson' CHECK (role IN ('salesperson', 'manager'))
    );
    CREATE UNIQUE INDEX idx_people_name ON people(name) WHERE deleted_at IS NULL
    """)


@migrations()
def m015_transaction_orders(db: SqliteUtilsDatabase) -> None:
    """A transaction line may name its order (``order_no``: the order or invoice number of
    the file it came from), so that purchase frequency counts orders, not lines. The value
    engine counts the distinct orders per customer from a partial covering index of just the
    lines that have one and are sales (amount above zero): a book without order numbers
    reads an empty index, and the engine's main aggregate keeps its own index unchanged
    (counting distinct orders there, with the order number added to that index, took 15 %
    longer over 1,000,000 lines without order numbers and 38 % longer with them). Adding a
    column rewrites no row."""
    _script(db, """
    ALTER TABLE transactions ADD COLUMN order_no TEXT;
    CREATE INDEX idx_transactions_orders ON transactions(customer_id, order_no, day)
        WHERE deleted_at IS NULL AND order_no IS NOT NULL AND amount > 0
    """)


@migrations()
def m016_follow_up_owner_indexes(db: SqliteUtilsDatabase) -> None:
    """Today filtered to one salesperson reads each open follow-up's and each open need's
    owner: with the owner in the due-date indexes (same rows, same order) it is read from
    the index instead of the table. One owner's overdue follow-ups on 100,000 customers:
    83-97 ms before, 23-46 ms after; late needs 24-39 ms before, 12-26 ms after."""
    _script(db, """
    DROP INDEX idx_interactions_follow_up;
    CREATE INDEX idx_interactions_follow_up ON interactions(next_step_due, customer_id, owner)
        WHERE next_step_due IS NOT NULL AND next_step_done = 0 AND deleted_at IS NULL;
    DROP INDEX idx_needs_due;
    CREATE INDEX idx_needs_due ON needs(due_on, customer_id, owner)
        WHERE status IN ('open', 'in_progress') AND deleted_at IS NULL
    """)


@migrations()
def m017_team_sync(db: SqliteUtilsDatabase) -> None:
    """Team sync through a shared folder (issue 18; storage/sync/ and storage/SCHEMA.md).

    Every change-log row gets a hybrid logical clock (``hlc``) and, when it came from a team
    member's change packet, that member's device id (``origin``: NULL is a change made in
    this book, the ones to send). ``sync_clocks`` holds the clock of each field written since
    (the later write wins per field); a field never written since its record was made has
    the clock of its ``created_at``, so importing a million rows writes no clock. The other
    tables hold this book's device id and clock, what was sent and applied, conflicts,
    refused packets and changes waiting for the record they belong to. Adding columns and
    tables rewrites no row: instant on any book. What existed before is not history to send:
    ``pushed_seq`` starts at the last change."""
    from models.record import new_id

    _script(db, """
    ALTER TABLE change_log ADD COLUMN hlc TEXT;
    ALTER TABLE change_log ADD COLUMN origin TEXT;
    CREATE TABLE sync_device (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        device TEXT NOT NULL,
        clock_ms INTEGER NOT NULL DEFAULT 0,
        clock_counter INTEGER NOT NULL DEFAULT 0,
        team_key TEXT,
        team_id TEXT,
        joined_at TEXT,
        pushed_seq INTEGER NOT NULL DEFAULT 0,
        packets INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE sync_clocks (
        table_name TEXT NOT NULL,
        record_id TEXT NOT NULL,
        field TEXT NOT NULL,
        hlc TEXT NOT NULL,
        prev TEXT,
        PRIMARY KEY (table_name, record_id, field)
    ) WITHOUT ROWID;
    CREATE TABLE sync_rows (
        table_name TEXT PRIMARY KEY NOT NULL,
        pushed_rowid INTEGER NOT NULL DEFAULT 0,
        pushed_id TEXT
    ) WITHOUT ROWID;
    CREATE TABLE sync_applied_rows (
        table_name TEXT NOT NULL,
        first_rowid INTEGER NOT NULL,
        last_rowid INTEGER NOT NULL,
        PRIMARY KEY (table_name, first_rowid)
    ) WITHOUT ROWID;
    CREATE TABLE sync_peers (
        device TEXT PRIMARY KEY NOT NULL,
        applied INTEGER NOT NULL DEFAULT 0,
        applied_at TEXT,
        last_hlc TEXT
    ) WITHOUT ROWID;
    CREATE TABLE sync_settings (
        key TEXT PRIMARY KEY NOT NULL,
        value TEXT,
        hlc TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE sync_conflicts (
        id INTEGER PRIMARY KEY,
        table_name TEXT NOT NULL,
        record_id TEXT NOT NULL,
        customer_id TEXT,
        field TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('field', 'revived', 'duplicate')),
        ours TEXT,
        ours_hlc TEXT,
        theirs TEXT,
        theirs_hlc TEXT,
        kept TEXT NOT NULL CHECK (kept IN ('ours', 'theirs')),
        device TEXT NOT NULL,
        at TEXT NOT NULL,
        resolved_at TEXT
    );
    CREATE INDEX idx_sync_conflicts_customer ON sync_conflicts(customer_id, id)
        WHERE resolved_at IS NULL;
    CREATE TABLE sync_quarantine (
        device TEXT NOT NULL,
        number INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        reason TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (device, number)
    ) WITHOUT ROWID;
    CREATE TABLE sync_waiting (
        id INTEGER PRIMARY KEY,
        table_name TEXT NOT NULL,
        record_id TEXT NOT NULL,
        needs_table TEXT NOT NULL,
        needs_id TEXT NOT NULL,
        op TEXT NOT NULL,
        device TEXT NOT NULL,
        number INTEGER NOT NULL
    );
    CREATE INDEX idx_sync_waiting_needs ON sync_waiting(needs_table, needs_id)
    """)
    db.execute("INSERT INTO sync_device (id, device, pushed_seq) "
               "VALUES (1, ?, (SELECT coalesce(max(seq), 0) FROM change_log))", [new_id()])


@migrations()
def m018_team_roster(db: SqliteUtilsDatabase) -> None:
    """Team roles and key rotation (issue 18, step two; storage/sync/team.py).

    ``sync_device`` gains the device's own private keys (``sign_key``: Ed25519, to sign what
    it writes into the folder; ``box_key``: X25519, to receive a new team key), which never
    leave the book, and ``founder`` (1: this book started its team). ``sync_keyring`` keeps
    every team key the book was given, by key id and epoch (a removal makes a new one; old
    packets open with the old), with the members each was sealed for; ``sync_members`` is
    the roster as last read from the folder (the public keys it pins, roles, removals). A
    book already in a team gets its key as epoch 1; its own keys are made at its next sync.
    """
    import base64
    import hashlib
    import hmac

    from models.record import utc_now_iso

    _script(db, """
    ALTER TABLE sync_device ADD COLUMN sign_key TEXT;
    ALTER TABLE sync_device ADD COLUMN box_key TEXT;
    ALTER TABLE sync_device ADD COLUMN founder INTEGER NOT NULL DEFAULT 0;
    CREATE TABLE sync_keyring (
        kid TEXT PRIMARY KEY NOT NULL,
        epoch INTEGER NOT NULL,
        key TEXT,
        recipients TEXT,
        added_at TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE sync_members (
        device TEXT PRIMARY KEY NOT NULL,
        person TEXT NOT NULL DEFAULT '',
        role TEXT NOT NULL DEFAULT 'salesperson' CHECK (role IN ('salesperson', 'manager')),
        joined_at TEXT NOT NULL DEFAULT '',
        sign_public TEXT NOT NULL DEFAULT '',
        box_public TEXT NOT NULL DEFAULT '',
        kid TEXT NOT NULL DEFAULT '',
        founder INTEGER NOT NULL DEFAULT 0,
        removed_at TEXT,
        removed_by TEXT,
        cutoff INTEGER
    ) WITHOUT ROWID
    """)
    for (key,) in db.execute("SELECT team_key FROM sync_device WHERE team_key IS NOT NULL"):
        kid = hmac.new(base64.b64decode(key), b"keyplan key id", hashlib.sha256).hexdigest()
        db.execute("INSERT INTO sync_keyring (kid, epoch, key, added_at) VALUES (?, 1, ?, ?)",
                   [kid[:16], key, utc_now_iso()])


@migrations()
def m021_relationship_map(db: SqliteUtilsDatabase) -> None:
    """The relationship map (issue 19, point 1): a contact may name the contact of the same
    customer it reports to (``reports_to``; no foreign key, so that an import or a team member's
    packet may bring a contact before its boss: the application refuses cycles and treats an
    unknown boss as none) and the colleague on our side who covers it (``covered_by``, a name
    of ``people``). ``relationship_levels`` keeps each change of a customer's relationship
    level with its date, reason and who made it. Adding columns rewrites no row."""
    _script(db, f"""
    ALTER TABLE contacts ADD COLUMN reports_to TEXT;
    ALTER TABLE contacts ADD COLUMN covered_by TEXT NOT NULL DEFAULT '';
    CREATE TABLE relationship_levels ({_RECORD},
        customer_id TEXT NOT NULL REFERENCES customers(id),
        level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4),
        changed_on TEXT NOT NULL,
        reason TEXT NOT NULL DEFAULT '',
        changed_by TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX idx_relationship_levels_customer
        ON relationship_levels(customer_id, changed_on) WHERE deleted_at IS NULL
    """)


@migrations()
def m022_playbooks(db: SqliteUtilsDatabase) -> None:
    """Playbooks (issue 19, point 2): the plan templates the user made, and the edited
    versions of the built-in ones (``builtin_key``; the shipped ones live in the code, a row
    with that key takes their place until reset). ``tiers`` is a JSON list of tier codes,
    ``body`` the objectives, measures and actions as JSON. A new table: no row rewritten."""
    db.execute(f"""
    CREATE TABLE playbooks ({_RECORD},
        name TEXT NOT NULL,
        builtin_key TEXT NOT NULL DEFAULT '',
        tiers TEXT NOT NULL DEFAULT '[]',
        lifecycle TEXT NOT NULL DEFAULT '',
        from_level INTEGER CHECK (from_level BETWEEN 1 AND 4),
        target_level INTEGER CHECK (target_level BETWEEN 1 AND 4),
        review_cadence_days INTEGER NOT NULL DEFAULT 90,
        summary TEXT NOT NULL DEFAULT '',
        body TEXT NOT NULL DEFAULT '{{}}'
    )""")


@migrations()
def m023_competition(db: SqliteUtilsDatabase) -> None:
    """Competition and SWOT (issue 19, point 3): each customer's competitors (their share of
    its wallet, strengths, weaknesses, threat) and the items of each plan's SWOT, each
    optionally about a competitor or a need (no foreign key on those two, so that a team
    member's packet may bring an item before what it names). New tables: no row rewritten."""
    _script(db, f"""
    CREATE TABLE competitors ({_RECORD},
        customer_id TEXT NOT NULL REFERENCES customers(id),
        name TEXT NOT NULL,
        products TEXT NOT NULL DEFAULT '',
        share_percent REAL CHECK (share_percent BETWEEN 0 AND 100),
        strengths TEXT NOT NULL DEFAULT '',
        weaknesses TEXT NOT NULL DEFAULT '',
        threat TEXT NOT NULL DEFAULT 'medium' CHECK (threat IN ('low', 'medium', 'high')),
        notes TEXT NOT NULL DEFAULT '',
        reviewed_on TEXT
    );
    CREATE INDEX idx_competitors_customer ON competitors(customer_id) WHERE deleted_at IS NULL;
    CREATE TABLE swot_items ({_RECORD},
        plan_id TEXT NOT NULL REFERENCES plans(id),
        quadrant TEXT NOT NULL
            CHECK (quadrant IN ('strengths', 'weaknesses', 'opportunities', 'threats')),
        text TEXT NOT NULL,
        competitor_id TEXT,
        need_id TEXT,
        position INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX idx_swot_items_plan ON swot_items(plan_id) WHERE deleted_at IS NULL
    """)


@migrations()
def m024_whitespace_index(db: SqliteUtilsDatabase) -> None:
    """Whitespace (issue 19, point 4): every customer's 12-month revenue per product line is
    read in one pass of this covering index, in customer and product order (no sort, no
    table row read: 1.5 s instead of 3.7 s on the 100,000-customer book); one customer's
    grid reads its own entries."""
    db.execute("""
    CREATE INDEX idx_transactions_whitespace
        ON transactions(customer_id, product, date, amount) WHERE deleted_at IS NULL
    """)


@migrations()
def m020_import_batches_of_every_kind(db: SqliteUtilsDatabase) -> None:
    """Every import can be undone on its own (issue 15): the records an import of
    interactions, needs, assessments, account plans or their parts creates carry its number
    in ``import_batch``, as customers, contacts and sales lines do since m012 (adding the
    columns rewrites no row; the number stays in the book, it never travels to a team), and
    ``import_batches`` takes every kind: its CHECK named three, so the small table is copied
    into one that names them all (nothing refers to it by a foreign key)."""
    for table in ("interactions", "needs", "assessments", "plans", "plan_objectives",
                  "plan_support_measures", "plan_actions", "plan_reviews"):
        db.execute(f"ALTER TABLE [{table}] ADD COLUMN import_batch INTEGER")
    _script(db, """
    CREATE TABLE import_batches_m020 (
        id INTEGER PRIMARY KEY,
        change_id TEXT NOT NULL UNIQUE,
        at TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('customers', 'contacts', 'transactions',
            'interactions', 'needs', 'assessments', 'plans', 'plan_objectives',
            'plan_support', 'plan_actions', 'plan_reviews')),
        source TEXT NOT NULL DEFAULT '',
        rows_added INTEGER NOT NULL DEFAULT 0,
        rows_updated INTEGER NOT NULL DEFAULT 0,
        undone_at TEXT,
        undo_change_id TEXT
    );
    INSERT INTO import_batches_m020 (id, change_id, at, kind, source, rows_added, rows_updated,
                                     undone_at, undo_change_id)
        SELECT id, change_id, at, kind, source, rows_added, rows_updated, undone_at,
               undo_change_id FROM import_batches;
    DROP TABLE import_batches;
    ALTER TABLE import_batches_m020 RENAME TO import_batches;
    CREATE INDEX idx_import_batches_undo ON import_batches(undo_change_id)
        WHERE undo_change_id IS NOT NULL
    """)

@migrations()
def m026_calendar_owner_indexes(db: SqliteUtilsDatabase) -> None:
    """The calendar export (issue 19, point 8) of one salesperson's year reads the items of
    the customers they own by customer, and the items they own at others' customers from
    these two small indexes (only rows that name an owner of their own), done ones too:
    0.5 s instead of 1.8 s for a year's follow-ups on the 100,000-customer book."""
    _script(db, """
    CREATE INDEX idx_interactions_owner_due ON interactions(owner, next_step_due)
        WHERE owner <> '' AND next_step_due IS NOT NULL AND deleted_at IS NULL;
    CREATE INDEX idx_needs_owner_due ON needs(owner, due_on)
        WHERE owner <> '' AND due_on IS NOT NULL AND deleted_at IS NULL
    """)
