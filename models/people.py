"""People on our side: salespeople and their managers.

Each computer knows which of them is "me" (the default owner of what its user records, and
the first filter of the Today view); the team sync that comes later reuses these records to
name the members of a team.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial as p
from typing import ClassVar

from models.entities import _text
from models.enums import PersonRole
from models.record import Record
from models.validation import check_choice


@dataclass(kw_only=True)
class Person(Record):
    name: str
    role: PersonRole = PersonRole.SALESPERSON

    CHECKS: ClassVar = {
        "name": _text("name", required=True, max_len=80),
        "role": p(check_choice, "role", enum=PersonRole),
    }
