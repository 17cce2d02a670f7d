"""argparse in the user's language: its own words (``usage:``, ``options``, its usage errors)
from the CommandLine catalogue, and help wrapped by display width so Chinese fits the terminal.

argparse asks ``gettext`` for each of its words at the moment it writes one, through the ``_``
and ``ngettext`` it imported; gettext's own lookup would need compiled .mo files and the
process-wide "messages" domain. :func:`install_argparse_words` points those two names at a
:class:`gettext.NullTranslations` reading the catalogue the rest of the command line uses
(English: argparse's words unchanged), so the words below are translated in the .ts like any
``t("...")``. The commands' own help texts are ``t("...")`` calls made while the parser is
built, after the language is chosen (``ui.cli.app.run``).
"""

from __future__ import annotations

import argparse
import gettext
import re
import unicodedata
from collections.abc import Iterable
from functools import cache

from models.validation import tr_noop
from ui.cli.text import CONTEXT, translate

#: argparse's words a KeyPlan user can meet (Python 3.11 to 3.13 write them so), marked for
#: the .ts; the source must stay argparse's text to the character.
ARGPARSE_WORDS = (
    tr_noop("usage: "),
    tr_noop("positional arguments"),
    tr_noop("options"),
    tr_noop("show this help message and exit"),
    tr_noop("the following arguments are required: %s"),
    tr_noop("argument %(argument_name)s: %(message)s"),
    tr_noop("invalid choice: %(value)r (choose from %(choices)s)"),
    tr_noop("unrecognized arguments: %s"),
    tr_noop("expected one argument"),
    tr_noop("expected at most one argument"),
    tr_noop("expected at least one argument"),
    tr_noop("expected %s argument"),
    tr_noop("expected %s arguments"),
    tr_noop("invalid %(type)s value: %(value)r"),
    tr_noop("one of the arguments %s is required"),
    tr_noop("not allowed with argument %s"),
    tr_noop("ambiguous option: %(option)s could match %(matches)s"),
    tr_noop("ignored explicit argument %r"),
    tr_noop("unknown parser %(parser_name)r (choices: %(choices)s)"),
    tr_noop("unexpected option string: %s"),
)


class ArgparseTranslation(gettext.NullTranslations):
    """argparse's words in the language the command line chose when they are written."""

    def gettext(self, message: str) -> str:
        # add_subparsers passes its description through ``_`` even when there is none.
        return translate(CONTEXT, message) if message else message

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return self.gettext(msgid1 if n == 1 else msgid2)


TRANSLATION = ArgparseTranslation()


def install_argparse_words() -> None:
    """Let argparse write its words through :data:`TRANSLATION` (idempotent)."""
    setattr(argparse, "_", TRANSLATION.gettext)  # noqa: B010 - not in argparse's stubs
    setattr(argparse, "ngettext", TRANSLATION.ngettext)  # noqa: B010


# ---- wrapping by display width -------------------------------------------------------------
#: Characters a terminal draws two columns wide (CJK, kana, full-width forms and punctuation).
_WIDE = "\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f" \
        "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6"
#: Punctuation that may not start a line, and punctuation that may not end one.
_CLOSING = "，。、；：？！）」』》〉】〕…％'\")"
_OPENING = "（「『《〈【〔'\"("
#: In English text quoting Chinese words (客户名称, 订单编号), a word is what spaces delimit.
_SPACED_WORD = re.compile(r"(\s*)(\S+)")
_LATIN = re.compile("[A-Za-z]")


@cache
def _chinese_word() -> re.Pattern[str]:
    """A word: opening punctuation, then one wide character or a run of narrow ones, then
    closing punctuation; the spaces before it are kept apart so a line never starts with one.
    Compiled when first needed (13 ms: English help never needs it)."""
    return re.compile(rf"(\s*)([{_OPENING}]*(?:[{_WIDE}]|[^\s{_WIDE}]+)[{_CLOSING}]*)")


@cache
def _wide() -> re.Pattern[str]:
    return re.compile(f"[{_WIDE}]")


def has_wide(text: str) -> bool:
    return not text.isascii() and _wide().search(text) is not None


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` columns: Chinese breaks between characters
    (never before a closing mark or after an opening one), English between words."""
    width = max(width, 11)
    chinese = 2 * len(_wide().findall(text)) >= len(_LATIN.findall(text))
    lines: list[str] = []
    line = ""
    for space, word in (_chinese_word() if chinese else _SPACED_WORD).findall(text):
        piece = (" " if space and line else "") + word
        if line and display_width(line + piece) > width:
            lines.append(line)
            line, piece = "", word
        while display_width(piece) > width:  # longer than a line (a path): cut it
            cut = _fitting(piece, width)
            lines.append(piece[:cut])
            piece = piece[cut:]
        line += piece
    if line:
        lines.append(line)
    return lines


def _fitting(text: str, width: int) -> int:
    """How many leading characters of ``text`` fit in ``width`` columns (at least one)."""
    used = 0
    for index, char in enumerate(text):
        used += display_width(char)
        if used > width:
            return max(index, 1)
    return len(text)


class HelpFormatter(argparse.HelpFormatter):
    """argparse's formatter, wrapping text with wide characters by the columns it takes (a
    Chinese character is two) and measuring a translated ``usage:`` the same way; text
    without one is formatted exactly as argparse does."""

    def _split_lines(self, text: str, width: int) -> list[str]:
        if not has_wide(text):
            return super()._split_lines(text, width)
        return wrap(self._whitespace_matcher.sub(" ", text).strip(), width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if not has_wide(text):
            return super()._fill_text(text, width, indent)
        lines = wrap(self._whitespace_matcher.sub(" ", text).strip(), width - len(indent))
        return "\n".join(indent + line for line in lines)

    def _format_usage(self, usage: str | None, actions: Iterable[argparse.Action],
                      groups: Iterable[argparse._MutuallyExclusiveGroup],
                      prefix: str | None) -> str:
        if prefix is None:
            prefix = TRANSLATION.gettext("usage: ")
        # argparse indents the usage's next lines by len(prefix): give it a stand-in as wide
        # as the prefix is drawn, then put the prefix back.
        stand_in = "u" * display_width(prefix)
        formatted = super()._format_usage(usage, actions, groups, stand_in)
        return prefix + formatted[len(stand_in):]
