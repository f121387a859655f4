"""Page titles, the home dashboard, receipts and other polish strings."""

MESSAGES: dict[str, tuple[str, str, str]] = {
    "title.home": ("CasTyou", "CasTyou", "CasTyou"),
    "title.login": ("Log in", "Entrar", "Iniciar sesión"),
    "title.signup": ("Sign up", "Criar conta", "Registrarse"),
    "title.castars": ("CasTars", "CasTars", "CasTars"),
    "title.buy": ("Buy CasTars", "Comprar CasTars", "Comprar CasTars"),
    "title.receipt": ("Receipt", "Recibo", "Recibo"),
    "title.store": ("Feature Store", "Loja de recursos", "Tienda de funciones"),
    "title.profile": ("Profile", "Perfil", "Perfil"),
    "title.talent": ("Talent", "Talento", "Talento"),
    "title.discover": ("Discover", "Descobrir", "Descubrir"),
    "title.jobs": ("Jobs", "Vagas", "Trabajos"),
    "title.messages": ("Messages", "Mensagens", "Mensajes"),
    "title.concierge": ("Concierge", "Concierge", "Conserjería"),
    "title.concierge_queue": ("Concierge queue", "Fila do concierge", "Cola de conserjería"),
    "title.console": ("CasTars console", "Console CasTars", "Consola CasTars"),
    "receipt.payment_method": ("Paid with", "Pago com", "Pagado con"),
    "receipt.refunded_label": ("Refunded", "Reembolsado", "Reembolsado"),
    "receipt.seller": ("Seller", "Vendedor", "Vendedor"),
    "receipt.buyer": ("Billed to", "Cobrado de", "Facturado a"),
    "receipt.download": ("Download PDF", "Baixar PDF", "Descargar PDF"),
}
