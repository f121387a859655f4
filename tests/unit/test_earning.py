"""Earning rules: rewards, once per subject, daily caps across the UTC day boundary."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from castyou.models.user import Role
from castyou.services import accounts
from castyou.services.castars import ledger
from castyou.services.castars.earn_rules import EARN_RULES, PROFILE_SECTIONS
from castyou.services.castars.earning import award_stars
from castyou.services.casting import profiles
from castyou.services.errors import InvalidInput, NotFound
from tests.casting_factories import BASICS, make_application, make_job
from tests.factories import PASSWORD, make_user
from tests.ledger_checks import assert_ledger_consistent


def test_each_profile_section_pays_once(db):
    talent = make_user(db)
    for section in PROFILE_SECTIONS:
        result = award_stars(
            session=db, user_id=talent.id, rule="profile_section_completed", subject_id=section
        )
        assert result.awarded == 50
    again = award_stars(
        session=db, user_id=talent.id, rule="profile_section_completed", subject_id="bio"
    )
    assert (again.awarded, again.reason, again.balance) == (0, "duplicate", 300)
    with pytest.raises(InvalidInput):
        award_stars(
            session=db, user_id=talent.id, rule="profile_section_completed", subject_id="hobbies"
        )


def test_repeat_award_returns_the_original_entry(db):
    talent = make_user(db)
    first = award_stars(session=db, user_id=talent.id, rule="hired", subject_id="job-7")
    again = award_stars(session=db, user_id=talent.id, rule="hired", subject_id="job-7")
    assert first.awarded == 200 and again.awarded == 0 and again.entry_id == first.entry_id
    assert ledger.get_balance(session=db, user_id=talent.id).balance == 200


def test_profile_views_count_producers_once_a_day_up_to_three(db):
    talent = make_user(db, Role.TALENT)
    producers = [make_user(db, Role.PRODUCER) for _ in range(5)]
    other_talent = make_user(db, Role.TALENT)
    day = datetime(2026, 11, 23, 23, 59, tzinfo=UTC)

    def view(viewer, at=day):
        return award_stars(
            session=db, user_id=talent.id, rule="profile_viewed", subject_id=str(viewer.id), now=at
        )

    assert view(talent).reason == "self_view"
    assert view(other_talent).reason == "not_a_producer"
    assert view(producers[0]).awarded == 5
    assert view(producers[0]).reason == "duplicate"
    assert view(producers[1]).awarded == 5
    assert view(producers[2]).awarded == 5
    assert view(producers[3]).reason == "daily_cap"
    next_day = day + timedelta(minutes=2)
    assert view(producers[0], next_day).awarded == 5
    assert view(producers[3], next_day).awarded == 5
    assert ledger.get_balance(session=db, user_id=talent.id).balance == 25


def test_referral_pays_the_referrer_once_the_account_is_real_and_never_self(db):
    referrer = make_user(db)
    referred = accounts.sign_up(
        session=db,
        client_address="203.0.113.7",
        email="ref@example.test",
        password=PASSWORD,
        display_name="Ref",
        role="TALENT",
        referral_code=referrer.referral_code,
    )
    assert ledger.get_balance(session=db, user_id=referrer.id).balance == 0  # pending
    early = award_stars(
        session=db, user_id=referrer.id, rule="referral_signup", subject_id=str(referred.id)
    )
    assert (early.awarded, early.reason) == (0, "referral_pending")
    profiles.save_talent_section(session=db, user_id=referred.id, section="basics", data=BASICS)
    assert ledger.get_balance(session=db, user_id=referrer.id).balance == 0  # no application yet
    make_application(db, referred, make_job(db, make_user(db, Role.PRODUCER)))
    assert ledger.get_balance(session=db, user_id=referrer.id).balance == 100
    again = award_stars(
        session=db, user_id=referrer.id, rule="referral_signup", subject_id=str(referred.id)
    )
    assert (again.awarded, again.reason) == (0, "duplicate")
    assert ledger.get_balance(session=db, user_id=referrer.id).balance == 100
    with pytest.raises(InvalidInput):
        award_stars(
            session=db, user_id=referrer.id, rule="referral_signup", subject_id=str(referrer.id)
        )
    assert_ledger_consistent(db, referrer.id)


def test_unknown_rule_user_or_subject_is_refused(db):
    talent = make_user(db)
    with pytest.raises(InvalidInput):
        award_stars(session=db, user_id=talent.id, rule="free_money", subject_id="x")
    with pytest.raises(NotFound):
        award_stars(session=db, user_id=987_654, rule="hired", subject_id="x")
    with pytest.raises(InvalidInput):
        award_stars(session=db, user_id=talent.id, rule="hired", subject_id=" ")
    assert ledger.get_balance(session=db, user_id=talent.id).balance == 0


def test_rule_registry_matches_the_spec():
    assert {rule_id: rule.stars for rule_id, rule in EARN_RULES.items()} == {
        "profile_section_completed": 50,
        "application_submitted": 10,
        "profile_viewed": 5,
        "hired": 200,
        "referral_signup": 100,
    }
    assert EARN_RULES["profile_viewed"].daily_cap == 3
