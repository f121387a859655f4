"""The files block of a concierge request: thumbnails, links and an upload with progress."""

from __future__ import annotations

import reflex as rx

from castyou.components.i18n import tr
from castyou.state.concierge_files import UPLOAD_ID, ConciergeFilesState, FileView

_ACCEPT = {
    "image/png": [".png"],
    "image/jpeg": [".jpg", ".jpeg"],
    "image/webp": [".webp"],
    "image/gif": [".gif"],
    "application/pdf": [".pdf"],
}


def _file_tile(item: FileView) -> rx.Component:
    preview = rx.cond(
        item.thumb_url != "",
        rx.image(src=item.thumb_url, alt=item.name, height="96px", class_name="file-thumb"),
        rx.center(rx.icon("file-text", size=40), height="96px", width="96px"),
    )
    return rx.link(
        rx.vstack(
            preview,
            rx.text(item.name, size="1", trim="both", max_width="120px", class_name="file-name"),
            rx.text(item.size_text, size="1", color_scheme="gray"),
            rx.cond(item.team, rx.badge(tr("files.team_title"), size="1")),
            spacing="1",
            align="center",
        ),
        href=item.url,
        is_external=True,
        class_name="file-tile",
    )


def files_block(can_upload: rx.Var[bool] | bool = True) -> rx.Component:
    """The shown request's files and, while it is open, an upload box.

    The service decides the new files' role (references or fulfilment) from the viewer.
    """
    return rx.vstack(
        rx.text(tr("files.title"), weight="medium"),
        rx.hstack(
            rx.foreach(ConciergeFilesState.files, _file_tile),
            wrap="wrap",
            spacing="3",
            id="request-files",
        ),
        rx.cond(can_upload, _upload_box()),
        spacing="2",
        width="100%",
        class_name="files-block",
    )


def _upload_box() -> rx.Component:
    return rx.vstack(
        rx.upload(
            rx.vstack(
                rx.icon("upload"),
                rx.text(tr("files.choose"), size="2"),
                rx.text(tr("files.hint"), size="1", color_scheme="gray"),
                align="center",
                spacing="1",
            ),
            id=UPLOAD_ID,
            multiple=True,
            max_files=5,
            accept=_ACCEPT,
            border="1px dashed var(--gray-8)",
            border_radius="8px",
            padding="1rem",
            width="100%",
        ),
        rx.hstack(
            rx.foreach(
                rx.selected_files(UPLOAD_ID),
                lambda name: rx.badge(name, variant="soft", class_name="selected-file"),
            ),
            wrap="wrap",
        ),
        rx.hstack(
            rx.button(
                tr("files.upload"),
                id="files-upload",
                size="1",
                on_click=ConciergeFilesState.upload(  # type: ignore[operator]
                    rx.upload_files(
                        upload_id=UPLOAD_ID,
                        on_upload_progress=ConciergeFilesState.upload_progress,  # type: ignore[arg-type]
                    )
                ),
            ),
            rx.cond(
                ConciergeFilesState.uploading,
                rx.hstack(
                    rx.progress(value=ConciergeFilesState.upload_percent, width="160px"),
                    rx.text(ConciergeFilesState.upload_percent.to_string(), "%", size="1"),
                    align="center",
                    id="upload-progress",
                ),
            ),
            align="center",
        ),
        spacing="2",
        width="100%",
    )
