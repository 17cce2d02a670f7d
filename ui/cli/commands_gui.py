"""The ``screenshot`` subcommand: render a window of the desktop app to a PNG, headless.

Used for the README, documentation and bug reports. Qt is imported only when the command
runs, so the rest of the command line stays light.
"""

from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

from models.validation import tr_noop
from ui.cli.errors import UserError
from ui.cli.text import CONTEXT, t, translate

VIEW_CHOICES = ("today", "customers", "dashboard", "plans")
LANG_CHOICES = ("zh_CN", "en")
DEFAULT_SIZE = (1280, 800)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    shot = subparsers.add_parser(
        "screenshot", help=t("render the main window offscreen to a PNG"),
        description=t("Open the book, render the main window offscreen once it is fully loaded, "
                      "save it as a PNG and print the time from start to ready."))
    shot.add_argument("output", metavar="OUT.png", help=t("the PNG file to write"))
    shot.add_argument("--view", type=_view, default="customers",
                      metavar="{" + ",".join(VIEW_CHOICES) + ",customer:ID[:TAB]}",
                      help=t("which view to show (default: customers); customer:ID shows one "
                             "customer's workspace (ID, code or exact name; TAB e.g. score)"))
    shot.add_argument("--lang", choices=LANG_CHOICES, default=None,
                      help=t("interface language (default: the app's setting or the system's)"))
    shot.add_argument("--size", type=_size, default=DEFAULT_SIZE, metavar="WxH",
                      help=t("window size in pixels (default: 1280x800)"))
    shot.set_defaults(handler=run_screenshot)


def run_screenshot(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    from ui.gui.screenshot import ScreenshotError, take_screenshot

    width, height = args.size
    if args.db is not None and not args.db.is_file():
        raise UserError(t("no such database: {path}", path=args.db))
    if not Path(args.output).parent.is_dir():
        raise UserError(t("no such folder: {path}", path=Path(args.output).parent))
    try:
        result = take_screenshot(args.db, args.output, view=args.view, language=args.lang,
                                 size=(width, height), started=started)
    except ScreenshotError as error:
        raise UserError(translate(CONTEXT, error.template, error.params)) from None
    print(t("Saved {path} ({width}×{height}, {language}); ready in {seconds} s.",
            path=result.path, width=result.width, height=result.height,
            language=result.language, seconds=f"{result.ready_seconds:.2f}"))
    return 0


#: The screenshot's messages (ScreenshotError), here to be collected and translated; the
#: missing book and folder are t() above.
SCREENSHOT_MESSAGES = (
    tr_noop("could not write {path}"),
    tr_noop("unknown tab {tab}; choose from {tabs}"),
    tr_noop("name the customer: customer:ID, customer:CODE or customer:NAME"),
)


def _view(text: str) -> str:
    if text in VIEW_CHOICES or (text.startswith("customer:") and text != "customer:"):
        return text
    raise argparse.ArgumentTypeError(t("invalid choice: {text} (choose from {views} or "
                                       "customer:ID)", text=repr(text),
                                       views=", ".join(VIEW_CHOICES)))


def _size(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"\s*(\d+)\s*[xX×]\s*(\d+)\s*", text)
    if not match:
        raise argparse.ArgumentTypeError(t("not a size like 1280x800: {text}", text=repr(text)))
    width, height = int(match.group(1)), int(match.group(2))
    if not (320 <= width <= 8000 and 240 <= height <= 8000):
        raise argparse.ArgumentTypeError(t("width 320–8000 and height 240–8000 pixels"))
    return width, height
