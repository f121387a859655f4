"""/jobs — open jobs (featured pinned on top), applying, posting, applicants and hiring."""

from typing import Any

import reflex as rx

from castyou import routes
from castyou.components.i18n import tr
from castyou.components.shell import protected
from castyou.state.casting.jobs import JobsState


def _status(status: Any) -> rx.Component:
    return rx.badge(
        JobsState.tr[f"jobs.status.{status}"].to(str),
        color_scheme=rx.match(status, ("HIRED", "green"), ("NOT_SELECTED", "gray"), "blue"),
        class_name="application-status",
    )


def _apply_form(job: Any) -> rx.Component:
    return rx.cond(
        JobsState.applied_job_ids.contains(job.id),
        rx.badge(tr("jobs.already_applied_badge"), color_scheme="green"),
        rx.form(
            rx.hstack(
                rx.el.input(type="hidden", name="job_id", value=f"{job.id}"),
                rx.input(
                    name="note",
                    placeholder=tr("jobs.note"),
                    aria_label=tr("jobs.note"),
                    max_length=500,
                    required=True,
                    id=f"note-{job.id}",
                    flex="1",
                    min_width="10rem",
                ),
                rx.button(tr("jobs.apply"), type="submit", id=f"apply-{job.id}"),
                width="100%",
                wrap="wrap",
            ),
            on_submit=JobsState.apply,
            width="100%",
        ),
    )


def _job_card(job: Any) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading(job.title, size="4", class_name="job-title"),
                rx.cond(
                    job.featured,
                    rx.badge(
                        tr("jobs.featured"), color_scheme="amber", class_name="featured-badge"
                    ),
                ),
                justify="between",
                width="100%",
                wrap="wrap",
            ),
            rx.text(
                job.producer_name,
                " · ",
                job.location,
                " · ",
                job.shoot_date,
                size="2",
                color_scheme="gray",
            ),
            rx.text(job.description, size="2"),
            rx.cond(JobsState.is_talent, _apply_form(job)),
            spacing="2",
            width="100%",
        ),
        class_name="job-card",
        width="100%",
    )


def _applicant(app: Any) -> rx.Component:
    return rx.hstack(
        rx.link(app.talent_name, href=app.href, weight="bold"),
        rx.cond(
            app.priority, rx.badge(tr("jobs.priority"), color_scheme="amber", class_name="priority")
        ),
        rx.text(app.note, size="2", flex="1"),
        _status(app.status),
        rx.button(
            tr("jobs.message"),
            size="1",
            variant="soft",
            on_click=JobsState.message_about(app.id),  # type: ignore[operator]
        ),
        rx.cond(
            app.status == "PENDING",
            rx.button(
                tr("jobs.hire"),
                size="1",
                on_click=JobsState.hire(app.id),  # type: ignore[operator]
                id=f"hire-{app.id}",
            ),
        ),
        wrap="wrap",
        width="100%",
        class_name="applicant",
    )


def _my_job(job: Any) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.text(job.title, weight="bold"),
                _status(job.status),
                rx.cond(
                    job.featured,
                    rx.badge(tr("jobs.featured"), color_scheme="amber"),
                    rx.cond(
                        job.status == "OPEN",
                        rx.link(tr("jobs.feature_it"), href=routes.CASTARS_STORE, size="1"),
                    ),
                ),
                wrap="wrap",
            ),
            rx.cond(
                job.applicants.length() == 0,
                rx.text(tr("jobs.no_applicants"), size="2", color_scheme="gray"),
                rx.vstack(rx.foreach(job.applicants, _applicant), width="100%"),
            ),
            width="100%",
        ),
        width="100%",
    )


def _labeled(name: str, control: rx.Component) -> rx.Component:
    return rx.vstack(
        rx.el.label(tr(f"jobs.field.{name}"), html_for=f"job-{name}", class_name="field-label"),
        control,
        spacing="1",
        width="100%",
    )


def _post_form() -> rx.Component:
    def field(name: str, type_: str = "text") -> rx.Component:
        return _labeled(
            name, rx.input(name=name, id=f"job-{name}", type=type_, required=True, width="100%")
        )

    return rx.card(
        rx.form(
            rx.vstack(
                rx.heading(tr("jobs.post_title"), size="4"),
                field("title"),
                _labeled(
                    "description",
                    rx.text_area(
                        name="description", id="job-description", required=True, width="100%"
                    ),
                ),
                rx.grid(
                    field("location"),
                    field("shoot_date", "date"),
                    columns=rx.breakpoints(initial="1", sm="2"),
                    spacing="2",
                    width="100%",
                ),
                rx.button(tr("jobs.post"), type="submit", id="post-job"),
                width="100%",
            ),
            on_submit=JobsState.post_job,
            key=JobsState.form_version.to(str),
            width="100%",
        ),
        width="100%",
    )


def _my_applications() -> rx.Component:
    return rx.vstack(
        rx.heading(tr("jobs.my_applications"), size="4"),
        rx.cond(
            JobsState.my_applications.length() == 0,
            rx.text(tr("jobs.no_applications"), size="2", color_scheme="gray"),
            rx.foreach(
                JobsState.my_applications,
                lambda a: rx.hstack(
                    rx.text(a.job_title, weight="bold"),
                    rx.cond(a.priority, rx.badge(tr("jobs.priority"), color_scheme="amber")),
                    _status(a.status),
                    rx.button(
                        tr("jobs.message"),
                        size="1",
                        variant="soft",
                        on_click=JobsState.message_about(a.id),  # type: ignore[operator]
                    ),
                    rx.cond(
                        a.status == "PENDING",
                        rx.link(tr("jobs.boost_application"), href=routes.CASTARS_STORE, size="1"),
                    ),
                    wrap="wrap",
                    class_name="my-application",
                ),
            ),
        ),
        width="100%",
        id="my-applications",
    )


def jobs_page() -> rx.Component:
    return protected(
        rx.vstack(
            rx.heading(tr("jobs.title"), size="6"),
            rx.cond(JobsState.is_talent, _my_applications()),
            rx.cond(
                JobsState.is_producer,
                rx.vstack(
                    _post_form(),
                    rx.heading(tr("jobs.my_jobs"), size="4"),
                    rx.foreach(JobsState.my_jobs, _my_job),
                    width="100%",
                    id="my-jobs",
                ),
            ),
            rx.heading(tr("jobs.open_jobs"), size="4"),
            rx.cond(
                JobsState.listing.length() == 0,
                rx.text(tr("jobs.empty"), color_scheme="gray"),
                rx.vstack(rx.foreach(JobsState.listing, _job_card), width="100%", id="job-listing"),
            ),
            rx.hstack(
                rx.button(
                    tr("casting.previous"),
                    on_click=JobsState.change_page(-1),  # type: ignore[operator]
                    disabled=JobsState.page == 0,
                    variant="soft",
                ),
                rx.button(
                    tr("casting.next"),
                    on_click=JobsState.change_page(1),  # type: ignore[operator]
                    disabled=~JobsState.has_more,
                    variant="soft",
                ),
            ),
            spacing="4",
            width="100%",
        )
    )
