"""Jobs: producers post, talents apply (earning stars), producers hire (earning the talent stars).

Featured jobs are pinned on top of the listing; Priority applications come first in the
producer's applicant list. Both read the clock, so expired features stop at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from castyou.db import transaction
from castyou.models.casting import Application, ApplicationStatus, Job, JobStatus
from castyou.models.user import Role, User
from castyou.services import live, notifications
from castyou.services.castars import earning, referrals
from castyou.services.errors import Conflict, InvalidInput, NotAllowed, NotFound
from castyou.services.paging import pinned_page
from castyou.services.store import activations
from castyou.services.store.features import Feature

PAGE_SIZE = 12
MAX_PAGE = 500
MAX_NOTE = 500
TITLE_MIN, TITLE_MAX = 3, 120
DESCRIPTION_MIN, DESCRIPTION_MAX = 10, 4000
LOCATION_MIN, LOCATION_MAX = 2, 80


@dataclass(frozen=True)
class JobCard:
    id: int
    title: str
    description: str
    location: str
    shoot_date: date
    producer_id: int
    producer_name: str
    status: str
    featured: bool


@dataclass(frozen=True)
class JobsPage:
    cards: list[JobCard]
    page: int
    has_more: bool


@dataclass(frozen=True)
class ApplicationView:
    id: int
    job_id: int
    job_title: str
    talent_id: int
    talent_name: str
    note: str
    status: str
    priority: bool


def _role(session: Session, user_id: int, role: Role) -> User:
    user = session.get(User, user_id)
    if user is None or Role(user.role) != role:
        raise NotAllowed()
    return user


def _clean(value: object, *, key: str, low: int, high: int) -> str:
    if not isinstance(value, str) or not low <= len(value.strip()) <= high:
        raise InvalidInput(key, min=low, max=high)
    return value.strip()


def post_job(
    *,
    session: Session,
    producer_id: int,
    title: str,
    description: str,
    location: str,
    shoot_date: str,
) -> Job:
    title = _clean(title, key="jobs.invalid_title", low=TITLE_MIN, high=TITLE_MAX)
    description = _clean(
        description, key="jobs.invalid_description", low=DESCRIPTION_MIN, high=DESCRIPTION_MAX
    )
    location = _clean(location, key="jobs.invalid_location", low=LOCATION_MIN, high=LOCATION_MAX)
    try:
        when = date.fromisoformat(shoot_date if isinstance(shoot_date, str) else "")
    except ValueError:
        raise InvalidInput("jobs.invalid_date") from None
    with transaction(session):
        _role(session, producer_id, Role.PRODUCER)
        job = Job(
            producer_id=producer_id,
            title=title,
            description=description,
            location=location,
            shoot_date=when,
        )
        session.add(job)
        session.flush()
        referrals.settle(session=session, referred_id=producer_id)
    return job


def _job_card(job: Job, producer_name: str, featured: bool) -> JobCard:
    assert job.id is not None
    return JobCard(
        job.id,
        job.title,
        job.description,
        job.location,
        job.shoot_date,
        job.producer_id,
        producer_name,
        job.status,
        featured,
    )


def list_jobs(*, session: Session, page: int = 0, exclude_producer_id: int = 0) -> JobsPage:
    """Open jobs: featured ones pinned on top, then newest first.

    ``exclude_producer_id`` leaves out that producer's own jobs (they have their own list).
    """
    if not isinstance(page, int) or not 0 <= page <= MAX_PAGE:
        raise InvalidInput()
    featured = activations.active_target_ids(session=session, feature=Feature.FEATURED_JOB)
    rows, has_more = pinned_page(
        session=session,
        query=select(Job, User.display_name)
        .join(User, col(User.id) == Job.producer_id)
        .where(Job.status == JobStatus.OPEN, Job.producer_id != exclude_producer_id),
        id_column=col(Job.id),
        order=[col(Job.created_at).desc(), col(Job.id).desc()],
        pinned=featured,
        page=page,
        size=PAGE_SIZE,
    )
    cards = [_job_card(job, name, job.id in featured) for job, name in rows]
    return JobsPage(cards=cards, page=page, has_more=has_more)


def producer_jobs(*, session: Session, producer_id: int) -> list[JobCard]:
    """The producer's own jobs, newest first (open and filled)."""
    jobs = session.exec(
        select(Job).where(Job.producer_id == producer_id).order_by(col(Job.id).desc()).limit(50)
    ).all()
    featured = activations.active_target_ids(
        session=session, feature=Feature.FEATURED_JOB, target_ids=[j.id for j in jobs if j.id]
    )
    return [_job_card(job, "", job.id in featured) for job in jobs]


