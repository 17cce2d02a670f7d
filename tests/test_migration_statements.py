"""Migration scripts are cut into statements where SQLite ends them, not at every ";"."""

from __future__ import annotations

import sqlite3

from storage.migrations import split_statements


def test_semicolons_inside_strings_and_triggers_stay_in_their_statement() -> None:
    sql = """
    CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);
    INSERT INTO notes (body) VALUES ('a; b');
    CREATE TRIGGER notes_log AFTER INSERT ON notes BEGIN
        UPDATE notes SET body = body || ';' WHERE id = new.id;
        SELECT 1;
    END;
    CREATE INDEX idx_notes ON notes(body)
    """
    statements = split_statements(sql)
    assert len(statements) == 4
    conn = sqlite3.connect(":memory:")
    for statement in statements:
        conn.execute(statement)
    conn.execute("INSERT INTO notes (body) VALUES ('c')")
    assert [r[0] for r in conn.execute("SELECT body FROM notes ORDER BY id")] == ["a; b", "c;"]


def test_blank_pieces_are_dropped() -> None:
    assert split_statements(" ;\n; SELECT 1;\n") == ["SELECT 1;"]
