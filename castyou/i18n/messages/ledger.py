"""Ledger reasons, earning rules and ledger errors."""

MESSAGES: dict[str, tuple[str, str, str]] = {
    "earn.profile_section_completed": (
        "Profile section completed",
        "Seção do perfil concluída",
        "Sección del perfil completada",
    ),
    "earn.application_submitted": (
        "Application submitted",
        "Candidatura enviada",
        "Postulación enviada",
    ),
    "earn.profile_viewed": (
        "Profile viewed by a producer",
        "Perfil visto por um produtor",
        "Perfil visto por un productor",
    ),
    "earn.hired": (
        "Hired for a job",
        "Contratado(a) para uma vaga",
        "Contratado/a para un trabajo",
    ),
    "earn.referral_signup": (
        "A friend signed up with your code",
        "Um amigo se cadastrou com seu código",
        "Un amigo se registró con tu código",
    ),
    "source.PURCHASED": ("Purchased", "Comprado", "Comprado"),
    "source.EARNED": ("Earned", "Ganho", "Ganado"),
    "source.SPENT": ("Spent", "Gasto", "Gastado"),
    "source.REFUNDED": ("Refunded", "Reembolsado", "Reembolsado"),
    "notification.bounty_unlocked": (
        "Bounty unlocked: you reached {milestone} lifetime CasTars!",
        "Recompensa desbloqueada: você chegou a {milestone} CasTars acumulados!",
        "¡Recompensa desbloqueada: llegaste a {milestone} CasTars acumulados!",
    ),
    "ledger.invalid_amount": (
        "The amount must be a whole number from 1 to {max}.",
        "O valor deve ser um número inteiro de 1 a {max}.",
        "La cantidad debe ser un número entero de 1 a {max}.",
    ),
    "ledger.unknown_user": ("Unknown user.", "Usuário desconhecido.", "Usuario desconocido."),
    "ledger.unknown_rule": (
        "Unknown earning rule.",
        "Regra de ganho desconhecida.",
        "Regla de ganancia desconocida.",
    ),
    "ledger.unknown_section": (
        "Unknown profile section.",
        "Seção de perfil desconhecida.",
        "Sección de perfil desconocida.",
    ),
    "ledger.unknown_subject": (
        "The subject of this award does not exist.",
        "O objeto desta recompensa não existe.",
        "El objeto de esta recompensa no existe.",
    ),
    "ledger.invalid_subject": (
        "Invalid subject id.",
        "Identificador de objeto inválido.",
        "Identificador de objeto no válido.",
    ),
    "ledger.not_referred_by_user": (
        "That user was not referred by this user.",
        "Esse usuário não foi indicado por este usuário.",
        "Ese usuario no fue referido por este usuario.",
    ),
    "ledger.unknown_spend": (
        "No such spend to refund.",
        "Gasto a reembolsar não encontrado.",
        "No existe ese gasto para reembolsar.",
    ),
    "ledger.missing_source": (
        "A payment or refund id is required.",
        "É preciso o id do pagamento ou reembolso.",
        "Se necesita el id del pago o reembolso.",
    ),
    "ledger.source_conflict": (
        "That payment or source id already belongs to another account.",
        "Esse id de pagamento ou origem já pertence a outra conta.",
        "Ese id de pago u origen ya pertenece a otra cuenta.",
    ),
    "ledger.invalid_cursor": (
        "Invalid page cursor.",
        "Cursor de página inválido.",
        "Cursor de página no válido.",
    ),
    "ledger.invalid_page_size": (
        "Page size must be from 1 to {max}.",
        "O tamanho da página deve ser de 1 a {max}.",
        "El tamaño de página debe ser de 1 a {max}.",
    ),
}
