"""E-mails (subjects and bodies), the e-mail settings and the development outbox."""

MESSAGES: dict[str, tuple[str, str, str]] = {
    "email.footer": (
        "You get this e-mail because you turned it on in your CasTyou settings.",
        "Você recebe este e-mail porque o ativou nas suas configurações do CasTyou.",
        "Recibes este correo porque lo activaste en tu configuración de CasTyou.",
    ),
    "email.concierge_status.subject": (
        "Your concierge request #{request_id} is now: {status}",
        "Seu pedido de concierge #{request_id} agora está: {status}",
        "Tu solicitud de conserje #{request_id} ahora está: {status}",
    ),
    "email.concierge_status.body": (
        "The status of your concierge request #{request_id} changed to {status}.\n{link}",
        "O status do seu pedido de concierge #{request_id} mudou para {status}.\n{link}",
        "El estado de tu solicitud de conserje #{request_id} cambió a {status}.\n{link}",
    ),
    "email.concierge_fulfilled.subject": (
        "Your concierge request #{request_id} is fulfilled",
        "Seu pedido de concierge #{request_id} foi concluído",
        "Tu solicitud de conserje #{request_id} está completada",
    ),
    "email.concierge_fulfilled.body": (
        "Our casting team delivered your request #{request_id}. See the results:\n{link}",
        "Nossa equipe de casting entregou seu pedido #{request_id}. Veja os resultados:\n{link}",
        "Nuestro equipo de casting entregó tu solicitud #{request_id}."
        " Mira los resultados:\n{link}",
    ),
    "email.concierge_reply.subject": (
        "New reply on your concierge request #{request_id}",
        "Nova resposta no seu pedido de concierge #{request_id}",
        "Nueva respuesta en tu solicitud de conserje #{request_id}",
    ),
    "email.concierge_reply.body": (
        "The concierge team wrote:\n\n{excerpt}\n\nReply here: {link}",
        "A equipe de concierge escreveu:\n\n{excerpt}\n\nResponda aqui: {link}",
        "El equipo de conserjería escribió:\n\n{excerpt}\n\nResponde aquí: {link}",
    ),
    "email.purchase_receipt.subject": (
        "Your CasTars receipt #{purchase_id}",
        "Seu recibo de CasTars #{purchase_id}",
        "Tu recibo de CasTars #{purchase_id}",
    ),
    "email.purchase_receipt.body": (
        "Thank you! {bundle}: {stars} CasTars for {amount}.\nReceipt: {link}",
        "Obrigado! {bundle}: {stars} CasTars por {amount}.\nRecibo: {link}",
        "¡Gracias! {bundle}: {stars} CasTars por {amount}.\nRecibo: {link}",
    ),
    "email.settings_title": ("E-mail", "E-mail", "Correo electrónico"),
    "email.settings_intro": (
        "Choose what we may e-mail you about.",
        "Escolha sobre o que podemos lhe enviar e-mails.",
        "Elige sobre qué podemos enviarte correos.",
    ),
    "email.pref.concierge_updates": (
        "Concierge: status changes, replies and fulfilment",
        "Concierge: mudanças de status, respostas e entrega",
        "Conserjería: cambios de estado, respuestas y entrega",
    ),
    "email.pref.purchase_receipts": (
        "Receipts for CasTars purchases",
        "Recibos de compras de CasTars",
        "Recibos de compras de CasTars",
    ),
    "email.saved": (
        "E-mail settings saved.",
        "Configurações de e-mail salvas.",
        "Configuración de correo guardada.",
    ),
    "email.save": ("Save", "Salvar", "Guardar"),
    "email.outbox_title": (
        "E-mail outbox",
        "Caixa de saída de e-mail",
        "Bandeja de salida de correo",
    ),
    "email.outbox_hint": (
        "Every e-mail the app sent or will send (without SMTP_URL they only land here).",
        "Todos os e-mails que o app enviou ou enviará (sem SMTP_URL eles só ficam aqui).",
        "Todos los correos que la app envió o enviará (sin SMTP_URL solo llegan aquí).",
    ),
    "email.col.to": ("To", "Para", "Para"),
    "email.col.subject": ("Subject", "Assunto", "Asunto"),
    "email.col.status": ("Status", "Status", "Estado"),
    "email.col.created": ("Created", "Criado", "Creado"),
    "email.empty": ("No e-mails yet.", "Nenhum e-mail ainda.", "Aún no hay correos."),
    "settings.title": ("Settings", "Configurações", "Configuración"),
}
