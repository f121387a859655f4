"""/jobs: the listing (featured pinned), applying, producers' jobs and applicants, hiring."""

from __future__ import annotations

import reflex as rx
from reflex.event import EventSpec

from castyou import routes
from castyou.db import session_scope
from castyou.models.user import Role
from castyou.services.casting import jobs, messages
from castyou.services.errors import CasTyouError, InvalidInput
from castyou.state.casting.dto import ApplicationDTO, JobDTO, application_dto, job_dto, load_error
from castyou.state.live_registry import on_change
from castyou.state.session import SessionState


def _id(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise InvalidInput()
    text = str(value)
    if not text.isdigit() or len(text) > 12:
        raise InvalidInput()
    return int(text)


class JobsState(SessionState):
    listing: rx.Field[list[JobDTO]] = rx.field(default_factory=list)
    my_jobs: rx.Field[list[JobDTO]] = rx.field(default_factory=list)
    my_applications: rx.Field[list[ApplicationDTO]] = rx.field(default_factory=list)
    applied_job_ids: rx.Field[list[int]] = rx.field(default_factory=list)
    page: rx.Field[int] = rx.field(0)
    has_more: rx.Field[bool] = rx.field(False)
    busy: rx.Field[bool] = rx.field(False)
    form_version: rx.Field[int] = rx.field(0)

    def _load(self, viewer_id: int, role: Role) -> None:
        with session_scope() as db:
            result = jobs.list_jobs(session=db, page=self.page)
            self.listing = [job_dto(card, self.lang) for card in result.cards]
            self.has_more = result.has_more
            self.my_jobs, self.my_applications = [], []
            if role == Role.PRODUCER:
                cards = jobs.producer_jobs(session=db, producer_id=viewer_id)
                grouped = jobs.applicants_by_job(
                    session=db, producer_id=viewer_id, job_ids=[card.id for card in cards]
                )
                self.my_jobs = [job_dto(card, self.lang, grouped[card.id]) for card in cards]
            if role == Role.TALENT:
                mine = jobs.my_applications(session=db, talent_id=viewer_id)
                self.my_applications = [application_dto(view) for view in mine]
        self.applied_job_ids = [a.job_id for a in self.my_applications]

    @rx.event
    def load(self) -> EventSpec | None:
        try:
            viewer = self._require()
        except CasTyouError as error:
            return load_error(self, error)
        self.page = 0
        self._load(viewer.id, viewer.role)
        return None

    @rx.event
    def refresh(self) -> None:
        viewer = self._viewer()
        if viewer is not None:
            self._load(viewer.id, viewer.role)

    @rx.event
    def change_page(self, delta: int) -> EventSpec | None:
        if delta not in (-1, 1) or (delta == 1 and not self.has_more):
            return None
        self.page = max(0, min(self.page + delta, jobs.MAX_PAGE))
        viewer = self._viewer()
        if viewer is not None:
            self._load(viewer.id, viewer.role)
        return None

    @rx.event
    def post_job(self, form: dict) -> EventSpec | None:
        try:
            viewer = self._require(Role.PRODUCER)
            if not isinstance(form, dict):
                raise InvalidInput()
            with session_scope() as db:
                jobs.post_job(
                    session=db,
                    producer_id=viewer.id,
                    title=str(form.get("title", "")),
                    description=str(form.get("description", "")),
                    location=str(form.get("location", "")),
                    shoot_date=str(form.get("shoot_date", "")),
                )
        except CasTyouError as error:
            return self._error(error)
        self.form_version += 1
        self._load(viewer.id, viewer.role)
        return self._success("jobs.posted")

    @rx.event
    def apply(self, form: dict) -> EventSpec | None:
        try:
            viewer = self._require(Role.TALENT)
            if not isinstance(form, dict):
                raise InvalidInput()
            job_id = _id(form.get("job_id", ""))
            with session_scope() as db:
                jobs.apply(
                    session=db, talent_id=viewer.id, job_id=job_id, note=str(form.get("note", ""))
                )
        except CasTyouError as error:
            return self._error(error)
        self._load(viewer.id, viewer.role)
        return self._success("jobs.applied")

    @rx.event
    def hire(self, application_id: int) -> EventSpec | None:
        try:
            viewer = self._require(Role.PRODUCER)
            with session_scope() as db:
                jobs.hire(session=db, producer_id=viewer.id, application_id=_id(application_id))
        except CasTyouError as error:
            return self._error(error)
        self._load(viewer.id, viewer.role)
        return self._success("jobs.hired")

    @rx.event
    def message_about(self, application_id: int) -> EventSpec | None:
        """Open the free job conversation between an applicant and the job's producer."""
        try:
            viewer = self._require(Role.TALENT, Role.PRODUCER)
            with session_scope() as db:
                conversation = messages.start_job_conversation(
                    session=db, user_id=viewer.id, application_id=_id(application_id)
                )
        except CasTyouError as error:
            return self._error(error)
        return rx.redirect(f"{routes.MESSAGES}?c={conversation.id}")


on_change("user", JobsState.refresh)
