"""Store and casting handlers called directly, including as the wrong user or role."""

from __future__ import annotations

from sqlmodel import select

from castyou.models.casting import Application, ApplicationStatus, Job, TalentProfile
from castyou.models.store import ActiveFeature
from castyou.models.user import Role
from castyou.state.castars.store import StoreState
from castyou.state.casting.discover import DiscoverState
from castyou.state.casting.jobs import JobsState
from castyou.state.casting.messages import MessagesState
from castyou.state.casting.profile import ProfileState
from tests.casting_factories import balance, make_application, make_job, make_talent
from tests.factories import fund, login_token, make_user
from tests.state_helpers import call, new_state, rendered, visit


def _state(cls, db, user):
    return new_state(cls, token=login_token(db, user))


def test_store_offers_only_the_roles_features_and_shows_the_shortfall(db):
    talent = make_talent(db)
    state = _state(StoreState, db, talent)
    call(state, "load")
    features = [card.feature for card in state.cards]
    assert "FEATURED_JOB" not in features and "ADVANCED_FILTERS" not in features
    boost = next(card for card in state.cards if card.feature == "PROFILE_BOOST")
    assert (boost.can_afford, boost.short_label, boost.cost) == (
        False,
        "Need 150 more CasTars",
        "200",
    )
    assert boost.duration == "24 hours"
    filters = _state(StoreState, db, make_user(db, Role.PRODUCER))
    call(filters, "load")
    assert [c.duration for c in filters.cards if c.feature == "ADVANCED_FILTERS"] == ["30 days"]


def test_talent_cannot_buy_a_producer_feature_through_the_handler(db):
    producer, talent = make_user(db, Role.PRODUCER), make_talent(db)
    job = make_job(db, producer)
    fund(db, talent, 1000)
    state = _state(StoreState, db, talent)
    call(state, "load")
    state.chosen = {"FEATURED_JOB": str(job.id)}
    result = rendered(call(state, "activate", "FEATURED_JOB", state.click_key))
    assert "not available for your account type" in result
    assert db.exec(select(ActiveFeature)).all() == []
    assert balance(db, talent) == 1050


def test_producer_cannot_feature_someone_elses_job(db):
    owner, other = make_user(db, Role.PRODUCER), make_user(db, Role.PRODUCER)
    job = make_job(db, owner)
    fund(db, other, 1000)
    state = _state(StoreState, db, other)
    call(state, "load")
    state.chosen = {"FEATURED_JOB": str(job.id)}
    result = rendered(call(state, "activate", "FEATURED_JOB", state.click_key))
    assert "only use features on your own" in result
    assert balance(db, other) == 1000 and db.exec(select(ActiveFeature)).all() == []


def test_activate_spends_and_lists_the_active_feature(db):
    talent = make_talent(db)
    fund(db, talent, 150)
    state = _state(StoreState, db, talent)
    call(state, "load")
    result = rendered(call(state, "activate", "PROFILE_BOOST", state.click_key))
    assert "Profile Boost is active." in result
    assert [item.name for item in state.active] == ["Profile Boost"]
    assert state.balance_label == "Balance: 0 ★"


def test_anonymous_and_garbage_input_are_refused(db):
    state = new_state(StoreState, token="nope")
    assert "log in" in rendered(call(state, "activate", "PROFILE_BOOST", state.click_key)).lower()
    talent = make_talent(db)
    state = _state(StoreState, db, talent)
    call(state, "load")
    assert "does not exist" in rendered(call(state, "activate", {"evil": 1}))
    assert "does not exist" in rendered(call(state, "activate", "DIRECT_MESSAGE_CREDIT"))


def test_only_the_jobs_producer_can_hire_from_the_handler(db):
    owner, intruder = make_user(db, Role.PRODUCER), make_user(db, Role.PRODUCER)
    talent = make_talent(db)
    application = make_application(db, talent, make_job(db, owner))
    before = balance(db, talent)
    state = _state(JobsState, db, intruder)
    assert "not allowed" in rendered(call(state, "hire", application.id)).lower()
    db.expire_all()
    assert db.get(Application, application.id).status == ApplicationStatus.PENDING
    assert balance(db, talent) == before
    talent_state = _state(JobsState, db, talent)
    assert "not allowed" in rendered(call(talent_state, "hire", application.id)).lower()


def test_producers_cannot_apply_and_talents_cannot_post(db):
    producer, talent = make_user(db, Role.PRODUCER), make_talent(db)
    job = make_job(db, producer)
    state = _state(JobsState, db, producer)
    call(state, "apply", {"job_id": str(job.id), "note": "me"})
    assert db.exec(select(Application)).all() == []
    talent_state = _state(JobsState, db, talent)
    form = {
        "title": "Fake job",
        "description": "x" * 20,
        "location": "X",
        "shoot_date": "2027-01-01",
    }
    assert "not allowed" in rendered(call(talent_state, "post_job", form)).lower()
    assert len(db.exec(select(Job)).all()) == 1


def test_apply_and_hire_through_the_handlers(db):
    producer, talent = make_user(db, Role.PRODUCER), make_talent(db)
    job = make_job(db, producer)
    before = balance(db, talent)
    talent_state = _state(JobsState, db, talent)
    call(talent_state, "load")
    assert "+10 CasTars" in rendered(
        call(talent_state, "apply", {"job_id": str(job.id), "note": "hi"})
    )
    assert [a.job_id for a in talent_state.my_applications] == [job.id]
    state = _state(JobsState, db, producer)
    call(state, "load")
    [mine] = state.my_jobs
    call(state, "hire", mine.applicants[0].id)
    assert balance(db, talent) == before + 10 + 200


