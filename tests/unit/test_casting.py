"""Casting surfaces and the earn triggers wired to them (caps come from the ledger core)."""

from __future__ import annotations

import pytest

from castyou.models.casting import ApplicationStatus
from castyou.models.user import Role
from castyou.services import accounts
from castyou.services.casting import jobs, messages, profiles
from castyou.services.errors import (
    Conflict,
    InsufficientBalance,
    InvalidInput,
    NotAllowed,
    NotFound,
)
from castyou.services.store import activations
from tests.casting_factories import balance, make_application, make_job, make_talent
from tests.factories import PASSWORD, fund, make_user

SECTION_DATA = {
    "basics": {"headline": "Singer", "location": "Porto", "birth_year": "1990"},
    "photo": {"photo_url": "https://img.example/me.jpg"},
    "bio": {"bio": "Twenty years on stage, and counting."},
    "skills": {"skills": "Singing, Dance", "languages": "English, Portuguese"},
    "experience": {"experience": "Les Misérables, 2019 tour"},
    "reel_links": {"reel_links": "https://video.example/reel"},
}


def test_each_section_pays_50_the_first_time_only(db):
    talent = make_user(db, Role.TALENT)
    for section, data in SECTION_DATA.items():
        saved = profiles.save_talent_section(
            session=db, user_id=talent.id, section=section, data=data
        )
        assert saved.complete and saved.awarded == 50, section
    assert balance(db, talent) == 300
    again = profiles.save_talent_section(
        session=db, user_id=talent.id, section="bio", data={"bio": "Another bio that is long."}
    )
    assert again.awarded == 0
    assert balance(db, talent) == 300


def test_an_incomplete_section_pays_nothing_and_bad_input_is_refused(db):
    talent = make_user(db, Role.TALENT)
    saved = profiles.save_talent_section(
        session=db, user_id=talent.id, section="bio", data={"bio": "short"}
    )
    assert (saved.complete, saved.awarded) == (False, 0)
    with pytest.raises(InvalidInput):
        profiles.save_talent_section(
            session=db, user_id=talent.id, section="photo", data={"photo_url": "javascript:x"}
        )
    with pytest.raises(InvalidInput):
        profiles.save_talent_section(session=db, user_id=talent.id, section="wallet", data={})
    assert balance(db, talent) == 0


def test_producers_have_a_company_profile_not_a_talent_one(db):
    producer = make_user(db, Role.PRODUCER)
    with pytest.raises(NotAllowed):
        profiles.save_talent_section(
            session=db, user_id=producer.id, section="bio", data=SECTION_DATA["bio"]
        )
    company = profiles.save_company(
        session=db, user_id=producer.id, data={"company_name": "Acme Films", "about": "Films."}
    )
    assert company.company_name == "Acme Films"


def test_producer_views_pay_5_once_per_producer_per_day_capped_at_3(db):
    talent = make_talent(db)
    before = balance(db, talent)
    producers = [make_user(db, Role.PRODUCER) for _ in range(4)]
    for producer in producers:
        profiles.view_talent_profile(session=db, viewer_id=producer.id, talent_id=talent.id)
    profiles.view_talent_profile(session=db, viewer_id=producers[0].id, talent_id=talent.id)
    assert balance(db, talent) == before + 15


def test_self_and_talent_views_never_count(db):
    talent, other = make_talent(db), make_talent(db)
    before = balance(db, talent)
    profiles.view_talent_profile(session=db, viewer_id=talent.id, talent_id=talent.id)
    profiles.view_talent_profile(session=db, viewer_id=other.id, talent_id=talent.id)
    assert balance(db, talent) == before


def test_applying_pays_10_once_and_hiring_pays_200(db):
    producer = make_user(db, Role.PRODUCER)
    job = make_job(db, producer)
    talent, other = make_talent(db), make_talent(db)
    before = balance(db, talent)
    application = make_application(db, talent, job)
    make_application(db, other, job)
    assert balance(db, talent) == before + 10
    with pytest.raises(Conflict):
        make_application(db, talent, job)
    assert balance(db, talent) == before + 10
    jobs.hire(session=db, producer_id=producer.id, application_id=application.id)
    assert balance(db, talent) == before + 210
    statuses = {
        a.talent_id: a.status for a in jobs.my_applications(session=db, talent_id=talent.id)
    }
    assert statuses[talent.id] == ApplicationStatus.HIRED
    [other_view] = jobs.my_applications(session=db, talent_id=other.id)
    assert other_view.status == ApplicationStatus.NOT_SELECTED
    with pytest.raises(Conflict):
        jobs.hire(session=db, producer_id=producer.id, application_id=application.id)
    assert balance(db, talent) == before + 210


