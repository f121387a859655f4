"""/profile (edit your own) and /talents/[talent_id] (a talent's public profile)."""

from __future__ import annotations

import reflex as rx
from reflex.event import EventSpec

from castyou import routes
from castyou.db import session_scope
from castyou.models.casting import TalentProfile
from castyou.models.user import Role
from castyou.services import accounts
from castyou.services.casting import messages, profiles
from castyou.services.casting.profiles import split_list
from castyou.services.errors import CasTyouError, InvalidInput, NotFound
from castyou.services.store import activations, features
from castyou.services.store.features import Feature
from castyou.state.casting.dto import load_error
from castyou.state.session import SessionState

_FORM_FIELDS = {
    "basics": ("headline", "location", "birth_year", "available_from"),
    "photo": ("photo_url",),
    "bio": ("bio",),
    "skills": ("skills", "languages"),
    "experience": ("experience",),
    "reel_links": ("reel_links",),
    "company": ("company_name", "website", "about"),
}


def _talent_fields(profile: TalentProfile | None) -> dict[str, str]:
    if profile is None:
        return {}
    return {
        "headline": profile.headline,
        "location": profile.location,
        "birth_year": str(profile.birth_year or ""),
        "available_from": profile.available_from.isoformat() if profile.available_from else "",
        "photo_url": profile.photo_url,
        "bio": profile.bio,
        "skills": ", ".join(split_list(profile.skills)),
        "languages": ", ".join(split_list(profile.languages)),
        "experience": profile.experience,
        "reel_links": profile.reel_links,
    }


class ProfileState(SessionState):
    """Edit the signed-in user's own profile: talent sections or the company profile."""

    fields: rx.Field[dict[str, str]] = rx.field(default_factory=dict)
    completed: rx.Field[list[str]] = rx.field(default_factory=list)
    saving: rx.Field[str] = rx.field("")
    form_version: rx.Field[int] = rx.field(0)

    def _load(self, user_id: int, role: Role) -> None:
        self.form_version += 1
        with session_scope() as db:
            if role == Role.TALENT:
                profile = profiles.get_talent_profile(session=db, user_id=user_id)
                self.fields = _talent_fields(profile)
                self.completed = profiles.completed_sections(profile) if profile else []
            else:
                company = profiles.get_company(session=db, user_id=user_id)
                self.fields = {
                    "company_name": company.company_name if company else "",
                    "website": company.website if company else "",
                    "about": company.about if company else "",
                }

    @rx.event
    def load(self) -> EventSpec | None:
        try:
            viewer = self._require(Role.TALENT, Role.PRODUCER)
        except CasTyouError as error:
            return load_error(self, error)
        self._load(viewer.id, viewer.role)
        return None

    @rx.event
    def save(self, form: dict) -> EventSpec | None:
        """Save one section (the form's hidden ``section`` field names it)."""
        section = str(form.get("section", "")) if isinstance(form, dict) else ""
        try:
            viewer = self._require(Role.TALENT, Role.PRODUCER)
            if section not in _FORM_FIELDS:
                raise InvalidInput("profile.unknown_section")
            data = {key: str(form.get(key, "") or "") for key in _FORM_FIELDS[section]}
            self.saving = section
            with session_scope() as db:
                if section == "company":
                    profiles.save_company(session=db, user_id=viewer.id, data=data)
                    saved_awarded = 0
                else:
                    saved = profiles.save_talent_section(
                        session=db, user_id=viewer.id, section=section, data=data
                    )
                    saved_awarded = saved.awarded
        except CasTyouError as error:
            self.saving = ""
            return self._error(error)
        self.saving = ""
        self._load(viewer.id, viewer.role)
        if saved_awarded:
            return self._success("profile.saved_earned", stars=saved_awarded)
        return self._success("profile.saved")


class TalentViewState(SessionState):
    """A talent's public profile; a producer opening it counts a view for the talent."""

    talent: rx.Field[dict[str, str]] = rx.field(default_factory=dict)
    skills: rx.Field[list[str]] = rx.field(default_factory=list)
    reels: rx.Field[list[str]] = rx.field(default_factory=list)
    boosted: rx.Field[bool] = rx.field(False)
    can_message: rx.Field[bool] = rx.field(False)
    message_cost: rx.Field[int] = rx.field(features.FEATURES[Feature.DIRECT_MESSAGE_CREDIT].cost)

    def _talent_id(self) -> int:
        raw = str(self.router.page.params.get("talent_id", ""))
        if not raw.isdigit() or len(raw) > 12:
            raise NotFound()
        return int(raw)

    @rx.event
    def load(self) -> EventSpec | None:
        try:
            viewer = self._require()
            talent_id = self._talent_id()
            with session_scope() as db:
                profile = profiles.view_talent_profile(
                    session=db, viewer_id=viewer.id, talent_id=talent_id
                )
                name = accounts.get_user(session=db, user_id=talent_id).display_name
                self.boosted = activations.is_active(
                    session=db, feature=Feature.PROFILE_BOOST, target_id=talent_id
                )
        except CasTyouError as error:
            self.talent = {}
            return load_error(self, error)
        self.talent = {"id": str(talent_id), "name": name, **_talent_fields(profile)}
        self.skills = split_list(profile.skills)
        self.reels = [link for link in profile.reel_links.split("\n") if link]
        self.can_message = viewer.role == Role.PRODUCER and viewer.id != talent_id
        return None

    @rx.event
    def message(self) -> EventSpec | list[EventSpec]:
        """Open (or reuse) a direct conversation; a new one costs one Direct Message Credit."""
        try:
            viewer = self._require(Role.TALENT, Role.PRODUCER)
            talent_id = self._talent_id()
            with session_scope() as db:
                conversation, paid = messages.start_conversation(
                    session=db, user_id=viewer.id, other_id=talent_id
                )
        except CasTyouError as error:
            return self._error(error)
        target = f"{routes.MESSAGES}?c={conversation.id}"
        if paid:
            return [
                rx.redirect(target),
                self._success("messages.credit_spent", stars=self.message_cost),
            ]
        return rx.redirect(target)
