"""/discover — talent cards for producers, Featured Reels, basic and advanced filters."""

from typing import Any

import reflex as rx

from castyou import routes
from castyou.components.i18n import tr
from castyou.components.shell import not_allowed_panel, protected
from castyou.state.casting.discover import DiscoverState
from castyou.state.session import SessionState


def talent_card(card: Any) -> rx.Component:
    return rx.card(
        rx.link(
            rx.vstack(
                rx.hstack(
                    rx.avatar(src=card.photo_url, fallback=card.name[:1], size="4"),
                    rx.vstack(
                        rx.text(card.name, weight="bold", class_name="talent-name"),
                        rx.text(card.headline, size="2"),
                        spacing="0",
                    ),
                    rx.spacer(),
                    rx.cond(
                        card.boosted,
                        rx.badge(tr("casting.boosted"), color_scheme="amber", class_name="boosted"),
                    ),
                    width="100%",
                    align="center",
                ),
                rx.hstack(
                    rx.cond(card.location != "", rx.text(card.location)),
                    rx.cond(
                        card.age != "",
                        rx.text(
                            SessionState.tr["casting.age_years"].to(str).replace("{age}", card.age),
                            class_name="talent-age",
                        ),
                    ),
                    spacing="2",
                    color_scheme="gray",
                    size="1",
                    class_name="talent-meta",
                ),
                rx.hstack(
                    rx.foreach(card.skills, lambda s: rx.badge(s, variant="soft")), wrap="wrap"
                ),
                spacing="2",
            ),
            href=card.href,
            underline="none",
            color="inherit",
        ),
        class_name="talent-card",
    )


def _input(name: str, disabled=False, type_: str = "text") -> rx.Component:
    field = rx.input(
        name=name,
        id=f"filter-{name}",
        placeholder=tr(f"discover.filter.{name}"),
        aria_label=tr(f"discover.filter.{name}"),
        type=type_,
        disabled=disabled,
        width="100%",
    )
    if type_ != "date":
        return field
    label = rx.text(tr(f"discover.filter.{name}"), size="1", color_scheme="gray")
    return rx.vstack(label, field, spacing="0", width="100%")


def _advanced() -> rx.Component:
    locked = ~DiscoverState.filters_unlocked
    return rx.vstack(
        rx.hstack(
            rx.text(tr("discover.advanced"), weight="bold"),
            rx.cond(
                locked,
                rx.link(
                    rx.badge(tr("discover.locked"), color_scheme="gray"),
                    href=routes.CASTARS_STORE,
                    id="unlock-link",
                ),
                rx.badge(tr("discover.unlocked"), color_scheme="green", id="filters-unlocked"),
            ),
            align="center",
        ),
        rx.grid(
            _input("min_age", locked),
            _input("max_age", locked),
            _input("language", locked),
            _input("available_by", locked, "date"),
            rx.hstack(
                rx.checkbox(
                    name="has_reel",
                    id="filter-has_reel",
                    disabled=locked,
                    aria_label=tr("discover.filter.has_reel"),
                ),
                rx.text(tr("discover.filter.has_reel"), size="2"),
                align="center",
            ),
            columns=rx.breakpoints(initial="2", md="5"),
            spacing="2",
            width="100%",
        ),
        width="100%",
    )


def _filters() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.grid(
                _input("text"),
                _input("skill"),
                _input("location"),
                columns=rx.breakpoints(initial="1", sm="3"),
                spacing="2",
                width="100%",
            ),
            _advanced(),
            rx.button(tr("discover.search"), type="submit", id="discover-search"),
            width="100%",
        ),
        on_submit=DiscoverState.search,
        reset_on_submit=False,
        width="100%",
    )


def _reels() -> rx.Component:
    return rx.cond(
        DiscoverState.reels.length() > 0,
        rx.vstack(
            rx.heading(tr("discover.featured_reels"), size="4"),
            rx.grid(
                rx.foreach(
                    DiscoverState.reels,
                    lambda r: rx.card(
                        rx.vstack(
                            rx.link(r.name, href=r.href, weight="bold"),
                            rx.link(
                                rx.hstack(
                                    rx.icon("circle-play", size=14),
                                    rx.text(tr("discover.watch_reel")),
                                    align="center",
                                    spacing="1",
                                ),
                                href=r.reel_url,
                                is_external=True,
                                size="2",
                            ),
                            spacing="1",
                        ),
                        class_name="featured-reel",
                    ),
                ),
                columns=rx.breakpoints(initial="1", sm="3"),
                spacing="2",
                width="100%",
            ),
            width="100%",
            id="featured-reels",
        ),
    )


def _results() -> rx.Component:
    return rx.vstack(
        rx.cond(
            DiscoverState.cards.length() == 0,
            rx.text(tr("discover.empty"), color_scheme="gray", id="discover-empty"),
            rx.grid(
                rx.foreach(DiscoverState.cards, talent_card),
                columns=rx.breakpoints(initial="1", sm="2", lg="3"),
                spacing="3",
                width="100%",
                id="discover-results",
            ),
        ),
        rx.hstack(
            rx.button(
                tr("casting.previous"),
                on_click=DiscoverState.previous_page,
                disabled=DiscoverState.page == 0,
                variant="soft",
            ),
            rx.button(
                tr("casting.next"),
                on_click=DiscoverState.next_page,
                disabled=~DiscoverState.has_more,
                variant="soft",
                id="discover-next",
            ),
        ),
        width="100%",
    )


def discover_page() -> rx.Component:
    return protected(
        rx.cond(
            DiscoverState.is_producer,
            rx.vstack(
                rx.heading(tr("discover.title"), size="6"),
                _reels(),
                _filters(),
                _results(),
                spacing="4",
                width="100%",
            ),
            not_allowed_panel(),
        )
    )