def test_only_the_jobs_producer_sees_applicants_and_hires(db):
    producer, intruder = make_user(db, Role.PRODUCER), make_user(db, Role.PRODUCER)
    job = make_job(db, producer)
    talent = make_talent(db)
    application = make_application(db, talent, job)
    before = balance(db, talent)
    with pytest.raises(NotAllowed):
        jobs.applicants(session=db, producer_id=intruder.id, job_id=job.id)
    with pytest.raises(NotAllowed):
        jobs.hire(session=db, producer_id=intruder.id, application_id=application.id)
    assert balance(db, talent) == before
    with pytest.raises(NotAllowed):
        make_job(db, talent)


def test_referral_pays_the_referrer_100_once_the_producer_is_real(db):
    referrer = make_user(db, Role.TALENT)
    new_user = accounts.sign_up(
        session=db,
        client_address="203.0.113.7",
        email="friend@example.test",
        password=PASSWORD,
        display_name="Friend",
        role="PRODUCER",
        referral_code=referrer.referral_code,
    )
    assert new_user.referred_by_id == referrer.id
    assert balance(db, referrer) == 0  # pending until the producer's account is real
    make_job(db, new_user)
    assert balance(db, referrer) == 0  # a job, but no company yet
    profiles.save_company(session=db, user_id=new_user.id, data={"company_name": "Friend Films"})
    assert balance(db, referrer) == 100
    profiles.save_company(session=db, user_id=new_user.id, data={"company_name": "Friend Co"})
    make_job(db, new_user)
    assert balance(db, referrer) == 100
    assert balance(db, new_user) == 0


def test_job_messages_are_free_and_direct_conversations_cost_one_credit(db):
    producer = make_user(db, Role.PRODUCER)
    talent, stranger = make_talent(db), make_talent(db)
    job = make_job(db, producer)
    make_application(db, talent, job)
    start = balance(db, producer)
    conv, paid = messages.start_conversation(
        session=db, user_id=producer.id, other_id=talent.id, job_id=job.id
    )
    assert not paid and balance(db, producer) == start
    messages.send_message(session=db, user_id=talent.id, conversation_id=conv.id, body="Hello!")
    with pytest.raises(NotAllowed):
        messages.start_conversation(
            session=db, user_id=producer.id, other_id=stranger.id, job_id=job.id
        )
    with pytest.raises(InsufficientBalance):
        messages.start_conversation(session=db, user_id=producer.id, other_id=stranger.id)
    fund(db, producer, 60)
    direct, paid = messages.start_conversation(
        session=db, user_id=producer.id, other_id=stranger.id
    )
    assert paid and balance(db, producer) == 10
    again, paid_again = messages.start_conversation(
        session=db, user_id=stranger.id, other_id=producer.id
    )
    assert again.id == direct.id and not paid_again and balance(db, stranger) > 0


def test_only_participants_read_or_write_a_conversation(db):
    producer = make_user(db, Role.PRODUCER)
    talent, outsider = make_talent(db), make_talent(db)
    job = make_job(db, producer)
    make_application(db, talent, job)
    conv, _ = messages.start_conversation(
        session=db, user_id=talent.id, other_id=producer.id, job_id=job.id
    )
    with pytest.raises(NotFound):
        messages.thread(session=db, user_id=outsider.id, conversation_id=conv.id)
    with pytest.raises(NotFound):
        messages.send_message(session=db, user_id=outsider.id, conversation_id=conv.id, body="hi")
    assert messages.thread(session=db, user_id=producer.id, conversation_id=conv.id) == []


def test_talents_cannot_open_paid_direct_conversations(db):
    talent, producer = make_talent(db), make_user(db, Role.PRODUCER)
    fund(db, talent, 100)
    with pytest.raises(NotAllowed):
        messages.start_conversation(session=db, user_id=talent.id, other_id=producer.id)
    assert balance(db, talent) == 150
    assert messages.conversations(session=db, user_id=talent.id) == []


def test_applicants_by_job_groups_priority_first_and_skips_other_producers(db):
    producer, other = make_user(db, Role.PRODUCER), make_user(db, Role.PRODUCER)
    mine, theirs = make_job(db, producer), make_job(db, other)
    first, second = make_talent(db, name="First"), make_talent(db, name="Second")
    make_application(db, first, mine)
    late = make_application(db, second, mine)
    make_application(db, first, theirs)
    fund(db, second, 100)
    activations.spend_on_feature(
        session=db, user_id=second.id, feature="APPLICATION_PRIORITY", target_id=late.id
    )
    grouped = jobs.applicants_by_job(
        session=db, producer_id=producer.id, job_ids=[mine.id, theirs.id]
    )
    assert [a.talent_name for a in grouped[mine.id]] == ["Second", "First"]
    assert grouped[theirs.id] == []
