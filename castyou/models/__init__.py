"""Every table, imported here so ``SQLModel.metadata`` (and Alembic) sees them all."""

from castyou.models import search_index  # noqa: F401  (text-search DDL after create_all)
from castyou.models.admin import (
    AdminAction,
    AdminGrant,
    AdminPromotion,
    GrantStatus,
    PromotionStatus,
    RefundRequest,
)
from castyou.models.bounty import BountyRedemption, FeatureGrant
from castyou.models.casting import (
    Application,
    CompanyProfile,
    Conversation,
    Job,
    Message,
    TalentProfile,
)
from castyou.models.concierge import ConciergeEvent, ConciergeMessage, ConciergeRequest
from castyou.models.ledger import LedgerEntry, PurchaseReversal, Source, Wallet
from castyou.models.notification import Notification
from castyou.models.payments import CasTarsBundle, CasTarsPurchase, PurchaseRefund, WebhookDelivery
from castyou.models.referral import ReferralReward, SignupAttempt
from castyou.models.store import ActiveFeature
from castyou.models.support import ConciergeFile, EmailOutbox, EmailPrefs, SupportMark
from castyou.models.user import AuthSession, LoginAttempt, Role, User

__all__ = [
    "ActiveFeature",
    "AdminAction",
    "AdminGrant",
    "AdminPromotion",
    "Application",
    "AuthSession",
    "BountyRedemption",
    "CasTarsBundle",
    "CasTarsPurchase",
    "CompanyProfile",
    "ConciergeEvent",
    "ConciergeFile",
    "ConciergeMessage",
    "ConciergeRequest",
    "Conversation",
    "EmailOutbox",
    "EmailPrefs",
    "FeatureGrant",
    "GrantStatus",
    "Job",
    "LedgerEntry",
    "LoginAttempt",
    "Message",
    "Notification",
    "PromotionStatus",
    "PurchaseRefund",
    "PurchaseReversal",
    "ReferralReward",
    "RefundRequest",
    "Role",
    "SignupAttempt",
    "Source",
    "SupportMark",
    "TalentProfile",
    "User",
    "Wallet",
    "WebhookDelivery",
]
