"""Strict shapes for what REST clients send: parsed before anything else runs.

Ids are integers that fit the id columns (``models/limits.ID_MAX``); strings are
bounded in length and limited to visible ASCII, so a NUL, a lone surrogate or a
number past the column's range is a 422, never a database error.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Query
from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr

from castyou.models.limits import ID_MAX
from castyou.services.castars.earn_rules import EARN_RULES

VISIBLE_ASCII = r"^[\x21-\x7e]+$"
CURSOR = r"^[A-Za-z0-9_-]+$"
SUBJECT_MAX = 64
CURSOR_MAX = 64

RecordId = Annotated[StrictInt, Field(ge=1, le=ID_MAX)]
SubjectText = Annotated[
    StrictStr, Field(min_length=1, max_length=SUBJECT_MAX, pattern=VISIBLE_ASCII)
]
SubjectNumber = Annotated[StrictInt, Field(ge=0, le=ID_MAX)]
UserIdPath = Annotated[int, Path(ge=1, le=ID_MAX, description="A user id")]
CursorQuery = Annotated[
    str | None,
    Query(
        min_length=1,
        max_length=CURSOR_MAX,
        pattern=CURSOR,
        description="`next_cursor` of the previous page",
    ),
]


class AwardIn(BaseModel):
    """``POST /awards``: pay ``rule`` once for ``subject_id`` to ``user_id``."""

    model_config = ConfigDict(extra="ignore")
    user_id: RecordId
    rule: StrictStr = Field(max_length=64, json_schema_extra={"enum": list(EARN_RULES)})
    subject_id: SubjectText | SubjectNumber
