"""The CasTars console's Stats charts and concierge cards, and a user's purchases and requests."""

MESSAGES: dict[str, tuple[str, str, str]] = {
    "admin.stat.concierge": (
        "Concierge requests",
        "Pedidos ao Concierge",
        "Solicitudes al Conserje",
    ),
    "admin.stat.average_rating": ("Average rating", "Avaliação média", "Valoración media"),
    "admin.stat.rated": (
        "Ratings: {count}",
        "Avaliações: {count}",
        "Valoraciones: {count}",
    ),
    "admin.stat.no_ratings": (
        "No ratings yet",
        "Nenhuma avaliação ainda",
        "Aún no hay valoraciones",
    ),
    "admin.chart.stars": ("CasTars per day", "CasTars por dia", "CasTars por día"),
    "admin.chart.revenue": (
        "Card revenue per day (USD, net of refunds)",
        "Receita com cartão por dia (USD, menos reembolsos)",
        "Ingresos con tarjeta por día (USD, menos reembolsos)",
    ),
    "admin.revenue": ("Revenue", "Receita", "Ingresos"),
    "admin.range_revenue": (
        "Card revenue in these days: {amount}",
        "Receita com cartão nestes dias: {amount}",
        "Ingresos con tarjeta en estos días: {amount}",
    ),
    "admin.user_ledger": ("Ledger", "Extrato", "Movimientos"),
    "admin.user_purchases": ("Purchases ({count})", "Compras ({count})", "Compras ({count})"),
    "admin.user_requests": (
        "Concierge requests ({count})",
        "Pedidos ao Concierge ({count})",
        "Solicitudes al Conserje ({count})",
    ),
    "admin.latest_of": (
        "{title} · latest {shown}",
        "{title} · {shown} mais recentes",
        "{title} · {shown} más recientes",
    ),
    "admin.no_user_purchases": (
        "No purchases yet.",
        "Nenhuma compra ainda.",
        "Aún no hay compras.",
    ),
    "admin.no_user_requests": (
        "No concierge requests yet.",
        "Nenhum pedido ao Concierge ainda.",
        "Aún no hay solicitudes al Conserje.",
    ),
    "admin.no_user_ledger": (
        "No ledger entries yet.",
        "Nenhum lançamento no extrato ainda.",
        "Aún no hay movimientos en el libro.",
    ),
}
