"""Settings fail at start with a message naming the variable."""

import pytest

from castyou.settings import Settings, get_settings


def _load(monkeypatch, **env):
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    get_settings.cache_clear()
    try:
        return get_settings()
    finally:
        get_settings.cache_clear()


def test_invalid_database_url_names_the_variable(monkeypatch, capsys):
    with pytest.raises(SystemExit):
        _load(monkeypatch, DATABASE_URL="mysql://nope")
    assert "DATABASE_URL" in capsys.readouterr().err


def test_production_requires_a_real_secret(monkeypatch, capsys):
    monkeypatch.delenv("CASTYOU_SECRET", raising=False)
    with pytest.raises(SystemExit):
        _load(monkeypatch, CASTYOU_ENV="production")
    assert "CASTYOU_SECRET" in capsys.readouterr().err


def test_defaults_are_sqlite_and_local_payments(monkeypatch):
    for name in ("DATABASE_URL", "STRIPE_SECRET_KEY", "REDIS_URL"):
        monkeypatch.delenv(name, raising=False)
    settings = Settings()
    assert settings.is_sqlite
    assert settings.payment_mode == "local"
    assert settings.webhook_secret.startswith("whsec_")


def test_api_keys_are_comma_separated(monkeypatch):
    settings = _load(monkeypatch, CASTYOU_API_KEYS="k" * 20 + " , " + "m" * 20)
    assert settings.api_keys == ["k" * 20, "m" * 20]


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("CASTYOU_DB_TIMEOUT", "0"),
        ("CASTYOU_DB_TIMEOUT", "soon"),
        ("CASTYOU_DB_CONNECT_TIMEOUT", "0"),
        ("CASTYOU_REQUEST_TIMEOUT", "-1"),
    ],
)
def test_timeouts_must_be_positive(monkeypatch, capsys, name, value):
    with pytest.raises(SystemExit):
        _load(monkeypatch, **{name: value})
    assert name in capsys.readouterr().err


def test_timeout_defaults(monkeypatch):
    settings = _load(monkeypatch)
    assert (settings.db_timeout, settings.db_connect_timeout, settings.request_timeout) == (5, 3, 8)
