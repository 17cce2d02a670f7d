"""Hypothesis over the command-line parser: any argument list parses, or is a usage error
(exit 2) — never a traceback."""

from __future__ import annotations

import contextlib
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ui.cli.app import EXIT_USAGE, build_parser

WORDS = ["demo", "info", "backup", "restore", "check", "score", "explain", "weights",
         "export", "import", "chart", "screenshot", "plan", "--db", "--json", "--customers",
         "--seed", "--anchor", "-o", "--list", "--keep-daily", "--as-of", "--preset", "--set",
         "--help", "--version", "--full", "-", "--", "0", "-1", "1e9", "x.db", "2026-13-45",
         "华为", "=cmd", "\x00", ""]


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=12)), max_size=6))
def test_parser_never_crashes(argv: list[str]) -> None:
    parser = build_parser()
    sink = io.StringIO()
    with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
        try:
            args = parser.parse_args(argv)
        except SystemExit as leaving:
            assert leaving.code in (0, EXIT_USAGE)
            return
    assert args.command is None or callable(args.handler)
