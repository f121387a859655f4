"""Spending on features: effects, expiry, extension, ownership, roles, bounty grants."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from castyou.clock import utcnow
from castyou.models.bounty import FeatureGrant
from castyou.models.ledger import LedgerEntry
from castyou.models.store import ActiveFeature
from castyou.models.user import Role
from castyou.services.casting import discover, jobs, profiles
from castyou.services.casting.discover import DiscoverFilters
from castyou.services.errors import Conflict, InsufficientBalance, NotAllowed
from castyou.services.store import activations
from castyou.services.store.features import FEATURES, Feature, features_for
from tests.casting_factories import balance, make_application, make_job, make_talent
from tests.factories import fund, make_user


def _age_all(db, feature: Feature, hours: float) -> None:
    """Move every activation of ``feature`` back in time (as if ``hours`` had passed)."""
    for row in db.exec(select(ActiveFeature).where(ActiveFeature.feature == feature.value)):
        row.starts_at -= timedelta(hours=hours)
        row.ends_at = row.ends_at - timedelta(hours=hours) if row.ends_at else None
        db.add(row)
    db.commit()


def _discover_names(db, producer) -> list[str]:
    page = discover.discover_talents(session=db, viewer_id=producer.id, filters=DiscoverFilters())
    return [card.name for card in page.cards]


def test_profile_boost_puts_the_talent_first_until_it_expires(db):
    producer = make_user(db, Role.PRODUCER)
    boosted = make_talent(db, name="Bo Boosted")
    make_talent(db, name="Newer Talent")
    fund(db, boosted, 250)
    activations.spend_on_feature(
        session=db, user_id=boosted.id, feature="PROFILE_BOOST", target_id=boosted.id
    )
    assert balance(db, boosted) == 50 + 250 - 200  # +50 for the basics section
    page = discover.discover_talents(session=db, viewer_id=producer.id, filters=DiscoverFilters())
    assert page.cards[0].name == "Bo Boosted" and page.cards[0].boosted
    _age_all(db, Feature.PROFILE_BOOST, 24)
    assert _discover_names(db, producer)[0] == "Newer Talent"


def test_buying_again_extends_the_end_time_without_overlap(db):
    talent = make_talent(db)
    fund(db, talent, 400)
    first = activations.spend_on_feature(
        session=db, user_id=talent.id, feature="PROFILE_BOOST", target_id=talent.id
    )
    second = activations.spend_on_feature(
        session=db, user_id=talent.id, feature="PROFILE_BOOST", target_id=talent.id
    )
    assert second.starts_at == first.ends_at
    assert second.ends_at - first.starts_at == timedelta(hours=48)
    [view] = activations.active_for_user(session=db, user_id=talent.id)
    assert view.ends_at == second.ends_at
    assert balance(db, talent) == 50


def test_short_balance_changes_nothing(db):
    talent = make_talent(db)
    fund(db, talent, 149)
    with pytest.raises(InsufficientBalance) as error:
        activations.spend_on_feature(
            session=db, user_id=talent.id, feature="PROFILE_BOOST", target_id=talent.id
        )
    assert error.value.params["needed"] == 1
    assert db.exec(select(ActiveFeature)).all() == []
    assert balance(db, talent) == 50 + 149


def test_spending_on_someone_elses_job_is_refused_and_nothing_changes(db):
    owner, other = make_user(db, Role.PRODUCER), make_user(db, Role.PRODUCER)
    job = make_job(db, owner)
    fund(db, other, 1000)
    with pytest.raises(NotAllowed):
        activations.spend_on_feature(
            session=db, user_id=other.id, feature="FEATURED_JOB", target_id=job.id
        )
    assert balance(db, other) == 1000
    assert db.exec(select(ActiveFeature)).all() == []
    assert db.exec(select(LedgerEntry).where(LedgerEntry.delta < 0)).all() == []


def test_other_targets_must_belong_to_the_caller(db):
    producer = make_user(db, Role.PRODUCER)
    alice, bob = make_talent(db), make_talent(db)
    application = make_application(db, alice, make_job(db, producer))
    fund(db, bob, 1000)
    for feature, target in (
        ("PROFILE_BOOST", alice.id),
        ("APPLICATION_PRIORITY", application.id),
        ("REEL_HIGHLIGHT", alice.id),
    ):
        with pytest.raises(NotAllowed):
            activations.spend_on_feature(
                session=db, user_id=bob.id, feature=feature, target_id=target
            )
    assert balance(db, bob) == 50 + 1000


@pytest.mark.parametrize(
    ("role", "feature"),
    [
        (Role.TALENT, "FEATURED_JOB"),
        (Role.TALENT, "ADVANCED_FILTERS"),
        (Role.PRODUCER, "PROFILE_BOOST"),
        (Role.PRODUCER, "APPLICATION_PRIORITY"),
        (Role.PRODUCER, "REEL_HIGHLIGHT"),
    ],
)
def test_features_that_do_not_fit_the_role_are_refused(db, role, feature):
    user = make_user(db, role)
    fund(db, user, 1000)
    with pytest.raises(NotAllowed) as error:
        activations.spend_on_feature(
            session=db, user_id=user.id, feature=feature, target_id=user.id
        )
    assert error.value.code == "store.not_for_role"
    assert balance(db, user) == 1000
    assert FEATURES[Feature(feature)] not in features_for(role)


def test_featured_job_is_pinned_on_top_for_48_hours(db):
    producer = make_user(db, Role.PRODUCER)
    old = make_job(db, producer, title="Older job to feature")
    make_job(db, producer, title="Newest job posted")
    fund(db, producer, 300)
    activations.spend_on_feature(
        session=db, user_id=producer.id, feature="FEATURED_JOB", target_id=old.id
    )
    first = jobs.list_jobs(session=db).cards[0]
    assert (first.title, first.featured) == ("Older job to feature", True)
    _age_all(db, Feature.FEATURED_JOB, 47.9)
    assert jobs.list_jobs(session=db).cards[0].featured
    _age_all(db, Feature.FEATURED_JOB, 0.2)
    assert jobs.list_jobs(session=db).cards[0].title == "Newest job posted"


def test_reel_highlight_shows_in_featured_reels_then_expires(db):
    talent = make_talent(db, name="Rea Reel")
    profiles.save_talent_section(
        session=db,
        user_id=talent.id,
        section="reel_links",
        data={"reel_links": "https://v.example/1"},
    )
    fund(db, talent, 150)
    assert discover.featured_reels(session=db) == []
    activations.spend_on_feature(
        session=db, user_id=talent.id, feature="REEL_HIGHLIGHT", target_id=talent.id
    )
    [reel] = discover.featured_reels(session=db)
    assert (reel.name, reel.reel_url) == ("Rea Reel", "https://v.example/1")
    _age_all(db, Feature.REEL_HIGHLIGHT, 24)
    assert discover.featured_reels(session=db) == []


def test_advanced_filters_are_locked_until_unlocked_and_relock_after_30_days(db):
    producer = make_user(db, Role.PRODUCER)
    make_talent(db, name="Young One", birth_year=str(utcnow().year - 20))
    make_talent(db, name="Older One", birth_year=str(utcnow().year - 50))
    filters = DiscoverFilters(min_age=18, max_age=30)
    with pytest.raises(NotAllowed):
        discover.discover_talents(session=db, viewer_id=producer.id, filters=filters)
    fund(db, producer, 500)
    activations.spend_on_feature(
        session=db, user_id=producer.id, feature="ADVANCED_FILTERS", target_id=producer.id
    )
    page = discover.discover_talents(session=db, viewer_id=producer.id, filters=filters)
    assert [card.name for card in page.cards] == ["Young One"]
    _age_all(db, Feature.ADVANCED_FILTERS, 30 * 24)
    with pytest.raises(NotAllowed):
        discover.discover_talents(session=db, viewer_id=producer.id, filters=filters)


def test_application_priority_sorts_first_and_cannot_be_bought_twice(db):
    producer = make_user(db, Role.PRODUCER)
    job = make_job(db, producer)
    early, late = make_talent(db, name="Early"), make_talent(db, name="Late")
    make_application(db, early, job)
    late_app = make_application(db, late, job)
    fund(db, late, 300)
    activations.spend_on_feature(
        session=db, user_id=late.id, feature="APPLICATION_PRIORITY", target_id=late_app.id
    )
    listed = jobs.applicants(session=db, producer_id=producer.id, job_id=job.id)
    assert [(a.talent_name, a.priority) for a in listed] == [("Late", True), ("Early", False)]
    with pytest.raises(Conflict):
        activations.spend_on_feature(
            session=db, user_id=late.id, feature="APPLICATION_PRIORITY", target_id=late_app.id
        )
    assert balance(db, late) == 50 + 300 + 10 - 100


def _grant(db, user, kind: str, hours: int) -> FeatureGrant:
    grant = FeatureGrant(user_id=user.id, kind=kind, duration_hours=hours)
    db.add(grant)
    db.commit()
    return grant


def test_bounty_grants_activate_without_spending_and_only_once(db):
    producer = make_user(db, Role.PRODUCER)
    grant = _grant(db, producer, "PREMIUM_FILTER_WEEK", 7 * 24)
    row = activations.consume_grant(
        session=db, user_id=producer.id, grant_id=grant.id, target_id=producer.id
    )
    assert row.ends_at - row.starts_at == timedelta(days=7)
    assert discover.filters_unlocked(session=db, user_id=producer.id)
    assert balance(db, producer) == 0
    with pytest.raises(Conflict):
        activations.consume_grant(
            session=db, user_id=producer.id, grant_id=grant.id, target_id=producer.id
        )


def test_a_grant_belongs_to_its_owner(db):
    talent, thief = make_talent(db), make_talent(db)
    grant = _grant(db, talent, "PROFILE_BOOST_3DAY", 72)
    with pytest.raises(NotAllowed):
        activations.consume_grant(
            session=db, user_id=thief.id, grant_id=grant.id, target_id=thief.id
        )
    db.refresh(grant)
    assert grant.consumed_at is None
    row = activations.consume_grant(
        session=db, user_id=talent.id, grant_id=grant.id, target_id=talent.id
    )
    assert row.ends_at - row.starts_at == timedelta(hours=72)


def test_revoked_features_stop_at_once(db):
    talent = make_talent(db)
    fund(db, talent, 200)
    activations.spend_on_feature(
        session=db, user_id=talent.id, feature="PROFILE_BOOST", target_id=talent.id
    )
    assert activations.revoke(session=db, user_id=talent.id, feature="PROFILE_BOOST") == 1
    assert not activations.is_active(session=db, feature=Feature.PROFILE_BOOST, target_id=talent.id)


def test_pinned_jobs_page_through_without_gaps_or_repeats(db):
    producer = make_user(db, Role.PRODUCER)
    posted = [make_job(db, producer, title=f"Job number {n}") for n in range(jobs.PAGE_SIZE + 2)]
    fund(db, producer, 600)
    for job in posted[:2]:
        activations.spend_on_feature(
            session=db, user_id=producer.id, feature="FEATURED_JOB", target_id=job.id
        )
    first, second = jobs.list_jobs(session=db, page=0), jobs.list_jobs(session=db, page=1)
    titles = [c.title for c in first.cards] + [c.title for c in second.cards]
    assert titles[:2] == ["Job number 1", "Job number 0"]
    assert sorted(titles) == sorted(j.title for j in posted)
    assert (first.has_more, second.has_more) == (True, False)
    assert [c.featured for c in first.cards[:3]] == [True, True, False]


def test_admin_listing_shows_only_features_in_effect(db):
    talent = make_talent(db)
    fund(db, talent, 400)
    activations.spend_on_feature(
        session=db, user_id=talent.id, feature="PROFILE_BOOST", target_id=talent.id
    )
    assert [row.feature for row in activations.list_active(session=db)] == ["PROFILE_BOOST"]
    _age_all(db, Feature.PROFILE_BOOST, 25)
    assert activations.list_active(session=db, feature="PROFILE_BOOST") == []


@pytest.mark.parametrize("kind", ["FEATURED_JOB_CREDIT", "featured_job"])
def test_a_free_featured_job_grant_lasts_the_features_48_hours(db, kind):
    producer = make_user(db, Role.PRODUCER)
    job = make_job(db, producer)
    grant = FeatureGrant(user_id=producer.id, kind=kind, duration_hours=None)
    db.add(grant)
    db.commit()
    row = activations.consume_grant(
        session=db, user_id=producer.id, grant_id=grant.id, target_id=job.id
    )
    assert row.ends_at - row.starts_at == timedelta(hours=48)
    assert jobs.list_jobs(session=db).cards[0].featured
    assert balance(db, producer) == 0


def test_a_profile_must_be_listed_before_it_can_be_boosted(db):
    talent = make_user(db, Role.TALENT)
    profiles.save_talent_section(
        session=db, user_id=talent.id, section="bio", data={"bio": "Only a bio, no basics yet."}
    )
    fund(db, talent, 500)
    with pytest.raises(NotAllowed):
        activations.spend_on_feature(
            session=db, user_id=talent.id, feature="PROFILE_BOOST", target_id=talent.id
        )
    assert balance(db, talent) == 550
