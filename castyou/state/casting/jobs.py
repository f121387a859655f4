"""/jobs: the listing (featured pinned), applying, producers' jobs and applicants, hiring."""

from __future__ import annotations

import reflex as rx
from reflex.event import EventSpec

from castyou import routes
from castyou.models.user import Role
from castyou.services.casting import jobs, messages
from castyou.state import args
from castyou.state.casting.dto import ApplicationDTO, JobDTO, application_dto, job_dto
from castyou.state.guard import Ctx, guarded
from castyou.state.live_registry import on_change
from castyou.state.session import SessionState


class JobsState(SessionState):
    """The open jobs, and the viewer's own jobs (producers) or applications (talents)."""

    listing: rx.Field[list[JobDTO]] = rx.field(default_factory=list)
    my_jobs: rx.Field[list[JobDTO]] = rx.field(default_factory=list)
    my_applications: rx.Field[list[ApplicationDTO]] = rx.field(default_factory=list)
    applied_job_ids: rx.Field[list[int]] = rx.field(default_factory=list)
    page: rx.Field[int] = rx.field(0)
    has_more: rx.Field[bool] = rx.field(False)
    busy: rx.Field[bool] = rx.field(False)
    form_version: rx.Field[int] = rx.field(0)

    def _load(self, ctx: Ctx) -> None:
        db, viewer = ctx.db, ctx.viewer
        own = viewer.id if viewer.role == Role.PRODUCER else 0
        result = jobs.list_jobs(session=db, page=self.page, exclude_producer_id=own)
        self.listing = [job_dto(card, self.lang) for card in result.cards]
        self.has_more = result.has_more
        self.my_jobs, self.my_applications = [], []
        if viewer.role == Role.PRODUCER:
            cards = jobs.producer_jobs(session=db, producer_id=viewer.id)
            grouped = jobs.applicants_by_job(
                session=db, producer_id=viewer.id, job_ids=[card.id for card in cards]
            )
            self.my_jobs = [job_dto(card, self.lang, grouped[card.id]) for card in cards]
        if viewer.role == Role.TALENT:
            mine = jobs.my_applications(session=db, talent_id=viewer.id)
            self.my_applications = [application_dto(view) for view in mine]
        self.applied_job_ids = [a.job_id for a in self.my_applications]

    @rx.event
    @guarded(page_load=True)
    def load(self, ctx: Ctx) -> EventSpec | None:
        self.page = 0
        self._load(ctx)
        return None

    @rx.event
    @guarded(page_load=True)
    def refresh(self, ctx: Ctx) -> None:
        self._load(ctx)

    @rx.event
    @guarded(page_load=True)
    def change_page(self, ctx: Ctx, delta: int) -> EventSpec | None:
        """One page back (-1) or forward (+1); anything else stays put."""
        step = args.step(delta)
        if step == 0 or (step == 1 and not self.has_more):
            return None
        self.page = max(0, min(self.page + step, jobs.MAX_PAGE))
        self._load(ctx)
        return None

    @rx.event
    @guarded(Role.PRODUCER)
    def post_job(self, ctx: Ctx, form: dict) -> EventSpec | None:
        fields = args.form(form)
        jobs.post_job(
            session=ctx.db,
            producer_id=ctx.viewer.id,
            title=args.field(
                fields,
                "title",
                min_len=jobs.TITLE_MIN,
                max_len=jobs.TITLE_MAX,
                key="jobs.invalid_title",
            ),
            description=args.field(
                fields,
                "description",
                min_len=jobs.DESCRIPTION_MIN,
                max_len=jobs.DESCRIPTION_MAX,
                key="jobs.invalid_description",
            ),
            location=args.field(
                fields,
                "location",
                min_len=jobs.LOCATION_MIN,
                max_len=jobs.LOCATION_MAX,
                key="jobs.invalid_location",
            ),
            shoot_date=args.field(fields, "shoot_date", max_len=10, key="jobs.invalid_date"),
        )
        self.form_version += 1
        self._load(ctx)
        return self._success("jobs.posted")

    @rx.event
    @guarded(Role.TALENT)
    def apply(self, ctx: Ctx, form: dict) -> EventSpec | None:
        jobs.apply(
            session=ctx.db,
            talent_id=ctx.viewer.id,
            job_id=args.record_id(args.field(form, "job_id", max_len=12)),
            note=args.field(
                form, "note", min_len=1, max_len=jobs.MAX_NOTE, key="jobs.invalid_note"
            ),
        )
        self._load(ctx)
        return self._success("jobs.applied")

    @rx.event
    @guarded(Role.PRODUCER)
    def hire(self, ctx: Ctx, application_id: int) -> EventSpec | None:
        jobs.hire(
            session=ctx.db, producer_id=ctx.viewer.id, application_id=args.record_id(application_id)
        )
        self._load(ctx)
        return self._success("jobs.hired")

    @rx.event
    @guarded(Role.TALENT, Role.PRODUCER)
    def message_about(self, ctx: Ctx, application_id: int) -> EventSpec | None:
        """Open the free job conversation between an applicant and the job's producer."""
        conversation = messages.start_job_conversation(
            session=ctx.db, user_id=ctx.viewer.id, application_id=args.record_id(application_id)
        )
        return rx.redirect(f"{routes.MESSAGES}?c={conversation.id}")


on_change("casting", JobsState.refresh)
