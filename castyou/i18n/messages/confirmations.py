"""Confirmed clicks: spend and refund dialogs, per-click keys, admin promotions."""

MESSAGES: dict[str, tuple[str, str, str]] = {
    "click.invalid_key": (
        "This form has expired. Reload the page and try again.",
        "Este formulário expirou. Recarregue a página e tente de novo.",
        "Este formulario ha caducado. Recarga la página e inténtalo de nuevo.",
    ),
    "click.key_used": (
        "This confirmation was already used. Reload the page and try again.",
        "Esta confirmação já foi usada. Recarregue a página e tente de novo.",
        "Esta confirmación ya se usó. Recarga la página e inténtalo de nuevo.",
    ),
    "store.confirm_title": ("Confirm purchase", "Confirmar compra", "Confirmar compra"),
    "store.confirm_cost": ("Cost:", "Custo:", "Coste:"),
    "store.confirm_after": ("Balance after:", "Saldo depois:", "Saldo después:"),
    "store.confirm_spend": ("Confirm", "Confirmar", "Confirmar"),
    "admin.col.requested_by": ("Requested by", "Pedido por", "Solicitado por"),
    "admin.pending_promotions": (
        "Pending promotions to admin",
        "Promoções a admin pendentes",
        "Promociones a admin pendientes",
    ),
    "admin.no_promotions": (
        "No pending promotions.",
        "Nenhuma promoção pendente.",
        "No hay promociones pendientes.",
    ),
    "admin.promotion_waits": (
        "Waiting for another admin",
        "Aguardando outro admin",
        "Esperando a otro admin",
    ),
    "admin.promotion_requested": (
        "Promotion to admin requested: another admin must approve it.",
        "Promoção a admin pedida: outro admin precisa aprová-la.",
        "Promoción a admin solicitada: otro admin debe aprobarla.",
    ),
    "admin.promotion_approved": (
        "Promotion approved: the user is now an admin.",
        "Promoção aprovada: o usuário agora é admin.",
        "Promoción aprobada: el usuario ahora es admin.",
    ),
    "admin.promotion_rejected": (
        "Promotion rejected.",
        "Promoção rejeitada.",
        "Promoción rechazada.",
    ),
    "admin.promotion_needs_second_admin": (
        "Another admin (not the one who asked, not the user) must decide this promotion.",
        "Outro admin (nem quem pediu, nem o usuário) precisa decidir esta promoção.",
        "Otro admin (ni quien lo pidió, ni el usuario) debe decidir esta promoción.",
    ),
    "admin.promotion_already_decided": (
        "This promotion was already decided.",
        "Esta promoção já foi decidida.",
        "Esta promoción ya fue decidida.",
    ),
    "admin.promotion_requester_gone": (
        "The admin who asked for this promotion is no longer an admin.",
        "O admin que pediu esta promoção não é mais admin.",
        "El admin que pidió esta promoción ya no es admin.",
    ),
    "admin.unknown_promotion": (
        "This promotion does not exist.",
        "Esta promoção não existe.",
        "Esta promoción no existe.",
    ),
    "admin.already_admin": (
        "This user is already an admin.",
        "Este usuário já é admin.",
        "Este usuario ya es admin.",
    ),
    "admin.grant_linked_admin": (
        "You cannot approve this grant: one of you promoted the other to admin.",
        "Você não pode aprovar esta concessão: um de vocês promoveu o outro a admin.",
        "No puedes aprobar esta concesión: uno de ustedes promovió al otro a admin.",
    ),
    "admin.refund_title": ("Refund purchase", "Reembolsar compra", "Reembolsar compra"),
    "admin.refund_left": (
        "Left to refund:",
        "Resta a reembolsar:",
        "Queda por reembolsar:",
    ),
    "admin.refund_amount_hint": (
        "Amount to refund (empty: all that is left). Stars are taken back in proportion.",
        "Valor a reembolsar (vazio: tudo o que resta). As estrelas são retiradas na proporção.",
        "Importe a reembolsar (vacío: todo lo que queda). Las estrellas se retiran en proporción.",
    ),
    "admin.refund_confirm": ("Confirm refund", "Confirmar reembolso", "Confirmar reembolso"),
    "admin.refund_invalid_amount": (
        "Enter an amount between 0.01 and what is left to refund.",
        "Informe um valor entre 0,01 e o que resta a reembolsar.",
        "Introduce un importe entre 0,01 y lo que queda por reembolsar.",
    ),
    "admin.refund_reason_required": (
        "A reason is required (at most {max} characters).",
        "Um motivo é obrigatório (no máximo {max} caracteres).",
        "Se requiere un motivo (como máximo {max} caracteres).",
    ),
    "admin.refund_requested_amount": (
        "Refund of {amount} sent; the stars are taken back when it is confirmed.",
        "Reembolso de {amount} enviado; as estrelas são retiradas quando for confirmado.",
        "Reembolso de {amount} enviado; las estrellas se retiran cuando se confirme.",
    ),
}
