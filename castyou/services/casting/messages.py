"""Direct messages. Inside a job (applicant ↔ that job's producer) they are free; any other
new conversation costs one Direct Message Credit, charged when it is opened."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_
from sqlmodel import Session, col, select

from castyou.clock import utcnow
from castyou.db import transaction
from castyou.models.casting import Application, Conversation, Job, Message
from castyou.models.user import Role, User
from castyou.services import live
from castyou.services.errors import InvalidInput, NotAllowed, NotFound
from castyou.services.store import activations
from castyou.services.store.features import Feature

MAX_BODY = 2000
DIRECT = "direct"
THREAD_LIMIT = 200


@dataclass(frozen=True)
class ConversationView:
    id: int
    other_id: int
    other_name: str
    job_title: str
    last_message_at: datetime


@dataclass(frozen=True)
class MessageView:
    id: int
    mine: bool
    body: str
    created_at: datetime


def _participants(session: Session, user_id: int, other_id: int) -> None:
    users = {
        u.id: u for u in session.exec(select(User).where(col(User.id).in_([user_id, other_id])))
    }
    if user_id == other_id or len(users) != 2:
        raise InvalidInput("messages.invalid_recipient")
    if any(Role(u.role) == Role.ADMIN for u in users.values()):
        raise NotAllowed()


def _job_link_ok(session: Session, job_id: int, user_id: int, other_id: int) -> bool:
    job = session.get(Job, job_id)
    if job is None or job.producer_id not in (user_id, other_id):
        return False
    talent = other_id if job.producer_id == user_id else user_id
    applied = select(Application.id).where(
        Application.job_id == job_id, Application.talent_id == talent
    )
    return session.exec(applied).first() is not None


def start_conversation(
    *, session: Session, user_id: int, other_id: int, job_id: int | None = None
) -> tuple[Conversation, bool]:
    """Open (or reuse) a conversation; returns it and whether a credit was spent.

    Raises:
        NotAllowed: ``job_id`` does not link these two users.
        InsufficientBalance: a new direct conversation and the balance is short.
    """
    low, high = sorted((user_id, other_id))
    context = f"job:{job_id}" if job_id is not None else DIRECT
    with transaction(session):
        _participants(session, user_id, other_id)
        if job_id is not None and not _job_link_ok(session, job_id, user_id, other_id):
            raise NotAllowed()
        existing = session.exec(
            select(Conversation).where(
                Conversation.user_low == low,
                Conversation.user_high == high,
                Conversation.context == context,
            )
        ).first()
        if existing is not None:
            return existing, False
        conversation = Conversation(user_low=low, user_high=high, context=context, job_id=job_id)
        session.add(conversation)
        session.flush()
        assert conversation.id is not None
        if job_id is None:
            activations.spend_on_feature(
                session=session,
                user_id=user_id,
                feature=Feature.DIRECT_MESSAGE_CREDIT.value,
                target_id=conversation.id,
            )
        live.announce(session, live.casting(other_id))
    return conversation, job_id is None


def start_job_conversation(*, session: Session, user_id: int, application_id: int) -> Conversation:
    """The free conversation about one application, for its talent or the job's producer."""
    application = session.get(Application, application_id)
    job = session.get(Job, application.job_id) if application else None
    if (
        application is None
        or job is None
        or user_id not in (application.talent_id, job.producer_id)
    ):
        raise NotAllowed()
    other = job.producer_id if user_id == application.talent_id else application.talent_id
    conversation, _ = start_conversation(
        session=session, user_id=user_id, other_id=other, job_id=job.id
    )
    return conversation


def _own_conversation(session: Session, user_id: int, conversation_id: int) -> Conversation:
    conversation = session.get(Conversation, conversation_id)
    if conversation is None or user_id not in (conversation.user_low, conversation.user_high):
        raise NotFound()
    return conversation


def send_message(*, session: Session, user_id: int, conversation_id: int, body: str) -> Message:
    if not isinstance(body, str) or not 1 <= len(body.strip()) <= MAX_BODY:
        raise InvalidInput("messages.invalid_body", max=MAX_BODY)
    with transaction(session):
        conversation = _own_conversation(session, user_id, conversation_id)
        message = Message(conversation_id=conversation_id, sender_id=user_id, body=body.strip())
        conversation.last_message_at = utcnow()
        session.add_all([message, conversation])
        other = (
            conversation.user_high if user_id == conversation.user_low else conversation.user_low
        )
        live.announce(session, live.casting(other), live.casting(user_id))
    return message


def conversations(*, session: Session, user_id: int) -> list[ConversationView]:
    rows = session.exec(
        select(Conversation)
        .where(or_(col(Conversation.user_low) == user_id, col(Conversation.user_high) == user_id))
        .order_by(col(Conversation.last_message_at).desc())
        .limit(100)
    ).all()
    others = {c.user_high if c.user_low == user_id else c.user_low for c in rows}
    names = dict(
        session.exec(select(User.id, User.display_name).where(col(User.id).in_(others))).all()
    )
    job_ids = {c.job_id for c in rows if c.job_id}
    titles = dict(session.exec(select(Job.id, Job.title).where(col(Job.id).in_(job_ids))).all())
    views = []
    for c in rows:
        other = c.user_high if c.user_low == user_id else c.user_low
        assert c.id is not None
        title = titles.get(c.job_id, "") if c.job_id else ""
        views.append(ConversationView(c.id, other, names.get(other, ""), title, c.last_message_at))
    return views


def thread(*, session: Session, user_id: int, conversation_id: int) -> list[MessageView]:
    _own_conversation(session, user_id, conversation_id)
    rows = session.exec(
        select(Message)
        .where(Message.conversation_id == conversation_id)
        .order_by(col(Message.created_at).desc(), col(Message.id).desc())
        .limit(THREAD_LIMIT)
    ).all()
    return [
        MessageView(m.id or 0, m.sender_id == user_id, m.body, m.created_at) for m in reversed(rows)
    ]
