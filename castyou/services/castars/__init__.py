"""CasTars: the ledger, earning rules, Bounties and the reconciliation audit.

The ledger posts money and nothing else; what follows a posting is wired here,
once, so it runs for every posting whichever service made it: Bounty notices
for milestones newly reached, and the live update of the owner's open pages.
"""

from sqlmodel import Session

from castyou.services import live
from castyou.services.castars import bounties, ledger


def _announce_wallet(session: Session, user_id: int, _before: int, _after: int) -> None:
    live.announce(session, live.wallet(user_id))


ledger.on_posted(bounties.notify_new_milestones)
ledger.on_posted(_announce_wallet)
