"""Fulfilling a concierge request with files: the team's deliverables next to candidates."""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session

from castyou.db import transaction
from castyou.models.concierge import ConciergeRequest
from castyou.models.support import FileRole
from castyou.services.admin.concierge import fulfill_concierge_request
from castyou.services.concierge import files
from castyou.services.roles import require_admin
from castyou.storage import get_storage


def fulfill_with_files(
    *,
    session: Session,
    actor_id: int,
    request_id: int,
    candidates: object,
    note: str = "",
    uploads: Sequence[tuple[str, bytes]] = (),
) -> ConciergeRequest:
    """Attach ``uploads`` as fulfilment files and fulfil, in one transaction.

    Candidates may be empty when the request has fulfilment files (new or attached
    before). If the fulfilment fails, the new files' rows and bytes are gone too.
    """
    require_admin(session, actor_id)
    rows = []
    try:
        with transaction(session):
            if uploads:
                rows = files.attach_files(
                    session=session, actor_id=actor_id, request_id=request_id, uploads=uploads
                )
            attached = files.list_files(session=session, actor_id=actor_id, request_id=request_id)
            has_files = any(row.role == FileRole.FULFILMENT for row in attached)
            return fulfill_concierge_request(
                session=session,
                actor_id=actor_id,
                request_id=request_id,
                candidates=candidates,
                note=note,
                files_only=has_files,
            )
    except BaseException:
        storage = get_storage()
        for row in rows:
            for key in (row.storage_key, row.thumb_key):
                if key:
                    storage.delete(key)
        raise