def apply(*, session: Session, talent_id: int, job_id: int, note: str) -> Application:
    """Apply to an open job once; earns ``application_submitted`` within its caps.

    A first application can make a referred talent qualify, which pays the referral.
    """
    note = _clean(note, key="jobs.invalid_note", low=1, high=MAX_NOTE)
    with transaction(session):
        _role(session, talent_id, Role.TALENT)
        job = session.get(Job, job_id)
        if job is None or job.status != JobStatus.OPEN:
            raise NotFound("jobs.not_open")
        taken = select(Application.id).where(
            Application.job_id == job_id, Application.talent_id == talent_id
        )
        if session.exec(taken).first() is not None:
            raise Conflict("jobs.already_applied")
        application = Application(job_id=job_id, talent_id=talent_id, note=note)
        session.add(application)
        try:
            session.flush()
        except IntegrityError:
            raise Conflict("jobs.already_applied") from None
        earning.award_stars(  # once per talent–producer pair: the subject is the producer
            session=session,
            user_id=talent_id,
            rule="application_submitted",
            subject_id=str(job.producer_id),
        )
        referrals.settle(session=session, referred_id=talent_id)
        live.announce(session, live.casting(job.producer_id))
    return application


def _views(session: Session, query: Any) -> list[ApplicationView]:
    rows = session.exec(query).all()
    priority = activations.active_target_ids(
        session=session, feature=Feature.APPLICATION_PRIORITY, target_ids=[a.id for a, *_ in rows]
    )
    views = [
        ApplicationView(
            a.id, a.job_id, title, a.talent_id, name, a.note, a.status, a.id in priority
        )
        for a, title, name in rows
    ]
    return sorted(views, key=lambda view: not view.priority)


def applicants(*, session: Session, producer_id: int, job_id: int) -> list[ApplicationView]:
    """A job's applicants for its producer only: Priority first, then oldest first."""
    job = session.get(Job, job_id)
    if job is None or job.producer_id != producer_id:
        raise NotAllowed()
    return _views(
        session,
        select(Application, Job.title, User.display_name)
        .join(Job, col(Job.id) == Application.job_id)
        .join(User, col(User.id) == Application.talent_id)
        .where(Application.job_id == job_id)
        .order_by(col(Application.id)),
    )


def applicants_by_job(
    *, session: Session, producer_id: int, job_ids: list[int]
) -> dict[int, list[ApplicationView]]:
    """Applicants of several of the producer's jobs in one query (others' jobs are skipped)."""
    views = _views(
        session,
        select(Application, Job.title, User.display_name)
        .join(Job, col(Job.id) == Application.job_id)
        .join(User, col(User.id) == Application.talent_id)
        .where(col(Application.job_id).in_(job_ids), Job.producer_id == producer_id)
        .order_by(col(Application.id)),
    )
    grouped: dict[int, list[ApplicationView]] = {job_id: [] for job_id in job_ids}
    for view in views:
        grouped[view.job_id].append(view)
    return grouped


def my_applications(*, session: Session, talent_id: int) -> list[ApplicationView]:
    return _views(
        session,
        select(Application, Job.title, User.display_name)
        .join(Job, col(Job.id) == Application.job_id)
        .join(User, col(User.id) == Application.talent_id)
        .where(Application.talent_id == talent_id)
        .order_by(col(Application.id).desc())
        .limit(100),
    )


def hire(*, session: Session, producer_id: int, application_id: int) -> Application:
    """Hire one applicant of the producer's open job; the talent earns ``hired``."""
    with transaction(session):
        application = session.get(Application, application_id)
        job = session.get(Job, application.job_id) if application else None
        if application is None or job is None or job.producer_id != producer_id:
            raise NotAllowed()
        filled = session.exec(  # type: ignore[call-overload]
            update(Job)
            .where(col(Job.id) == job.id, col(Job.status) == JobStatus.OPEN)
            .values(status=JobStatus.FILLED)
        )
        if filled.rowcount != 1:
            raise Conflict("jobs.already_filled")
        session.exec(  # type: ignore[call-overload]
            update(Application)
            .where(col(Application.job_id) == job.id, col(Application.id) != application_id)
            .values(status=ApplicationStatus.NOT_SELECTED)
        )
        application.status = ApplicationStatus.HIRED
        session.add(application)
        earning.award_stars(
            session=session,
            user_id=application.talent_id,
            rule="hired",
            subject_id=str(producer_id),
        )
        notifications.notify(
            session=session,
            user_id=application.talent_id,
            kind="casting_hired",
            params={"job": job.title},
            link="/jobs",
        )
    session.refresh(application)
    return application
