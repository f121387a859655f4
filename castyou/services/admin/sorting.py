"""The whitelisted ORDER BY every sortable admin list shares."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from castyou.services.errors import InvalidInput


def order(sorts: Mapping[str, Any], sort: str, descending: bool, tiebreak: Any) -> list[Any]:
    """``sorts[sort]`` then ``tiebreak`` (a unique column, so pages never overlap), both in
    the same direction; a ``sort`` outside the whitelist is refused."""
    if not isinstance(sort, str) or sort not in sorts:
        raise InvalidInput("admin.invalid_filter")
    column = sorts[sort]
    if descending:
        return [column.desc(), tiebreak.desc()]
    return [column.asc(), tiebreak.asc()]
