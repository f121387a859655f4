"""Screenshots at phone and desktop widths in both themes, and axe-core accessibility checks."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "test-results" / "polish"
WIDTHS = {"desktop": (1280, 800), "phone": (390, 844)}
THEMES = ("light", "dark")
BLOCKING = {"serious", "critical"}


def axe_script() -> Path:
    """axe-core from the npm registry (``make e2e`` installs it into .tools)."""
    configured = os.environ.get("AXE_CORE_JS")
    path = Path(configured) if configured else ROOT / ".tools/node_modules/axe-core/axe.min.js"
    if not path.is_file():
        pytest.fail(f"axe-core not installed at {path}: run `make e2e` (or set AXE_CORE_JS)")
    return path


def _set_theme(page: Page, theme: str) -> None:
    page.emulate_media(color_scheme=theme)
    page.evaluate(
        """(theme) => {
            const root = document.documentElement;
            root.classList.remove('light', 'dark');
            root.classList.add(theme);
            root.style.colorScheme = theme;
        }""",
        theme,
    )


def axe_violations(page: Page) -> list[dict]:
    """Serious and critical axe-core violations on the current page."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(axe_script()))
    results = page.evaluate(
        """async () => (await window.axe.run(document, {resultTypes: ['violations']}))
            .violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                   nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))"""
    )
    return [v for v in results if v["impact"] in BLOCKING]


def check_page(page: Page, name: str) -> None:
    """Screenshot ``page`` at both widths in both themes and fail on blocking axe findings."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    original = page.viewport_size
    problems: list[str] = []
    for width_name, (width, height) in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": height})
        for theme in THEMES:
            _set_theme(page, theme)
            page.wait_for_timeout(500)  # theme and toast transitions settle first
            page.screenshot(path=str(SHOTS / f"{name}-{width_name}-{theme}.png"), full_page=True)
            problems += [
                f"{width_name}/{theme}: {v['id']} ({v['impact']}) {v['help']} at {v['nodes']}"
                for v in axe_violations(page)
            ]
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if overflow > 1:
            problems.append(f"{width_name}: the page scrolls sideways by {overflow}px")
    _set_theme(page, "light")
    if original:
        page.set_viewport_size(original)
    assert not problems, f"{name}:\n" + "\n".join(dict.fromkeys(problems))
