"""Files on the concierge request open on a page: list, thumbnails, upload with progress.

Shared by /concierge (the requester attaches references) and /admin/concierge (an
admin attaches fulfilment files); the service decides which from the viewer's role
and refuses anyone else. ``request_id`` is client-settable, so it is only an id the
service checks again on every call.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

import reflex as rx
from reflex.event import EventSpec

from castyou.i18n import format_number
from castyou.models.support import ConciergeFile, FileRole
from castyou.services.concierge import files
from castyou.services.concierge.file_checks import MAX_FILE_BYTES
from castyou.services.concierge.file_links import file_link
from castyou.services.errors import CasTyouError
from castyou.state import args
from castyou.state.guard import Ctx, PublicCtx, guarded, public
from castyou.state.live_registry import on_change
from castyou.state.session import SessionState

UPLOAD_ID = "concierge-files"


@dataclass
class FileView:
    """A file as a page shows it: signed links for this viewer, never a storage path."""

    id: str = ""
    name: str = ""
    url: str = ""
    thumb_url: str = ""
    size_text: str = ""
    team: bool = False


def file_view(row: ConciergeFile, viewer_id: int, lang: str) -> FileView:
    kb = max(1, round(row.size_bytes / 1024))
    return FileView(
        id=row.public_id,
        name=row.filename,
        url=file_link(row.public_id, viewer_id=viewer_id),
        thumb_url=file_link(row.public_id, viewer_id=viewer_id, thumbnail=True)
        if row.thumb_key
        else "",
        size_text=f"{format_number(kb, lang)} KB",
        team=row.role == FileRole.FULFILMENT,
    )


class ConciergeFilesState(SessionState):
    """The files of one request and the upload in progress."""

    files_request_id: int = 0
    files: rx.Field[list[FileView]] = rx.field(default_factory=list)
    upload_percent: rx.Field[int] = rx.field(0)
    uploading: bool = False

    def _reload_files(self, ctx: Ctx) -> None:
        if not self.files_request_id:
            self.files = []
            return
        rows = files.list_files(
            session=ctx.db, actor_id=ctx.viewer.id, request_id=self.files_request_id
        )
        self.files = [file_view(row, ctx.viewer.id, self.lang) for row in rows]

    @rx.event
    @guarded()
    def show_files(self, ctx: Ctx, request_id: int) -> None:
        """Show the files of ``request_id`` (0 hides them)."""
        self.files_request_id = args.integer(request_id, low=0, high=2**31 - 1)
        self.files = []
        self._reload_files(ctx)

    @rx.event
    @guarded(page_load=True)
    def refresh_files(self, ctx: Ctx) -> None:
        """Live: the request's files may have changed (the other side attached some)."""
        try:
            self._reload_files(ctx)
        except CasTyouError:
            self.files_request_id, self.files = 0, []
            raise

    @rx.event
    @public()
    def upload_progress(self, ctx: PublicCtx, progress: dict[str, Any]) -> None:
        fraction = progress.get("progress", 0) if isinstance(progress, dict) else 0
        fraction = fraction if isinstance(fraction, (int, float)) else 0
        self.uploading = fraction < 1
        self.upload_percent = max(0, min(100, round(fraction * 100)))

    @rx.event
    @guarded()
    async def upload(self, ctx: Ctx, files_in: list[rx.UploadFile]) -> list[EventSpec] | None:
        """Check and attach the chosen files (all or none) to the shown request."""
        self.uploading = False
        self.upload_percent = 0
        # One byte past the limit is enough to know a file is too large.
        uploads = [(item.filename or "", await item.read(MAX_FILE_BYTES + 1)) for item in files_in]
        # Decoding and re-encoding images is CPU work: keep it off the event loop.
        await asyncio.to_thread(
            files.attach_files,
            session=ctx.db,
            actor_id=ctx.viewer.id,
            request_id=args.record_id(self.files_request_id),
            uploads=uploads,
        )
        self._reload_files(ctx)
        return [
            rx.clear_selected_files(UPLOAD_ID),
            self._success("files.uploaded", count=len(uploads)),
        ]


on_change("requests", ConciergeFilesState.refresh_files)
on_change("request", ConciergeFilesState.refresh_files)
on_change("concierge_queue", ConciergeFilesState.refresh_files)
