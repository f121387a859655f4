"""Small public DTOs the concierge pages render (never table rows), built per language."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from castyou.clock import utcnow
from castyou.i18n import format_datetime, format_number, t
from castyou.models.concierge import ConciergeEvent, ConciergeMessage, ConciergeRequest
from castyou.services.concierge.core import FINAL
from castyou.services.concierge.tiers import ConciergeTier


@dataclass
class TierView:
    """A concierge tier with its cost and what the viewer still needs for it."""

    type: str = ""
    cost: int = 0
    cost_text: str = ""
    sla_text: str = ""
    examples: list[str] = field(default_factory=list)
    short_text: str = ""
    buy_href: str = ""


@dataclass
class CandidateView:
    """A candidate the team delivered (or an admin is typing into the fulfil form)."""

    name: str = ""
    link: str = ""
    notes: str = ""


@dataclass
class RequestView:
    """A concierge request as the requester's and the team's pages show it."""

    id: int = 0
    type: str = ""
    status: str = ""
    description: str = ""
    cost_text: str = ""
    created_text: str = ""
    due_text: str = ""
    overdue: bool = False
    admin_notes: str = ""
    candidates: list[CandidateView] = field(default_factory=list)
    rating: int = 0
    rating_comment: str = ""
    can_cancel: bool = False
    can_rate: bool = False
    requester: str = ""
    assignee_id: str = ""
    assignee: str = ""
    time_left: str = ""


@dataclass
class MessageView:
    """One message in a request's thread."""

    id: int = 0
    author: str = ""
    body: str = ""
    internal: bool = False
    mine: bool = False
    when: str = ""


@dataclass
class EventView:
    """One line of a request's audit trail."""

    id: int = 0
    text: str = ""
    when: str = ""


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def time_left_text(due: datetime, lang: str) -> str:
    """How long until the SLA is due ("5 h 20 min left"), or how long it is overdue."""
    seconds = int((due - utcnow()).total_seconds())
    minutes = abs(seconds) // 60
    hours, minutes = divmod(minutes, 60)
    span = t("concierge.span", lang, hours=format_number(hours, lang), minutes=minutes)
    return t("concierge.left" if seconds >= 0 else "concierge.late", lang, span=span)


def tier_view(tier: ConciergeTier, balance: int, lang: str, buy_href: str = "") -> TierView:
    short = max(tier.stars_cost - balance, 0)
    return TierView(
        type=tier.type.value,
        cost=tier.stars_cost,
        cost_text=t("concierge.cost", lang, stars=format_number(tier.stars_cost, lang)),
        sla_text=t("concierge.sla", lang, hours=tier.sla_hours),
        examples=[t(key, lang) for key in tier.example_keys],
        short_text=t("concierge.need_more", lang, stars=format_number(short, lang))
        if short
        else "",
        buy_href=buy_href if short else "",
    )


def request_view(
    request: ConciergeRequest, lang: str, *, requester: str = "", assignee: str = ""
) -> RequestView:
    due = _aware(request.sla_due_at)
    status = str(request.status)
    candidates = (request.result or {}).get("candidates", [])
    return RequestView(
        id=request.id or 0,
        type=str(request.request_type),
        status=status,
        description=request.description,
        cost_text=t("concierge.cost", lang, stars=format_number(request.stars_cost, lang)),
        created_text=format_datetime(_aware(request.created_at), lang, "short"),
        due_text=t("concierge.due", lang, when=format_datetime(due, lang, "short")),
        overdue=status not in FINAL and due < utcnow(),
        time_left="" if status in FINAL else time_left_text(due, lang),
        admin_notes=request.admin_notes or "",
        candidates=[
            CandidateView(c["name"], c.get("link", ""), c.get("notes", "")) for c in candidates
        ],
        rating=request.rating or 0,
        rating_comment=request.rating_comment or "",
        can_cancel=status == "PENDING",
        can_rate=status == "FULFILLED" and request.rating is None,
        requester=requester,
        assignee_id=str(request.assignee_id or ""),
        assignee=assignee,
    )


def message_view(
    message: ConciergeMessage, lang: str, *, viewer_id: int, names: dict[int, str]
) -> MessageView:
    mine = message.author_id == viewer_id
    return MessageView(
        id=message.id or 0,
        author=t("concierge.you", lang) if mine else names.get(message.author_id, ""),
        body=message.body,
        internal=message.internal,
        mine=mine,
        when=format_datetime(_aware(message.created_at), lang, "short"),
    )


def event_view(event: ConciergeEvent, lang: str, names: dict[int, str]) -> EventView:
    parts = [names.get(event.actor_id or 0, "?"), t(f"admin_concierge.event.{event.kind}", lang)]
    if event.from_status or event.to_status:
        frm = t(f"concierge.status.{event.from_status}", lang) if event.from_status else ""
        parts.append(f"{frm} → {t(f'concierge.status.{event.to_status}', lang)}".strip())
    if event.kind == "assigned":
        parts.append(names.get(event.assignee_id or 0, t("admin_concierge.unassigned", lang)))
    if event.note:
        parts.append(f"“{event.note}”")
    return EventView(
        id=event.id or 0,
        text=" · ".join(parts),
        when=format_datetime(_aware(event.created_at), lang, "short"),
    )
