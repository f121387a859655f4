"""Talent profiles (six sections, each earning stars the first time it is complete),
company profiles, and counted profile views."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from castyou.clock import utcnow
from castyou.db import transaction
from castyou.models.casting import CompanyProfile, TalentProfile
from castyou.models.user import Role, User
from castyou.services.castars import earning, referrals
from castyou.services.castars.earn_rules import PROFILE_SECTIONS
from castyou.services.errors import InvalidInput, NotAllowed, NotFound

SECTIONS = PROFILE_SECTIONS
MIN_BIO = 20
MIN_EXPERIENCE = 10
MAX_LIST_ITEMS = 15
MAX_REELS = 5
_URL_RE = re.compile(r"^https?://[^\s]{3,490}$")
_YEAR_RE = re.compile(r"[0-9]{4}")
FIELD_MAX = {
    "headline": 120,
    "location": 80,
    "birth_year": 4,
    "available_from": 10,
    "photo_url": 500,
    "bio": 2000,
    "skills": 600,
    "languages": 300,
    "experience": 4000,
    "reel_links": 3000,
    "company_name": 120,
    "website": 300,
    "about": 2000,
}


@dataclass(frozen=True)
class SectionSaved:
    profile: TalentProfile
    complete: bool
    awarded: int


def _user(session: Session, user_id: int, role: Role) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound()
    if Role(user.role) != role:
        raise NotAllowed()
    return user


def split_list(stored: str) -> list[str]:
    return [item for item in stored.split(",") if item]


def join_list(raw: str, *, max_len: int = 30) -> str:
    """Normalise ``"Dance, singing"`` to ``",dance,singing,"`` (LIKE-friendly)."""
    items: list[str] = []
    for part in (raw or "").split(","):
        item = " ".join(part.strip().lower().split())
        if item and item not in items:
            if len(item) > max_len:
                raise InvalidInput("profile.item_too_long", max=max_len)
            items.append(item)
    if len(items) > MAX_LIST_ITEMS:
        raise InvalidInput("profile.too_many_items", max=MAX_LIST_ITEMS)
    return f",{','.join(items)}," if items else ""


def _text(data: dict, key: str) -> str:
    max_len = FIELD_MAX[key]
    value = data.get(key, "")
    if not isinstance(value, str):
        raise InvalidInput()
    value = value.strip()
    if len(value) > max_len:
        raise InvalidInput("profile.too_long", max=max_len)
    return value


def _birth_year(raw: str) -> int | None:
    if not raw:
        return None
    if not _YEAR_RE.fullmatch(raw) or not 1900 <= int(raw) <= utcnow().year - 16:
        raise InvalidInput("profile.invalid_birth_year", max=utcnow().year - 16)
    return int(raw)


def _date(raw: str) -> date | None:
    try:
        return date.fromisoformat(raw) if raw else None
    except ValueError:
        raise InvalidInput("profile.invalid_date") from None


def _urls(raw: str) -> str:
    urls = [part.strip() for part in re.split(r"[\s,]+", raw or "") if part.strip()]
    if len(urls) > MAX_REELS or not all(_URL_RE.match(url) for url in urls):
        raise InvalidInput("profile.invalid_urls", max=MAX_REELS)
    return "\n".join(urls)


def _apply(profile: TalentProfile, section: str, data: dict) -> None:
    if section == "basics":
        profile.headline = _text(data, "headline")
        profile.location = _text(data, "location")
        profile.birth_year = _birth_year(_text(data, "birth_year"))
        profile.available_from = _date(_text(data, "available_from"))
    elif section == "photo":
        url = _text(data, "photo_url")
        if url and not _URL_RE.match(url):
            raise InvalidInput("profile.invalid_urls", max=1)
        profile.photo_url = url
    elif section == "bio":
        profile.bio = _text(data, "bio")
    elif section == "skills":
        profile.skills = join_list(_text(data, "skills"))
        profile.languages = join_list(_text(data, "languages"))
    elif section == "experience":
        profile.experience = _text(data, "experience")
    else:
        profile.reel_links = _urls(_text(data, "reel_links"))
        profile.has_reel = bool(profile.reel_links)


def completed_sections(profile: TalentProfile) -> list[str]:
    checks = {
        "basics": profile.has_basics(),
        "photo": bool(profile.photo_url),
        "bio": len(profile.bio) >= MIN_BIO,
        "skills": bool(profile.skills),
        "experience": len(profile.experience) >= MIN_EXPERIENCE,
        "reel_links": profile.has_reel,
    }
    return [section for section in SECTIONS if checks[section]]


def _refresh_derived(profile: TalentProfile, name: str) -> None:
    parts = (name, profile.headline, profile.location, profile.bio, profile.skills)
    profile.search_text = " ".join(parts).lower()
    profile.listed = bool(profile.headline)
    profile.updated_at = utcnow()


def save_talent_section(
    *, session: Session, user_id: int, section: str, data: dict
) -> SectionSaved:
    """Save one section; its first completion earns ``profile_section_completed``."""
    if section not in SECTIONS or not isinstance(data, dict):
        raise InvalidInput("profile.unknown_section")
    with transaction(session):
        user = _user(session, user_id, Role.TALENT)
        profile = session.get(TalentProfile, user_id) or TalentProfile(user_id=user_id)
        _apply(profile, section, data)
        _refresh_derived(profile, user.display_name)
        session.add(profile)
        session.flush()
        complete = section in completed_sections(profile)
        awarded = 0
        if complete:
            result = earning.award_stars(
                session=session,
                user_id=user_id,
                rule="profile_section_completed",
                subject_id=section,
            )
            awarded = result.awarded
        referrals.settle(session=session, referred_id=user_id)
    return SectionSaved(profile=profile, complete=complete, awarded=awarded)


def get_talent_profile(*, session: Session, user_id: int) -> TalentProfile | None:
    return session.get(TalentProfile, user_id)


def view_talent_profile(*, session: Session, viewer_id: int, talent_id: int) -> TalentProfile:
    """Open a talent's profile; a producer's view earns the talent ``profile_viewed``.

    The ledger enforces the caps (per producer per day, per talent per day).
    """
    with transaction(session):
        profile = session.get(TalentProfile, talent_id)
        viewer = session.get(User, viewer_id)
        if profile is None or viewer is None:
            raise NotFound()
        if Role(viewer.role) == Role.PRODUCER and viewer_id != talent_id:
            earning.award_stars(
                session=session,
                user_id=talent_id,
                rule="profile_viewed",
                subject_id=str(viewer_id),
            )
    return profile


def save_company(*, session: Session, user_id: int, data: dict) -> CompanyProfile:
    """Create or update a producer's company profile (it can qualify a referral)."""
    if not isinstance(data, dict):
        raise InvalidInput()
    with transaction(session):
        _user(session, user_id, Role.PRODUCER)
        company = session.get(CompanyProfile, user_id) or CompanyProfile(user_id=user_id)
        company.company_name = _text(data, "company_name")
        website = _text(data, "website")
        if website and not _URL_RE.match(website):
            raise InvalidInput("profile.invalid_urls", max=1)
        company.website = website
        company.about = _text(data, "about")
        company.updated_at = utcnow()
        session.add(company)
        session.flush()
        referrals.settle(session=session, referred_id=user_id)
    return company


def get_company(*, session: Session, user_id: int) -> CompanyProfile | None:
    return session.get(CompanyProfile, user_id)
