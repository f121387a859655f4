"""The registry of ways to earn CasTars: reward, what the subject id means, caps."""

from __future__ import annotations

from dataclasses import dataclass

PROFILE_SECTIONS: tuple[str, ...] = ("basics", "photo", "bio", "skills", "experience", "reel_links")
BOUNTY_MILESTONE_STARS = 500


@dataclass(frozen=True)
class EarnRule:
    """One earning rule.

    Attributes:
        id: the rule id used by services and the REST API.
        stars: the reward per award.
        reason: the ledger reason (a translation key).
        subject: what ``subject_id`` names (documentation for API callers).
        daily_cap: at most this many awards per user per UTC day (None: no cap).
        per_day: dedupe per subject per UTC day instead of once for ever.
    """

    id: str
    stars: int
    reason: str
    subject: str
    daily_cap: int | None = None
    per_day: bool = False


EARN_RULES: dict[str, EarnRule] = {
    rule.id: rule
    for rule in (
        EarnRule(
            "profile_section_completed",
            50,
            "earn.profile_section_completed",
            "the section name (one of basics, photo, bio, skills, experience, reel_links)",
        ),
        EarnRule("application_submitted", 10, "earn.application_submitted", "the application id"),
        EarnRule(
            "profile_viewed",
            5,
            "earn.profile_viewed",
            "the viewing producer's user id",
            daily_cap=3,
            per_day=True,
        ),
        EarnRule("hired", 200, "earn.hired", "the hire or job id"),
        EarnRule("referral_signup", 100, "earn.referral_signup", "the referred user's id"),
    )
}
