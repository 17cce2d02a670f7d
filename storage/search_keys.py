"""Sort and search keys for names: Chinese sorts by pinyin, and 'hwjs' finds 华为技术.

Both keys are stored in ``customers`` (``name_sort``, ``search_text``) and kept up to date on
every write, which turns sorting and search-as-you-type into plain indexed SQL.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_SPACES = re.compile(r"\s+")
_WORD_BREAK = re.compile(r"[^\w]+")
SEPARATOR = "\x1f"


@lru_cache(maxsize=65_536)
def pinyin_syllables(text: str) -> tuple[str, ...]:
    """Pinyin of each Han character (non-Han runs kept as they are), lower case."""
    if not _HAN.search(text):
        return (text.lower(),)
    # Imported on the first Chinese name: its tables take about 50 MB, which a window that
    # only reads the book (search matches stored keys) never needs.
    from pypinyin import Style, lazy_pinyin

    return tuple(s.lower() for s in lazy_pinyin(text, style=Style.NORMAL, errors="default"))


def _syllables(text: str, parts: Sequence[str] | None) -> list[str]:
    """Syllables of ``text``; when the caller knows its parts (demo names are built from a few
    hundred pieces), each piece is converted once and cached."""
    pieces = parts if parts is not None else (text,)
    return [s for piece in pieces for s in pinyin_syllables(piece)]


def sort_key(name: str, parts: Sequence[str] | None = None) -> str:
    """Key that orders Chinese and Latin names together, alphabetically by pronunciation."""
    return _SPACES.sub(" ", " ".join(_syllables(name.strip(), parts))).strip()


def search_text(name: str, code: str = "", tags: Iterable[str] = (),
                contact_names: Iterable[str] = (), name_parts: Sequence[str] | None = None) -> str:
    """Lower-case haystack for substring search: the texts, their full pinyin and initials."""
    return _joined(_keys(name, name_parts), code, tags, contact_names)


def with_contacts(stored: str | None, name: str, code: str = "", tags: Iterable[str] = (),
                  contact_names: Iterable[str] = ()) -> str:
    """:func:`search_text` of the customer, its name's keys taken from ``stored`` (a search
    text made of the same name) instead of its pinyin worked out again: a contacts import
    puts the names of 230,000 contacts into 100,000 customers' texts. A stored text that is
    not one of this name (or none) is made anew."""
    count = _name_key_count(name)
    parts = stored.split(SEPARATOR, count)[:count] if stored else []
    if len(parts) < count or (count and parts[0] != name.lower()) or SEPARATOR in name:
        return search_text(name, code, tags, contact_names)
    return _joined(parts, code, tags, contact_names)


def _keys(text: str, parts: Sequence[str] | None = None) -> list[str]:
    """A name's keys: the text in lower case, and for Chinese its full pinyin and initials."""
    if not text:
        return []
    keys = [text.lower()]
    if _HAN.search(text):
        syllables = [s for s in _syllables(text, parts) if s.strip()]
        keys.append("".join(syllables).replace(" ", ""))
        keys.append("".join(s[0] for s in syllables if s[0].isalnum()))
    return keys


def _name_key_count(name: str) -> int:
    return 0 if not name else 3 if _HAN.search(name) else 1


def _joined(name_keys: list[str], code: str, tags: Iterable[str],
            contact_names: Iterable[str]) -> str:
    parts = list(name_keys)
    for text in contact_names:
        parts.extend(_keys(text))
    if code:
        parts.append(code.lower())
    parts.extend(t.lower() for t in tags if t)
    return SEPARATOR.join(parts)


def normalise_query(query: str) -> str:
    """What the user typed, as matched against :func:`search_text` (case and spaces ignored)."""
    return query.strip().lower()


def search_rank(haystack: str, query: str) -> int:
    """How well a :func:`search_text` matches ``query`` (normalised), best first:

    0. the name, its pinyin or its initials start with it ("hw" and 华为技术, "apex" and
       Apex Foods);
    1. a word of the name, or a run of its initials, starts with it (北京海伟 for "hw");
    2. the name or its pinyin holds it anywhere;
    3. only a contact, the code or a tag holds it.
    """
    parts = haystack.split(SEPARATOR)
    name = parts[0]
    # A Chinese name is followed by its full pinyin and its initials; any other by the
    # contacts' texts, the code and the tags.
    keys = parts[:3] if _HAN.search(name) else parts[:1]
    if any(key.startswith(query) for key in keys):
        return 0
    initials = keys[2] if len(keys) == 3 else ""
    if query in initials or any(word.startswith(query) for word in _WORD_BREAK.split(name)):
        return 1
    if any(query in key for key in keys):
        return 2
    return 3


def rank_matches(matches: Iterable[tuple[str, str]], query: str) -> list[str]:
    """The ids of ``matches`` (id, search text), best matches first; ties keep their order."""
    text = normalise_query(query)
    ranked = sorted(matches, key=lambda match: search_rank(match[1], text))
    return [customer_id for customer_id, _haystack in ranked]
