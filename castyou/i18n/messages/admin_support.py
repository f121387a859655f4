"""Admin console: the KPIs, Support and Outbox tabs; the settings link."""

MESSAGES: dict[str, tuple[str, str, str]] = {
    "admin.tab.kpis": ("KPIs", "KPIs", "KPIs"),
    "admin.tab.support": ("Support", "Suporte", "Soporte"),
    "admin.tab.outbox": ("Outbox", "Caixa de saída", "Bandeja de salida"),
    "nav.settings": ("Settings", "Configurações", "Configuración"),
    "kpi.name": ("Assistant", "Assistente", "Asistente"),
    "kpi.handled": ("Handled", "Atendidos", "Atendidas"),
    "kpi.first_reply": (
        "Median first reply",
        "Mediana da primeira resposta",
        "Mediana de primera respuesta",
    ),
    "kpi.fulfil": ("Median time to fulfil", "Mediana até a entrega", "Mediana hasta la entrega"),
    "kpi.sla": ("SLA hit rate", "Taxa de SLA cumprido", "Tasa de SLA cumplido"),
    "kpi.rating": ("Average rating", "Avaliação média", "Valoración media"),
    "kpi.within_sla": ("Within SLA", "Dentro do SLA", "Dentro del SLA"),
    "kpi.none": (
        "No request was fulfilled in this range.",
        "Nenhum pedido foi concluído neste período.",
        "Ninguna solicitud se completó en este periodo.",
    ),
    "support.intro": (
        "What needs a human now. Open an item where it is handled, then mark it done.",
        "O que precisa de uma pessoa agora. Abra o item onde ele é tratado"
        " e marque-o como resolvido.",
        "Lo que necesita a una persona ahora. Abre el elemento donde se gestiona"
        " y márcalo como hecho.",
    ),
    "support.empty": (
        "Nothing needs attention.",
        "Nada precisa de atenção.",
        "Nada requiere atención.",
    ),
    "support.mark_done": ("Mark done", "Marcar como resolvido", "Marcar como hecho"),
    "support.marked": ("Marked done.", "Marcado como resolvido.", "Marcado como hecho."),
    "support.already_done": (
        "Someone already marked this done.",
        "Alguém já marcou isto como resolvido.",
        "Alguien ya lo marcó como hecho.",
    ),
    "support.invalid_kind": ("Unknown item.", "Item desconhecido.", "Elemento desconocido."),
    "support.note_length": (
        "Notes can be at most {max} characters.",
        "As notas podem ter no máximo {max} caracteres.",
        "Las notas pueden tener como máximo {max} caracteres.",
    ),
    "support.kind.overdue": ("Overdue request", "Pedido atrasado", "Solicitud atrasada"),
    "support.kind.low_rating": ("Low rating", "Avaliação baixa", "Valoración baja"),
    "support.kind.refund_shortfall": (
        "Refund shortfall",
        "Reembolso incompleto",
        "Reembolso incompleto",
    ),
    "support.kind.webhook": ("Webhook", "Webhook", "Webhook"),
}

MESSAGES["error.unexpected"] = (
    "An error occurred. If it persists, contact support quoting reference {ref}.",
    "Ocorreu um erro. Se persistir, contate o suporte citando a referência {ref}.",
    "Se produjo un error. Si persiste, contacta con soporte citando la referencia {ref}.",
)
