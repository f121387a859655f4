"""Small public views of casting data that states ship to the browser (primitives only)."""

from __future__ import annotations

from dataclasses import dataclass, field

from babel.dates import format_date

from castyou.i18n import locale_for
from castyou.services.casting.discover import TalentCard
from castyou.services.casting.jobs import ApplicationView, JobCard


@dataclass
class TalentCardDTO:
    """A talent card on Discover (and in the featured reels)."""

    user_id: int = 0
    name: str = ""
    headline: str = ""
    location: str = ""
    age: str = ""
    skills: list[str] = field(default_factory=list)
    photo_url: str = ""
    reel_url: str = ""
    boosted: bool = False
    href: str = ""


@dataclass
class ApplicationDTO:
    """An application, as its talent and the job's producer see it."""

    id: int = 0
    job_id: int = 0
    job_title: str = ""
    talent_id: int = 0
    talent_name: str = ""
    note: str = ""
    status: str = ""
    priority: bool = False
    href: str = ""


@dataclass
class JobDTO:
    """A job in the listing or in its producer's list, with its applicants."""

    id: int = 0
    title: str = ""
    description: str = ""
    location: str = ""
    shoot_date: str = ""
    producer_id: int = 0
    producer_name: str = ""
    status: str = ""
    featured: bool = False
    applicants: list[ApplicationDTO] = field(default_factory=list)


def talent_url(user_id: int) -> str:
    return f"/talents/{user_id}"


def talent_dto(card: TalentCard) -> TalentCardDTO:
    return TalentCardDTO(
        user_id=card.user_id,
        name=card.name,
        headline=card.headline,
        location=card.location,
        age=str(card.age) if card.age is not None else "",
        skills=list(card.skills),
        photo_url=card.photo_url,
        reel_url=card.reel_url,
        boosted=card.boosted,
        href=talent_url(card.user_id),
    )


def application_dto(view: ApplicationView) -> ApplicationDTO:
    return ApplicationDTO(
        id=view.id,
        job_id=view.job_id,
        job_title=view.job_title,
        talent_id=view.talent_id,
        talent_name=view.talent_name,
        note=view.note,
        status=view.status,
        priority=view.priority,
        href=talent_url(view.talent_id),
    )


def job_dto(card: JobCard, lang: str, applicants: list[ApplicationView] | None = None) -> JobDTO:
    return JobDTO(
        id=card.id,
        title=card.title,
        description=card.description,
        location=card.location,
        shoot_date=format_date(card.shoot_date, format="medium", locale=locale_for(lang)),
        producer_id=card.producer_id,
        producer_name=card.producer_name,
        status=card.status,
        featured=card.featured,
        applicants=[application_dto(a) for a in applicants or []],
    )
