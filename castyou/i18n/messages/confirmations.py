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
}
