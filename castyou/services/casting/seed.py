"""Demo casting data: a few listed talents, a company profile and open jobs (idempotent).

Rows are written directly (seeding is data, not user actions), so no stars are earned.
"""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session, select

from castyou.clock import utcnow
from castyou.db import transaction
from castyou.models.casting import CompanyProfile, Job, TalentProfile
from castyou.models.user import Role, User
from castyou.services import accounts

DEMO_PASSWORD = "castyou-demo"
DEMO_PRODUCER = "producer@demo.castyou.test"
DEMO_TALENTS = (
    (
        "marta@demo.castyou.test",
        "Marta Silva",
        "Stage actress",
        "Lisbon",
        1994,
        "acting,dance",
        "portuguese,english",
        "https://video.example/marta",
    ),
    (
        "leo@demo.castyou.test",
        "Leo Garcia",
        "Voice actor",
        "Madrid",
        1988,
        "voice,singing",
        "spanish,english",
        "",
    ),
    (
        "sofia@demo.castyou.test",
        "Sofia Costa",
        "Dancer and model",
        "Porto",
        2000,
        "dance,modeling",
        "portuguese",
        "https://video.example/sofia",
    ),
)
DEMO_JOBS = (
    ("Lead dancer for a music video", "Lisbon", 20),
    ("Voice-over for an animated short", "Madrid", 35),
)


def _talent(session: Session, row: tuple) -> None:
    email, name, headline, city, year, skills, languages, reel = row
    user = accounts.create_user(
        session=session, email=email, password=DEMO_PASSWORD, display_name=name, role=Role.TALENT
    )
    assert user.id is not None
    with transaction(session):
        session.add(
            TalentProfile(
                user_id=user.id,
                headline=headline,
                location=city,
                birth_year=year,
                bio=f"{name}: {headline.lower()} based in {city}.",
                skills=f",{skills},",
                languages=f",{languages},",
                reel_links=reel,
                has_reel=bool(reel),
                search_text=f"{name} {headline} {city} {skills}".lower(),
                listed=True,
            )
        )


def seed_casting(session: Session) -> list[str]:
    """Demo talents with profiles, and the demo producer's company and jobs."""
    for row in DEMO_TALENTS:
        if session.exec(select(User.id).where(User.email == row[0])).first() is None:
            _talent(session, row)
    producer = session.exec(select(User).where(User.email == DEMO_PRODUCER)).first()
    if producer is None or producer.id is None:
        return []
    with transaction(session):
        if session.get(CompanyProfile, producer.id) is None:
            session.add(CompanyProfile(user_id=producer.id, company_name="Demo Pictures"))
        for title, city, days in DEMO_JOBS:
            if session.exec(select(Job.id).where(Job.title == title)).first() is None:
                session.add(
                    Job(
                        producer_id=producer.id,
                        title=title,
                        description=f"{title}, shooting in {city}. Tell us why you fit.",
                        location=city,
                        shoot_date=(utcnow() + timedelta(days=days)).date(),
                    )
                )
    return [f"casting  {len(DEMO_TALENTS)} demo talents, {len(DEMO_JOBS)} demo jobs"]
