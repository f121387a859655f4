"""Every string exists in English, Portuguese and Spanish."""

import pytest

from castyou.i18n import _all_messages, format_money, normalize_lang, t


def test_every_key_has_three_non_empty_translations():
    for key, texts in _all_messages().items():
        assert len(texts) == 3, key
        assert all(text.strip() for text in texts), key


def test_placeholders_match_across_languages():
    import string

    for key, texts in _all_messages().items():
        fields = [
            sorted({name for _, name, _, _ in string.Formatter().parse(text) if name})
            for text in texts
        ]
        assert fields[0] == fields[1] == fields[2], key


def test_translation_and_locale_formatting():
    assert t("nav.logout", "pt") == "Sair"
    assert t("error.insufficient_balance", "en", needed="1,200") == (
        "Not enough CasTars: you need 1,200 more."
    )
    assert format_money(1299, "USD", "en") == "$12.99"
    assert format_money(1299, "USD", "pt") == "US$\xa012,99"


@pytest.mark.parametrize(
    ("value", "expected"),
    [("pt-BR", "pt"), ("ES", "es"), ("fr", "en"), (None, "en"), (7, "en"), (["pt"], "en")],
)
def test_normalize_lang_takes_anything_browser_storage_can_hold(value: object, expected: str):
    assert normalize_lang(value) == expected
