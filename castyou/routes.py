"""Route constants and URL builders: pages and links use these, never literals."""

from urllib.parse import quote

HOME = "/"
LOGIN = "/login"
LOGGED_OUT = "/login?signed_out=1"
SIGNUP = "/signup"
CASTARS = "/castars"
CASTARS_BUY = "/castars/buy"
CASTARS_STORE = "/castars/store"
CASTARS_RECEIPT = "/castars/receipts/[receipt_id]"
CONCIERGE = "/concierge"
DISCOVER = "/discover"
JOBS = "/jobs"
MESSAGES = "/messages"
PROFILE = "/profile"
TALENT = "/talents/[talent_id]"
ADMIN_CONCIERGE = "/admin/concierge"
ADMIN_CASTARS = "/admin/castars"
SETTINGS = "/settings"
SESSION_API = "/api/session"


def login_url(next_path: str | None = None) -> str:
    """The login page, returning to ``next_path`` afterwards."""
    if not next_path or next_path in (LOGIN, SIGNUP):
        return LOGIN
    return f"{LOGIN}?next={quote(next_path, safe='/')}"


def safe_next(next_path: str | None) -> str:
    """Only same-site absolute paths are followed after login (no open redirects)."""
    if (
        next_path
        and next_path.startswith("/")
        and not next_path.startswith("//")
        and "\\" not in next_path
    ):
        return next_path
    return HOME


def buy_url(bundle_id: str | None = None) -> str:
    """The buy page, with ``bundle_id`` suggested when given."""
    return f"{CASTARS_BUY}?bundle={quote(bundle_id)}" if bundle_id else CASTARS_BUY


def receipt_url(receipt_id: int | str) -> str:
    return f"/castars/receipts/{receipt_id}"
