"""Shared fixtures. Qt must run offscreen, and that has to be set before Qt is first imported."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MPLBACKEND", "Agg")

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from hypothesis.configuration import set_hypothesis_home_dir
from hypothesis.database import DirectoryBasedExampleDatabase

from storage.book import Book
from storage.database import Database
from storage.demo import generate_demo

# Hypothesis keeps its examples under pytest's cache folder, not in whatever folder the
# suite was started from. Its first text strategy on a fresh machine builds Unicode tables
# (about a second): that is not a slow test, so the too-slow check is off.
HYPOTHESIS_HOME = Path(__file__).resolve().parent.parent / ".pytest_cache" / "hypothesis"
set_hypothesis_home_dir(str(HYPOTHESIS_HOME))
hypothesis_settings.register_profile(
    "keyplan", suppress_health_check=[HealthCheck.too_slow],
    database=DirectoryBasedExampleDatabase(str(HYPOTHESIS_HOME / "examples")))
hypothesis_settings.load_profile("keyplan")

#: Fixed "today" of demo books in tests, so figures do not drift with the calendar.
DEMO_ANCHOR = date(2026, 6, 30)


@pytest.fixture
def fresh_db() -> Iterator[Database]:
    """An empty, migrated in-memory book."""
    db = Database(":memory:")
    yield db
    db.close()


@pytest.fixture
def cli_english_afterwards() -> Iterator[None]:
    """The command line's language back to English after the test: one run with --lang zh_CN
    would leave it Chinese for the tests that follow. The command line's tests take it with
    ``pytestmark = pytest.mark.usefixtures("cli_english_afterwards")``."""
    yield
    from ui.cli import text  # imported here: most tests never load the command line

    text.choose_language("en")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "book.db"


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 300-customer demo book on disk, made once per test run; copy it before writing."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    with Database(path) as db:
        generate_demo(db, 300, seed=7, anchor=DEMO_ANCHOR)
    return path


@pytest.fixture
def demo_db(demo_file: Path, tmp_path: Path) -> Iterator[Database]:
    """A private, writable copy of the demo book."""
    copy = tmp_path / "demo-copy.db"
    with Database(demo_file) as source:
        source.conn.execute("VACUUM INTO ?", [str(copy)])
    db = Database(copy)
    yield db
    db.close()


@pytest.fixture
def demo_book(demo_db: Database) -> Iterator[Book]:
    """The private copy of the demo book, opened as the window opens it (a ``Book``); its
    ``reader`` sets data up and checks it."""
    book = Book(demo_db.path)
    yield book
    book.close()
