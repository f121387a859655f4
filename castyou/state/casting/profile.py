"""/profile (edit your own) and /talents/[talent_id] (a talent's public profile)."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx
from reflex.event import EventSpec

from castyou import routes
from castyou.models.casting import TalentProfile
from castyou.models.user import Role
from castyou.services import accounts
from castyou.services.castars.earn_rules import EARN_RULES
from castyou.services.casting import messages, profiles
from castyou.services.casting.profiles import split_list
from castyou.services.store import activations, features
from castyou.services.store.features import Feature
from castyou.state import args
from castyou.state.guard import Ctx, PublicCtx, guarded, public
from castyou.state.session import SessionState

PROFILE_ROLES = (Role.TALENT, Role.PRODUCER)

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


@dataclass
class TalentView:
    """A talent's public profile as /talents/<id> shows it (``id`` 0: nothing to show)."""

    id: int = 0
    name: str = ""
    headline: str = ""
    location: str = ""
    photo_url: str = ""
    bio: str = ""
    experience: str = ""


@dataclass
class MissingSection:
    """A section not yet complete and what it still needs."""

    section: str = ""
    title: str = ""
    need: str = ""


def _section_reward() -> int:
    return EARN_RULES["profile_section_completed"].stars


class ProfileState(SessionState):
    """Edit the signed-in user's own profile: talent sections or the company profile."""

    fields: rx.Field[dict[str, str]] = rx.field(default_factory=dict)
    completed: rx.Field[list[str]] = rx.field(default_factory=list)
    missing: rx.Field[list[MissingSection]] = rx.field(default_factory=list)
    saving: rx.Field[str] = rx.field("")
    form_version: rx.Field[int] = rx.field(0)

    @rx.var
    def strength_percent(self) -> int:
        return round(100 * len(self.completed) / len(profiles.SECTIONS))

    @rx.var
    def strength_text(self) -> str:
        return self._t(
            "profile.strength_value", done=len(self.completed), total=len(profiles.SECTIONS)
        )

    def _need(self, section: str) -> str:
        minimum = {"bio": profiles.MIN_BIO, "experience": profiles.MIN_EXPERIENCE}.get(section)
        return self._t(f"profile.need.{section}", min=minimum or 0)

    def _show_missing(self) -> None:
        self.missing = [
            MissingSection(section, self._t(f"profile.section.{section}"), self._need(section))
            for section in profiles.SECTIONS
            if section not in self.completed
        ]

    def _load(self, ctx: Ctx) -> None:
        self.form_version += 1
        if ctx.viewer.role == Role.TALENT:
            profile = profiles.get_talent_profile(session=ctx.db, user_id=ctx.viewer.id)
            self.fields = _talent_fields(profile)
            self.completed = profiles.completed_sections(profile) if profile else []
            self._show_missing()
        else:
            company = profiles.get_company(session=ctx.db, user_id=ctx.viewer.id)
            self.fields = {
                "company_name": company.company_name if company else "",
                "website": company.website if company else "",
                "about": company.about if company else "",
            }

    @rx.event
    @guarded(*PROFILE_ROLES, page_load=True)
    def load(self, ctx: Ctx) -> EventSpec | None:
        self._load(ctx)
        return None

    @rx.event
    @guarded(*PROFILE_ROLES)
    def save(self, ctx: Ctx, form: dict) -> EventSpec | None:
        """Save one section (the form's hidden ``section`` field names it)."""
        fields = args.form(form)
        section = args.choice(fields.get("section"), _FORM_FIELDS, key="profile.unknown_section")
        data = {
            name: args.field(fields, name, max_len=profiles.FIELD_MAX[name], key="profile.too_long")
            for name in _FORM_FIELDS[section]
        }
        self.saving = section
        try:
            if section == "company":
                profiles.save_company(session=ctx.db, user_id=ctx.viewer.id, data=data)
                awarded = 0
            else:
                awarded = profiles.save_talent_section(
                    session=ctx.db, user_id=ctx.viewer.id, section=section, data=data
                ).awarded
        finally:
            self.saving = ""
        self._load(ctx)
        if awarded:
            return self._success("profile.saved_earned", stars=awarded)
        if section != "company" and section not in self.completed:
            return rx.toast.info(
                self._t(
                    "profile.saved_incomplete",
                    stars=_section_reward(),
                    section=self._t(f"profile.section.{section}"),
                    need=self._need(section),
                ),
                close_button=True,
            )
        return self._success("profile.saved")


class TalentViewState(SessionState):
    """A talent's public profile; a producer opening it counts a view for the talent."""

    talent: rx.Field[TalentView] = rx.field(default_factory=TalentView)
    skills: rx.Field[list[str]] = rx.field(default_factory=list)
    reels: rx.Field[list[str]] = rx.field(default_factory=list)
    boosted: rx.Field[bool] = rx.field(False)
    can_message: rx.Field[bool] = rx.field(False)
    message_cost: rx.Field[int] = rx.field(features.FEATURES[Feature.DIRECT_MESSAGE_CREDIT].cost)

    def _talent_id(self) -> int:
        """The talent id in the page's path; anything else is not found."""
        raw = self.router.page.params.get("talent_id", "")
        return args.record_id(raw, key="error.not_found")

    def _show(self, ctx: Ctx) -> None:
        talent_id = self._talent_id()
        profile = profiles.view_talent_profile(
            session=ctx.db, viewer_id=ctx.viewer.id, talent_id=talent_id
        )
        name = accounts.get_user(session=ctx.db, user_id=talent_id).display_name
        self.boosted = activations.is_active(
            session=ctx.db, feature=Feature.PROFILE_BOOST, target_id=talent_id
        )
        self.talent = TalentView(
            id=talent_id,
            name=name,
            headline=profile.headline,
            location=profile.location,
            photo_url=profile.photo_url,
            bio=profile.bio,
            experience=profile.experience,
        )
        self.skills = split_list(profile.skills)
        self.reels = [link for link in profile.reel_links.split("\n") if link]
        self.can_message = ctx.viewer.role == Role.PRODUCER and ctx.viewer.id != talent_id

    @rx.event
    @public()
    def load(self, ctx: PublicCtx) -> EventSpec | None:
        """Show the profile to a signed-in viewer; nothing is shown when it cannot be."""
        self.talent = TalentView()
        if ctx.viewer is not None:
            self._show(Ctx(ctx.viewer, ctx.db))
        return None

    @rx.event
    @guarded(*PROFILE_ROLES)
    def message(self, ctx: Ctx) -> EventSpec | list[EventSpec]:
        """Open (or reuse) a direct conversation; a new one costs one Direct Message Credit."""
        conversation, paid = messages.start_conversation(
            session=ctx.db, user_id=ctx.viewer.id, other_id=self._talent_id()
        )
        target = f"{routes.MESSAGES}?c={conversation.id}"
        if paid:
            return [
                rx.redirect(target),
                self._success("messages.credit_spent", stars=self.message_cost),
            ]
        return rx.redirect(target)
