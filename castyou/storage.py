"""Where uploaded bytes live: a small interface so an object store can replace the disk.

Keys are opaque, server-chosen strings (never a client's file name), so a key can
neither escape the storage root nor be guessed from anything the client saw.
"""

from __future__ import annotations

import os
import re
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from castyou.settings import get_settings

_KEY_RE = re.compile(r"^[A-Za-z0-9_-]{8,80}$")


class Storage(Protocol):
    """Put, read and delete blobs by key."""

    def put(self, key: str, data: bytes) -> None: ...

    def get(self, key: str) -> bytes | None: ...

    def delete(self, key: str) -> None: ...


class LocalStorage:
    """Files under one directory (``CASTYOU_UPLOADS_DIR``, default ``data/uploads``)."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: str) -> Path:
        if not _KEY_RE.match(key):
            raise ValueError("invalid storage key")
        return self.root / key[:2] / key

    def put(self, key: str, data: bytes) -> None:
        """Write atomically: a reader sees the whole file or none of it."""
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def get(self, key: str) -> bytes | None:
        path = self._path(key)
        return path.read_bytes() if path.is_file() else None

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)


@lru_cache
def get_storage() -> Storage:
    """The configured storage (local disk today)."""
    return LocalStorage(Path(get_settings().uploads_dir))
