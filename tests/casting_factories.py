"""Factories for casting data (profiles, jobs, applications) through the real services."""

from __future__ import annotations

from sqlmodel import Session

from castyou.models.casting import Application, Job, TalentProfile
from castyou.models.user import Role, User
from castyou.services.castars import ledger
from castyou.services.casting import jobs, profiles
from tests.factories import make_user

BASICS = {"headline": "Actor and dancer", "location": "Lisbon", "birth_year": "1995"}


def make_talent(db: Session, *, name: str | None = None, **basics: str) -> User:
    """A talent with a listed profile (basics section saved)."""
    user = make_user(db, Role.TALENT, name=name)
    assert user.id is not None
    profiles.save_talent_section(
        session=db, user_id=user.id, section="basics", data={**BASICS, **basics}
    )
    return user


def make_job(db: Session, producer: User, *, title: str = "Lead role in a short film") -> Job:
    assert producer.id is not None
    return jobs.post_job(
        session=db,
        producer_id=producer.id,
        title=title,
        description="A short film shooting in Lisbon.",
        location="Lisbon",
        shoot_date="2027-01-15",
    )


def make_application(db: Session, talent: User, job: Job) -> Application:
    assert talent.id is not None and job.id is not None
    return jobs.apply(session=db, talent_id=talent.id, job_id=job.id, note="I would love to.")


def balance(db: Session, user: User) -> int:
    assert user.id is not None
    db.commit()  # end any read snapshot (SQLite WAL) so the latest balance is seen
    db.expire_all()
    stars = ledger.get_balance(session=db, user_id=user.id).balance
    db.commit()  # and do not leave one open for the test's next read
    return stars


def profile(db: Session, user: User) -> TalentProfile:
    assert user.id is not None
    found = db.get(TalentProfile, user.id)
    assert found is not None
    return found
