"""Checking and cleaning an upload: magic bytes, full decode, re-encode, thumbnail.

``python -m bench.uploads [--runs N]`` (``make bench`` calls ``run()``): the CPU cost
per file of :func:`castyou.services.concierge.file_checks.clean_upload` for a
12-megapixel JPEG photo, a 2-megapixel PNG and a PDF. The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import statistics
import time
from typing import Any

from PIL import Image

from castyou.services.concierge.file_checks import clean_upload


def _noise_image(size: tuple[int, int], fmt: str) -> bytes:
    """A photo-like image (random blocks compress like real content, not like a flat fill)."""
    rng = random.Random(7)
    small = Image.frombytes(
        "RGB", (size[0] // 16, size[1] // 16), rng.randbytes(size[0] * size[1] * 3 // 256)
    )
    out = io.BytesIO()
    small.resize(size, Image.Resampling.BILINEAR).save(out, format=fmt, quality=90)
    return out.getvalue()


def _samples() -> dict[str, bytes]:
    pdf = b"%PDF-1.4\n" + b"0" * 2_000_000 + b"\n%%EOF\n"
    return {
        "jpeg_12mp": _noise_image((4000, 3000), "JPEG"),
        "png_2mp": _noise_image((1600, 1200), "PNG"),
        "pdf_2mb": pdf,
    }


def run(runs: int = 5) -> dict[str, Any]:
    """Median and max milliseconds per kind over ``runs`` cleanings."""
    results: dict[str, Any] = {"bench": "upload_clean", "runs": runs}
    for name, data in _samples().items():
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            clean_upload(data)
            times.append((time.perf_counter() - started) * 1000)
        results[name] = {
            "bytes": len(data),
            "p50_ms": round(statistics.median(times), 1),
            "max_ms": round(max(times), 1),
        }
        print(
            f"{name:10} {len(data):>10,} B  p50 {results[name]['p50_ms']:>8} ms  "
            f"max {results[name]['max_ms']:>8} ms",
            flush=True,
        )
    return results


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    print(json.dumps(run(parser.parse_args().runs), separators=(",", ":")))