def test_talents_cannot_use_discover_and_locked_filters_keep_results(db):
    talent, producer = make_talent(db), make_user(db, Role.PRODUCER)
    state = _state(DiscoverState, db, talent)
    assert "not allowed" in rendered(call(state, "load")).lower()
    assert state.cards == []
    state = _state(DiscoverState, db, producer)
    call(state, "load")
    assert len(state.cards) == 1
    result = rendered(call(state, "search", {"max_age": "30"}))
    assert "Advanced filters are locked" in result
    assert len(state.cards) == 1 and state._filters.max_age is None
    assert "Check the filters" in rendered(call(state, "search", {"text": ["x"]}))


def test_profile_save_is_for_the_signed_in_talent_only(db):
    talent, producer = make_user(db, Role.TALENT), make_user(db, Role.PRODUCER)
    state = _state(ProfileState, db, talent)
    result = rendered(call(state, "save", {"section": "bio", "bio": "A bio long enough to count."}))
    assert "+50 CasTars" in result
    assert "bio" in state.completed
    producer_state = _state(ProfileState, db, producer)
    call(producer_state, "save", {"section": "bio", "bio": "A bio long enough to count."})
    assert db.get(TalentProfile, producer.id) is None
    assert "Unknown profile section" in rendered(call(state, "save", {"section": "../admin"}))


def test_a_conversation_of_others_stays_closed(db):
    producer, talent, outsider = make_user(db, Role.PRODUCER), make_talent(db), make_talent(db)
    application = make_application(db, talent, make_job(db, producer))
    jobs_state = _state(JobsState, db, talent)
    call(jobs_state, "message_about", application.id)
    outsider_jobs = _state(JobsState, db, outsider)
    assert "not allowed" in rendered(call(outsider_jobs, "message_about", application.id)).lower()
    state = _state(MessagesState, db, outsider)
    call(state, "load")
    assert state.conversations == []
    call(state, "open", 1)
    state.open_id = 1
    assert "not found" in rendered(call(state, "send", {"body": "sneaky"})).lower()


def test_a_bounty_grant_is_used_from_the_store_by_its_owner_only(db):
    from castyou.models.bounty import FeatureGrant

    owner, other = make_user(db, Role.PRODUCER), make_user(db, Role.PRODUCER)
    grant = FeatureGrant(user_id=owner.id, kind="PREMIUM_FILTER_WEEK", duration_hours=168)
    db.add(grant)
    db.commit()
    thief = _state(StoreState, db, other)
    call(thief, "load")
    assert "does not exist" in rendered(call(thief, "use_grant", grant.id))
    state = _state(StoreState, db, owner)
    call(state, "load")
    assert [g.duration for g in state.grants] == ["7 days"]
    assert "is active" in rendered(call(state, "use_grant", grant.id))
    assert state.grants == [] and [a.name for a in state.active] == ["Unlock Advanced Filters"]


def _viewing(db, viewer, talent):
    from castyou.state.casting.profile import TalentViewState

    state = _state(TalentViewState, db, viewer)
    visit(state, f"/talents/{talent}", {"talent_id": str(talent)})
    return state


def test_a_producer_opening_a_profile_counts_one_view_and_can_message(db):
    talent, producer = make_talent(db, name="Viewed Talent"), make_user(db, Role.PRODUCER)
    before = balance(db, talent)
    state = _viewing(db, producer, talent.id)
    call(state, "load")
    assert state.talent.name == "Viewed Talent" and state.can_message
    call(state, "load")
    assert balance(db, talent) == before + 5
    own = _viewing(db, talent, talent.id)
    call(own, "load")
    assert own.can_message is False and balance(db, talent) == before + 5
    assert "Not enough CasTars" in rendered(call(state, "message"))


def test_a_feature_with_several_targets_asks_which_one(db):
    producer = make_user(db, Role.PRODUCER)
    first, second = make_job(db, producer, title="First job"), make_job(db, producer)
    first_id = first.id
    fund(db, producer, 300)
    state = _state(StoreState, db, producer)
    call(state, "load")
    featured = next(card for card in state.cards if card.feature == "FEATURED_JOB")
    assert sorted(t.label for t in featured.targets) == sorted([first.title, second.title])
    assert "Choose where to use it" in rendered(
        call(state, "activate", "FEATURED_JOB", state.click_key)
    )
    assert balance(db, producer) == 300
    call(state, "choose", "FEATURED_JOB", str(first_id))
    assert "Featured Job is active." in rendered(
        call(state, "activate", "FEATURED_JOB", state.click_key)
    )
    [row] = db.exec(select(ActiveFeature)).all()
    assert (row.target_type, row.target_id) == ("job", first_id)


def test_discover_pages_forward_and_back(db):
    from castyou.services.casting.discover import PAGE_SIZE

    producer = make_user(db, Role.PRODUCER)
    for n in range(PAGE_SIZE + 1):
        make_talent(db, name=f"Talent {n:02d}")
    state = _state(DiscoverState, db, producer)
    call(state, "load")
    assert len(state.cards) == PAGE_SIZE and state.has_more
    call(state, "next_page")
    assert [c.name for c in state.cards] == ["Talent 00"] and not state.has_more
    call(state, "next_page")
    assert state.page == 1
    call(state, "previous_page")
    assert state.page == 0 and state.cards[0].name == f"Talent {PAGE_SIZE:02d}"
