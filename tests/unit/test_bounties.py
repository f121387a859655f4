"""Bounties: one reward per 500 lifetime stars, once, also under concurrent clicks."""

from __future__ import annotations

import threading

import pytest
from sqlmodel import select

from castyou.db import new_session
from castyou.models.bounty import BountyRedemption, FeatureGrant
from castyou.models.notification import Notification
from castyou.models.user import User
from castyou.services.castars import bounties, ledger
from castyou.services.castars.bounty_rewards import BOUNTY_REWARDS, BountyType
from castyou.services.errors import Conflict, InvalidInput
from tests.factories import fund, make_user


def _buy(db, user, stars: int, payment_id: str) -> None:
    ledger.credit_purchase(
        session=db, user_id=user.id, stars=stars, payment_id=payment_id, reason="Bundle"
    )


def test_milestones_unlock_every_500_lifetime_stars_and_spending_keeps_them(db):
    user = make_user(db)
    fund(db, user, 499)
    assert bounties.available_bounties(session=db, user_id=user.id) == []
    fund(db, user, 1)
    ledger.spend_stars(session=db, user_id=user.id, amount=500, reason="Boost")
    assert bounties.available_bounties(session=db, user_id=user.id) == [500]
    fund(db, user, 1100)
    status = bounties.bounty_status(session=db, user_id=user.id)
    assert status.available == [500, 1000, 1500]
    assert (status.progress, status.next_milestone) == (100, 2000)


def test_reaching_a_milestone_notifies_once(db):
    user = make_user(db)
    fund(db, user, 1200)
    notes = db.exec(select(Notification).where(Notification.user_id == user.id)).all()
    assert sorted(n.params["milestone"] for n in notes) == [500, 1000]
    assert all(n.kind == "bounty_unlocked" and n.link == "/castars" for n in notes)
    fund(db, user, 10)
    assert len(db.exec(select(Notification).where(Notification.user_id == user.id)).all()) == 2


@pytest.mark.parametrize("bounty_type", [t for t in BountyType if t.value != "BADGE_EARLY_ADOPTER"])
def test_grant_rewards_leave_a_grant_for_the_store(db, bounty_type):
    user = make_user(db)
    fund(db, user, 500)
    redemption = bounties.redeem_bounty(
        session=db, user_id=user.id, milestone=500, bounty_type=bounty_type.value
    )
    grant = db.exec(select(FeatureGrant).where(FeatureGrant.user_id == user.id)).one()
    reward = BOUNTY_REWARDS[bounty_type]
    assert (grant.kind, grant.duration_hours) == (reward.grant_kind, reward.duration_hours)
    assert grant.redemption_id == redemption.id and grant.consumed_at is None
    assert bounties.available_bounties(session=db, user_id=user.id) == []


def test_reward_durations_match_the_spec():
    assert BOUNTY_REWARDS[BountyType.PROFILE_BOOST_3DAY].duration_hours == 72
    assert BOUNTY_REWARDS[BountyType.PREMIUM_FILTER_WEEK].duration_hours == 7 * 24
    assert BOUNTY_REWARDS[BountyType.BADGE_EARLY_ADOPTER].grant_kind is None


def test_badge_reward_marks_the_user_and_cannot_be_taken_twice(db):
    user = make_user(db)
    fund(db, user, 1000)
    bounties.redeem_bounty(
        session=db, user_id=user.id, milestone=500, bounty_type="BADGE_EARLY_ADOPTER"
    )
    db.expire_all()
    assert db.get(User, user.id).badge_early_adopter is True
    with pytest.raises(InvalidInput, match="badge_owned"):
        bounties.redeem_bounty(
            session=db, user_id=user.id, milestone=1000, bounty_type="BADGE_EARLY_ADOPTER"
        )
    assert bounties.available_bounties(session=db, user_id=user.id) == [1000]


