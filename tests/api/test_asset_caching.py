"""Hashed build files are cached for a year; everything else keeps its own headers."""

from __future__ import annotations

from fastapi.testclient import TestClient
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from castyou.api.caching import IMMUTABLE, immutable_assets, is_hashed_asset


def _client() -> TestClient:
    async def ok(request):  # type: ignore[no-untyped-def]
        return PlainTextResponse("x", headers={"Cache-Control": "no-cache"})

    async def missing(request):  # type: ignore[no-untyped-def]
        return PlainTextResponse("gone", status_code=404)

    inner = Starlette(
        routes=[
            Route("/assets/root-DqPaDFUj.js", ok),
            Route("/assets/gone-AAAAAAAA.js", missing),
            Route("/login", ok),
            Route("/favicon.ico", ok),
        ]
    )
    return TestClient(immutable_assets(inner))


def test_hashed_assets_are_immutable_for_a_year():
    response = _client().get("/assets/root-DqPaDFUj.js")
    assert response.headers["cache-control"] == IMMUTABLE.decode()
    assert response.headers.get_list("cache-control") == [IMMUTABLE.decode()]


def test_pages_unhashed_files_and_errors_are_not_made_immutable():
    client = _client()
    assert client.get("/login").headers["cache-control"] == "no-cache"
    assert client.get("/favicon.ico").headers["cache-control"] == "no-cache"
    assert "cache-control" not in client.get("/assets/gone-AAAAAAAA.js").headers


def test_only_vite_hash_names_count():
    assert is_hashed_asset("/assets/_admin_._castars_._index-DUKBBV75.js")
    assert is_hashed_asset("/assets/root-Ab_-9xYz.css")
    assert not is_hashed_asset("/assets/logo.svg")
    assert not is_hashed_asset("/checkout.js")
    assert not is_hashed_asset("/assets/../secret-DqPaDFUj.js/x")
