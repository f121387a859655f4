"""GET /api/v1/bundles: the public list of active bundles."""

from __future__ import annotations

from fastapi.testclient import TestClient

from castyou.api.app import api
from castyou.models.payments import CasTarsBundle
from castyou.services.payments import bundles


def test_lists_active_bundles_without_authentication(db):
    bundles.seed_bundles(db)
    pro = db.get(CasTarsBundle, "pro")
    pro.is_active = False
    db.add(pro)
    db.commit()
    response = TestClient(api).get("/api/v1/bundles")
    assert response.status_code == 200
    assert response.json() == [
        {
            "id": "starter",
            "name": "Starter",
            "stars": 500,
            "bonus_stars": 0,
            "price_cents": 499,
            "currency": "USD",
        },
        {
            "id": "popular",
            "name": "Popular",
            "stars": 1500,
            "bonus_stars": 150,
            "price_cents": 1299,
            "currency": "USD",
        },
    ]
