"""Candidate cleaning: what the requester will click must be a plain web link."""

from __future__ import annotations

import pytest

from castyou.services.concierge.candidates import MAX_CANDIDATES, clean_candidates
from castyou.services.errors import InvalidInput


def test_trims_drops_empty_rows_and_duplicates():
    assert clean_candidates(
        [
            {"name": "  Ana ", "link": "https://a.example/x ", "notes": " tall "},
            {"name": " ", "link": "  ", "notes": ""},
            {"name": "ANA", "link": "HTTPS://A.EXAMPLE/X", "notes": "dup"},
            {"name": "Bo", "link": "http://b.example"},
        ]
    ) == [
        {"name": "Ana", "link": "https://a.example/x", "notes": "tall"},
        {"name": "Bo", "link": "http://b.example", "notes": ""},
    ]


@pytest.mark.parametrize(
    "link",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "ftp://files.example/a",
        "//evil.example",
        "https://",
        "https://exa mple.com",
        "https://a.example/\nx",
        "vbscript:msgbox",
        "example.com",
    ],
)
def test_non_web_links_are_refused_with_the_row_number(link):
    with pytest.raises(InvalidInput) as raised:
        clean_candidates(
            [{"name": "Ok", "link": "https://ok.example"}, {"name": "X", "link": link}]
        )
    assert raised.value.code == "concierge.candidate_link_invalid"
    assert raised.value.params == {"row": 2}


def test_each_candidate_needs_a_name():
    with pytest.raises(InvalidInput) as raised:
        clean_candidates([{"name": "", "link": "https://a.example"}])
    assert (raised.value.code, raised.value.params) == (
        "concierge.candidate_name_required",
        {"row": 1},
    )


@pytest.mark.parametrize(
    "rows",
    [None, "Ana", [], [{"name": ""}], ["Ana"], [{"name": 5}], [{"name": "A", "link": ["x"]}]],
)
def test_malformed_or_empty_lists_are_refused(rows):
    with pytest.raises(InvalidInput):
        clean_candidates(rows)


def test_limits():
    with pytest.raises(InvalidInput):
        clean_candidates([{"name": f"N{n}"} for n in range(MAX_CANDIDATES + 1)])
    with pytest.raises(InvalidInput):
        clean_candidates([{"name": "x" * 121}])
    assert len(clean_candidates([{"name": f"N{n}"} for n in range(MAX_CANDIDATES)])) == 20
