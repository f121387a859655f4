"""The registry of ways to earn CasTars: reward, what the subject id means, caps.

The caps are the anti-farming limits: with them, no set of accounts one person
controls can mint stars faster than :func:`limit_lines` says (the README's
"Earning limits" section is these lines).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

PROFILE_SECTIONS: tuple[str, ...] = ("basics", "photo", "bio", "skills", "experience", "reel_links")
BOUNTY_MILESTONE_STARS = 500
SIGNUP_WINDOW = timedelta(hours=1)
"""Sign-ups per client address are counted over this window (the number is the setting
``CASTYOU_SIGNUPS_PER_ADDRESS_PER_HOUR``, default :data:`DEFAULT_SIGNUPS_PER_ADDRESS`)."""
DEFAULT_SIGNUPS_PER_ADDRESS = 5


@dataclass(frozen=True)
class EarnRule:
    """One earning rule.

    Attributes:
        id: the rule id used by services and the REST API.
        stars: the reward per award.
        reason: the ledger reason (a translation key).
        subject: what ``subject_id`` names (documentation for API callers). An award is
            paid once per earner and subject, so a subject naming a counterpart (the
            producer) makes the rule pay once per pair.
        daily_cap: at most this many awards per earning user per UTC day (None: no cap).
        per_day: dedupe per subject per UTC day instead of once for ever.
        subject_daily_cap: at most this many awards per subject per UTC day, whoever
            earns them (a producer can cause only so many hire rewards a day).
        monthly_cap: at most this many paid awards per earning user per UTC calendar
            month; beyond it the award is recorded as not paid.
    """

    id: str
    stars: int
    reason: str
    subject: str
    daily_cap: int | None = None
    per_day: bool = False
    subject_daily_cap: int | None = None
    monthly_cap: int | None = None


EARN_RULES: dict[str, EarnRule] = {
    rule.id: rule
    for rule in (
        EarnRule(
            "profile_section_completed",
            50,
            "earn.profile_section_completed",
            "the section name (one of basics, photo, bio, skills, experience, reel_links)",
        ),
        EarnRule(
            "application_submitted",
            10,
            "earn.application_submitted",
            "the user id of the producer whose job was applied to",
            daily_cap=5,
        ),
        EarnRule(
            "profile_viewed",
            5,
            "earn.profile_viewed",
            "the viewing producer's user id",
            daily_cap=3,
            per_day=True,
        ),
        EarnRule(
            "hired",
            200,
            "earn.hired",
            "the hiring producer's user id",
            daily_cap=1,
            subject_daily_cap=2,
        ),
        EarnRule(
            "referral_signup",
            100,
            "earn.referral_signup",
            "the referred user's id (paid once that account qualifies)",
            monthly_cap=5,
        ),
    )
}

REFERRAL_QUALIFIES = (
    "a talent has saved the profile basics and submitted at least one application; "
    "a producer has saved a company name and posted at least one job"
)


def limit_lines(signups_per_address: int = DEFAULT_SIGNUPS_PER_ADDRESS) -> list[str]:
    """Every earning limit as one README bullet, generated from the rules above."""
    hired, applied = EARN_RULES["hired"], EARN_RULES["application_submitted"]
    viewed, referral = EARN_RULES["profile_viewed"], EARN_RULES["referral_signup"]
    sections = EARN_RULES["profile_section_completed"]
    hours = int(SIGNUP_WINDOW.total_seconds() // 3600)
    return [
        f"- `profile_section_completed` (+{sections.stars}): once per section, ever.",
        f"- `application_submitted` (+{applied.stars}): once per talent–producer pair, ever;"
        f" at most {applied.daily_cap} per talent per UTC day.",
        f"- `hired` (+{hired.stars}): once per talent–producer pair, ever; at most"
        f" {hired.daily_cap} per talent per UTC day; one producer causes at most"
        f" {hired.subject_daily_cap} per UTC day.",
        f"- `profile_viewed` (+{viewed.stars}): once per producer per talent per UTC day;"
        f" at most {viewed.daily_cap} per talent per UTC day.",
        f"- `referral_signup` (+{referral.stars}): pending until the referred account"
        f" qualifies ({REFERRAL_QUALIFIES}); then paid once, in that same transaction;"
        f" at most {referral.monthly_cap} paid per referrer per UTC calendar month (later ones"
        " are recorded as not paid).",
        f"- Sign-ups: at most {signups_per_address} per client address per {hours} h"
        " (`CASTYOU_SIGNUPS_PER_ADDRESS_PER_HOUR`).",
    ]