def test_a_milestone_is_redeemed_once(db):
    user = make_user(db)
    fund(db, user, 500)
    bounties.redeem_bounty(
        session=db, user_id=user.id, milestone=500, bounty_type="FEATURED_JOB_CREDIT"
    )
    with pytest.raises(Conflict):
        bounties.redeem_bounty(
            session=db, user_id=user.id, milestone=500, bounty_type="PROFILE_BOOST_3DAY"
        )
    assert len(db.exec(select(FeatureGrant)).all()) == 1


@pytest.mark.parametrize(
    ("milestone", "bounty_type", "code"),
    [
        (1000, "PROFILE_BOOST_3DAY", "castars.bounty_not_reached"),
        (750, "PROFILE_BOOST_3DAY", "castars.bounty_invalid_milestone"),
        (0, "PROFILE_BOOST_3DAY", "castars.bounty_invalid_milestone"),
        ("500", "PROFILE_BOOST_3DAY", "castars.bounty_invalid_milestone"),
        (True, "PROFILE_BOOST_3DAY", "castars.bounty_invalid_milestone"),
        (500, "FREE_MONEY", "castars.bounty_invalid_type"),
        (500, None, "castars.bounty_invalid_type"),
    ],
)
def test_bad_or_unreached_milestones_are_refused(db, milestone, bounty_type, code):
    user = make_user(db)
    fund(db, user, 600)
    with pytest.raises(InvalidInput) as error:
        bounties.redeem_bounty(
            session=db, user_id=user.id, milestone=milestone, bounty_type=bounty_type
        )
    assert error.value.code == code
    assert db.exec(select(BountyRedemption)).all() == []


def test_concurrent_clicks_redeem_once(engine, db):
    user = make_user(db)
    fund(db, user, 500)
    barrier = threading.Barrier(8)
    outcomes: list[str] = []

    def click() -> None:
        with new_session(engine) as session:
            barrier.wait()
            try:
                bounties.redeem_bounty(
                    session=session,
                    user_id=user.id,
                    milestone=500,
                    bounty_type="PROFILE_BOOST_3DAY",
                )
                outcomes.append("ok")
            except Conflict:
                outcomes.append("conflict")

    threads = [threading.Thread(target=click) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["conflict"] * 7 + ["ok"]
    assert len(db.exec(select(FeatureGrant)).all()) == 1


def test_reversed_purchase_cannot_farm_bounties(db):
    user = make_user(db)
    _buy(db, user, 500, "pi_1")
    bounties.redeem_bounty(
        session=db, user_id=user.id, milestone=500, bounty_type="FEATURED_JOB_CREDIT"
    )
    ledger.reverse_purchase(session=db, user_id=user.id, stars=500, refund_id="re_1", reason="R")
    assert ledger.get_balance(session=db, user_id=user.id).lifetime_stars == 0
    status = bounties.bounty_status(session=db, user_id=user.id)
    assert [r.milestone for r in status.redeemed] == [500] and status.available == []
    _buy(db, user, 500, "pi_2")
    assert bounties.available_bounties(session=db, user_id=user.id) == []
    with pytest.raises(Conflict):
        bounties.redeem_bounty(
            session=db, user_id=user.id, milestone=500, bounty_type="PROFILE_BOOST_3DAY"
        )
    notes = db.exec(select(Notification).where(Notification.user_id == user.id)).all()
    assert len(notes) == 1


def test_unredeemed_milestone_lost_by_a_refund_is_no_longer_available(db):
    user = make_user(db)
    _buy(db, user, 500, "pi_1")
    ledger.reverse_purchase(session=db, user_id=user.id, stars=500, refund_id="re_1", reason="R")
    assert bounties.available_bounties(session=db, user_id=user.id) == []
    with pytest.raises(InvalidInput):
        bounties.redeem_bounty(
            session=db, user_id=user.id, milestone=500, bounty_type="PROFILE_BOOST_3DAY"
        )
