"""/profile (edit your own) and /talents/[talent_id] (public talent profile)."""

from typing import Any

import reflex as rx
from reflex.vars import ObjectVar

from castyou.components.i18n import tr
from castyou.components.shell import protected
from castyou.state.casting.profile import (
    MissingSection,
    ProfileState,
    TalentView,
    TalentViewState,
)

_FIELDS: Any = ProfileState.fields

_TALENT_SECTIONS = (
    (
        "basics",
        (
            ("headline", "input"),
            ("location", "input"),
            ("birth_year", "input"),
            ("available_from", "date"),
        ),
    ),
    ("photo", (("photo_url", "input"),)),
    ("bio", (("bio", "area"),)),
    ("skills", (("skills", "input"), ("languages", "input"))),
    ("experience", (("experience", "area"),)),
    ("reel_links", (("reel_links", "area"),)),
)


def _field(section: str, name: str, kind: str) -> rx.Component:
    field_id = f"{section}-{name}"
    common = {
        "name": name,
        "id": field_id,
        "default_value": _FIELDS[name].to(str),
        "width": "100%",
    }
    control = (
        rx.text_area(rows="3", **common)
        if kind == "area"
        else rx.input(type="date" if kind == "date" else "text", **common)
    )
    return rx.vstack(
        rx.el.label(tr(f"profile.field.{name}"), html_for=field_id, class_name="field-label"),
        control,
        spacing="1",
        width="100%",
    )


def _section_form(section: str, fields: tuple, title_key: str) -> rx.Component:
    return rx.card(
        rx.form(
            rx.vstack(
                rx.hstack(
                    rx.heading(tr(title_key), size="4"),
                    rx.cond(
                        ProfileState.completed.contains(section),
                        rx.badge(
                            tr("profile.complete"), color_scheme="green", id=f"done-{section}"
                        ),
                    ),
                    justify="between",
                    width="100%",
                ),
                rx.el.input(type="hidden", name="section", value=section),
                *[_field(section, name, kind) for name, kind in fields],
                rx.button(
                    rx.cond(
                        ProfileState.saving == section, rx.spinner(size="1"), tr("common.save")
                    ),
                    type="submit",
                    id=f"save-{section}",
                ),
                spacing="2",
                width="100%",
            ),
            on_submit=ProfileState.save,
            reset_on_submit=False,
            width="100%",
            key=ProfileState.form_version.to(str) + section,
        ),
        width="100%",
    )


def _missing_item(item: ObjectVar[MissingSection]) -> rx.Component:
    return rx.vstack(
        rx.text(item.title, weight="medium", size="2"),
        rx.text(item.need, size="1", color_scheme="gray"),
        spacing="0",
        id="missing-" + item.section.to(str),
    )


def _strength_card() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(tr("profile.strength"), size="3"),
            rx.progress(
                value=ProfileState.strength_percent,
                max=100,
                width="100%",
                aria_label=tr("profile.strength"),
            ),
            rx.text(ProfileState.strength_text, size="2", id="profile-strength"),
            rx.cond(
                ProfileState.missing.length() > 0,
                rx.vstack(
                    rx.text(tr("profile.missing"), size="2", weight="bold"),
                    rx.foreach(ProfileState.missing, _missing_item),
                    spacing="2",
                    id="profile-missing",
                ),
                rx.text(tr("profile.all_done"), size="2", color_scheme="green"),
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
        position=rx.breakpoints(initial="static", md="sticky"),
        top="5rem",
    )


def profile_page() -> rx.Component:
    talent = rx.grid(
        rx.vstack(
            rx.text(tr("profile.sections_hint"), color_scheme="gray"),
            *[
                _section_form(section, fields, f"profile.section.{section}")
                for section, fields in _TALENT_SECTIONS
            ],
            spacing="3",
            width="100%",
        ),
        rx.box(_strength_card(), order=rx.breakpoints(initial="-1", md="0")),
        grid_template_columns=rx.breakpoints(
            initial="minmax(0, 1fr)", md="minmax(0, 2fr) minmax(0, 1fr)"
        ),
        gap="1rem",
        align_items="start",
        width="100%",
    )
    company_fields = (("company_name", "input"), ("website", "input"), ("about", "area"))
    return protected(
        rx.vstack(
            rx.heading(tr("profile.title"), size="6"),
            rx.cond(
                ProfileState.is_talent,
                talent,
                _section_form("company", company_fields, "profile.section.company"),
            ),
            spacing="4",
            width="100%",
        )
    )


def _detail(label_key: str, value: rx.Var) -> rx.Component:
    return rx.cond(
        value != "",
        rx.vstack(
            rx.text(tr(label_key), size="1", color_scheme="gray"),
            rx.text(value, white_space="pre-wrap"),
            spacing="0",
        ),
    )


def _talent_header(t: ObjectVar[TalentView]) -> rx.Component:
    return rx.hstack(
        rx.cond(t.photo_url != "", rx.avatar(src=t.photo_url, size="6")),
        rx.vstack(
            rx.heading(t.name, size="6", id="talent-name"),
            rx.text(t.headline),
            rx.text(t.location, color_scheme="gray"),
        ),
        rx.cond(
            TalentViewState.boosted,
            rx.badge(tr("casting.boosted"), color_scheme="amber"),
        ),
        wrap="wrap",
    )


def talent_view_page() -> rx.Component:
    t: Any = TalentViewState.talent
    return protected(
        rx.cond(
            t.id > 0,
            rx.card(
                rx.vstack(
                    _talent_header(t),
                    rx.hstack(rx.foreach(TalentViewState.skills, rx.badge), wrap="wrap"),
                    _detail("profile.field.bio", t.bio),
                    _detail("profile.field.experience", t.experience),
                    rx.foreach(
                        TalentViewState.reels,
                        lambda link: rx.link(link, href=link, is_external=True, size="2"),
                    ),
                    rx.cond(
                        TalentViewState.can_message,
                        rx.button(
                            tr("casting.message_direct"),
                            on_click=TalentViewState.message,
                            id="message-talent",
                        ),
                    ),
                    spacing="3",
                ),
                width="100%",
            ),
            rx.text(tr("common.empty"), color_scheme="gray"),
        )
    )
