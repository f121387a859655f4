"""Run every bench module (``make bench``); each prints its table, then one JSON line of all."""

from __future__ import annotations

import importlib
import json
import pkgutil
import sys

import bench


def main() -> int:
    figures = {}
    for info in sorted(pkgutil.iter_modules(bench.__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"bench.{info.name}")
        if hasattr(module, "run"):
            print(f"== bench.{info.name}", flush=True)
            figures[info.name] = module.run()
    print(json.dumps(figures, separators=(",", ":")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
