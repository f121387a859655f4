"""Discover: producers search talent cards; boosted talents come first.

Advanced filters (age, language, availability, reel) work only while the producer has
Unlock Advanced Filters (bought, or a bounty week) in effect.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from castyou.clock import utcnow
from castyou.models.casting import TalentProfile
from castyou.models.user import Role, User
from castyou.services.casting.profiles import split_list
from castyou.services.errors import InvalidInput, NotAllowed
from castyou.services.paging import pinned_page
from castyou.services.store import activations
from castyou.services.store.features import Feature

PAGE_SIZE = 12
FEATURED_REELS = 6
MAX_PAGE = 500


@dataclass(frozen=True)
class DiscoverFilters:
    text: str = ""
    skill: str = ""
    location: str = ""
    min_age: int | None = None
    max_age: int | None = None
    language: str = ""
    available_by: date | None = None
    has_reel: bool = False

    @property
    def advanced(self) -> bool:
        return bool(
            self.min_age is not None
            or self.max_age is not None
            or self.language
            or self.available_by
            or self.has_reel
        )


@dataclass(frozen=True)
class TalentCard:
    user_id: int
    name: str
    headline: str
    location: str
    age: int | None
    skills: list[str]
    photo_url: str
    reel_url: str
    boosted: bool


@dataclass(frozen=True)
class DiscoverPage:
    cards: list[TalentCard]
    page: int
    has_more: bool


def filters_unlocked(*, session: Session, user_id: int) -> bool:
    return activations.is_active(
        session=session, feature=Feature.ADVANCED_FILTERS, target_id=user_id
    )


def _like(value: str) -> str:
    escaped = value.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _filtered(query: Any, filters: DiscoverFilters) -> Any:
    if filters.text:
        query = query.where(col(TalentProfile.search_text).like(_like(filters.text), escape="\\"))
    if filters.skill:
        query = query.where(
            col(TalentProfile.skills).like(_like(f",{filters.skill},"), escape="\\")
        )
    if filters.location:
        query = query.where(col(TalentProfile.location).ilike(_like(filters.location), escape="\\"))
    year = utcnow().year
    if filters.min_age is not None:
        query = query.where(col(TalentProfile.birth_year) <= year - filters.min_age)
    if filters.max_age is not None:
        query = query.where(col(TalentProfile.birth_year) >= year - filters.max_age)
    if filters.language:
        query = query.where(
            col(TalentProfile.languages).like(_like(f",{filters.language},"), escape="\\")
        )
    if filters.available_by is not None:
        query = query.where(col(TalentProfile.available_from) <= filters.available_by)
    if filters.has_reel:
        query = query.where(col(TalentProfile.has_reel).is_(True))
    return query


def card(profile: TalentProfile, name: str, boosted: bool) -> TalentCard:
    return TalentCard(
        user_id=profile.user_id,
        name=name,
        headline=profile.headline,
        location=profile.location,
        age=utcnow().year - profile.birth_year if profile.birth_year else None,
        skills=split_list(profile.skills)[:5],
        photo_url=profile.photo_url,
        reel_url=profile.reel_links.split("\n")[0] if profile.reel_links else "",
        boosted=boosted,
    )


def _require_producer(session: Session, user_id: int) -> None:
    user = session.get(User, user_id)
    if user is None or Role(user.role) != Role.PRODUCER:
        raise NotAllowed()


def discover_talents(
    *, session: Session, viewer_id: int, filters: DiscoverFilters, page: int = 0
) -> DiscoverPage:
    """One page of listed talents, boosted first, then most recently updated."""
    if not isinstance(page, int) or not 0 <= page <= MAX_PAGE:
        raise InvalidInput()
    _require_producer(session, viewer_id)
    if filters.advanced and not filters_unlocked(session=session, user_id=viewer_id):
        raise NotAllowed("discover.filters_locked")
    boosted = activations.active_target_ids(session=session, feature=Feature.PROFILE_BOOST)
    query = _filtered(
        select(TalentProfile, User.display_name)
        .join(User, col(User.id) == TalentProfile.user_id)
        .where(col(TalentProfile.listed).is_(True)),
        filters,
    )
    rows, has_more = pinned_page(
        session=session,
        query=query,
        id_column=col(TalentProfile.user_id),
        order=[col(TalentProfile.updated_at).desc(), col(TalentProfile.user_id).desc()],
        pinned=boosted,
        page=page,
        size=PAGE_SIZE,
    )
    cards = [card(p, name, p.user_id in boosted) for p, name in rows]
    return DiscoverPage(cards=cards, page=page, has_more=has_more)


def featured_reels(*, session: Session) -> list[TalentCard]:
    """Talents whose Reel Highlight is in effect (expired highlights never show)."""
    ids = activations.active_target_ids(session=session, feature=Feature.REEL_HIGHLIGHT)
    if not ids:
        return []
    rows = session.exec(
        select(TalentProfile, User.display_name)
        .join(User, col(User.id) == TalentProfile.user_id)
        .where(col(TalentProfile.user_id).in_(ids), col(TalentProfile.has_reel).is_(True))
        .order_by(col(TalentProfile.updated_at).desc())
        .limit(FEATURED_REELS)
    ).all()
    return [card(p, name, False) for p, name in rows]
