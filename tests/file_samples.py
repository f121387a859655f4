"""Real files for the upload tests, built on the spot (no fixtures checked in)."""

from __future__ import annotations

import io

from PIL import Image

ELF_HEADER = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00\x3e\x00" + b"\x00" * 200


def png_1px() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (1, 1), (255, 0, 0)).save(out, format="PNG")
    return out.getvalue()


def jpeg_with_exif(size: tuple[int, int] = (64, 48)) -> bytes:
    """A JPEG carrying EXIF (camera maker and a GPS-like tag) to be stripped."""
    image = Image.new("RGB", size, (10, 200, 30))
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # Make
    exif[0x0131] = "leaky-software 1.0"  # Software
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes(), comment=b"private comment")
    return out.getvalue()


def pdf_minimal() -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
        b"trailer<</Root 1 0 R>>\n%%EOF\n"
    )


def truncated_png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (200, 200), (1, 2, 3)).save(out, format="PNG", compress_level=0)
    data = out.getvalue()
    return data[: len(data) // 2]


def oversized_png() -> bytes:
    return png_1px() + b"\x00" * (10 * 1024 * 1024)
