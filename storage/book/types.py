"""The data the Book's answers are made of, in one place for the window and the command line
(the modules that define them are storage's own business)."""

from __future__ import annotations

from storage.backup import BackupInfo
from storage.calendar_queries import KINDS as CALENDAR_KINDS
from storage.calendar_queries import CalendarItem
from storage.chart_data import (
    CustomerProfile,
    FloatArray,
    MatrixPoints,
    Migration,
    MonthlyRevenue,
    ScoreHistory,
    TierDistribution,
    TierRevenueHistory,
)
from storage.customer_queries import SORT_COLUMNS, CustomerDetail, CustomerQuery, CustomerRow
from storage.database import MEMORY, DatabaseInfo
from storage.demo import DemoSummary
from storage.export_calendar import DONE_CANCELLED, DONE_OMIT, REMINDERS, CalendarExport
from storage.export_files import ExportResult
from storage.export_labels import LANGUAGES, Labels
from storage.history import Change
from storage.mapping import TABLES as RECORD_TABLES
from storage.plans_store import DueAction, PlanSummary
from storage.scoring_store import RescoreResult, ScoringState
from storage.snapshot_store import SnapshotResult
from storage.today_queries import (
    DEFAULT_LIMIT,
    TOP_TIERS,
    ChangeSummary,
    CustomerDue,
    FollowUp,
    Listing,
    OpenComplaint,
    Slipping,
)
from storage.workspace_queries import WorkspaceHeader

__all__ = [
    "CALENDAR_KINDS",
    "DEFAULT_LIMIT",
    "DONE_CANCELLED",
    "DONE_OMIT",
    "LANGUAGES",
    "MEMORY",
    "RECORD_TABLES",
    "REMINDERS",
    "SORT_COLUMNS",
    "TOP_TIERS",
    "BackupInfo",
    "CalendarExport",
    "CalendarItem",
    "Change",
    "ChangeSummary",
    "CustomerDetail",
    "CustomerDue",
    "CustomerProfile",
    "CustomerQuery",
    "CustomerRow",
    "DatabaseInfo",
    "DemoSummary",
    "DueAction",
    "ExportResult",
    "FloatArray",
    "FollowUp",
    "Labels",
    "Listing",
    "MatrixPoints",
    "Migration",
    "MonthlyRevenue",
    "OpenComplaint",
    "PlanSummary",
    "RescoreResult",
    "ScoreHistory",
    "ScoringState",
    "Slipping",
    "SnapshotResult",
    "TierDistribution",
    "TierRevenueHistory",
    "WorkspaceHeader",
]
