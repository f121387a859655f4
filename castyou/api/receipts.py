"""GET /api/receipts/{id}/pdf?token=…: a receipt as a PDF file, by a signed short-lived link."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response

from castyou.db import session_scope
from castyou.models.limits import ID_MAX
from castyou.models.user import Role, User
from castyou.services.errors import NotFound
from castyou.services.payments import checkout, receipt_pdf
from castyou.settings import get_settings

router = APIRouter()


def merchant() -> receipt_pdf.Merchant:
    settings = get_settings()
    return receipt_pdf.Merchant(
        settings.merchant_name, settings.merchant_address, settings.merchant_email
    )


def _pdf(purchase_id: int, token: str) -> tuple[str, bytes]:
    secret = get_settings().session_secret
    with session_scope() as db:
        user_id = receipt_pdf.token_user(token=token, purchase_id=purchase_id, secret=secret)
        user = db.get(User, user_id)
        if user is None:
            raise NotFound()
        receipt = checkout.get_receipt(
            session=db,
            viewer_id=user_id,
            viewer_is_admin=user.role == Role.ADMIN,
            purchase_id=purchase_id,
        )
        return receipt.number, receipt_pdf.render(receipt, merchant(), user.language)


@router.get("/api/receipts/{purchase_id}/pdf")
async def receipt_pdf_download(purchase_id: str, token: str = "") -> Response:
    """The PDF for the owner or an admin; anything else answers 404 like a missing receipt."""
    if not (purchase_id.isascii() and purchase_id.isdigit()) or not 0 < int(purchase_id) <= ID_MAX:
        return _not_found()
    try:
        number, body = await run_in_threadpool(_pdf, int(purchase_id), token[:120])
    except NotFound:
        return _not_found()
    return Response(
        body,
        media_type="application/pdf",
        headers={
            "Content-Disposition": f'attachment; filename="receipt-{number}.pdf"',
            "Cache-Control": "private, no-store",
        },
    )


def _not_found() -> JSONResponse:
    return JSONResponse(
        {"error": {"code": "not_found", "message": "This receipt does not exist."}},
        status_code=404,
    )
