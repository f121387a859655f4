"""CasTars hub, header widget, Bounties and notification bell."""

MESSAGES: dict[str, tuple[str, str, str]] = {
    "castars.widget_label": ("CasTars balance", "Saldo de CasTars", "Saldo de CasTars"),
    "castars.buy": ("Buy CasTars", "Comprar CasTars", "Comprar CasTars"),
    "castars.rewards": ("Rewards", "Recompensas", "Recompensas"),
    "castars.bounty_waiting": (
        "A Bounty is waiting for you!",
        "Uma recompensa está esperando por você!",
        "¡Una recompensa te está esperando!",
    ),
    "castars.title": ("CasTars", "CasTars", "CasTars"),
    "castars.tab_history": ("History", "Histórico", "Historial"),
    "castars.tab_bounties": ("Bounties", "Recompensas", "Recompensas"),
    "castars.tab_store": ("Store", "Loja", "Tienda"),
    "castars.history_empty": (
        "No CasTars yet. Complete your profile or apply to jobs to earn your first ones.",
        "Nenhum CasTar ainda. Complete o perfil ou candidate-se a vagas para ganhar os primeiros.",
        "Aún no tienes CasTars. Completa tu perfil o postúlate a trabajos para ganar los primeros.",
    ),
    "castars.balance_after": ("Balance {balance}", "Saldo {balance}", "Saldo {balance}"),
    "castars.progress": (
        "{current} / {total} to next Bounty",
        "{current} / {total} para a próxima recompensa",
        "{current} / {total} para la próxima recompensa",
    ),
    "castars.lifetime": (
        "Lifetime CasTars: {lifetime}",
        "CasTars acumulados: {lifetime}",
        "CasTars acumulados: {lifetime}",
    ),
    "castars.unlocked_title": (
        "Unlocked Bounties",
        "Recompensas liberadas",
        "Recompensas desbloqueadas",
    ),
    "castars.redeemed_title": ("Redeemed", "Resgatadas", "Canjeadas"),
    "castars.milestone": (
        "{milestone} CasTars milestone",
        "Marco de {milestone} CasTars",
        "Hito de {milestone} CasTars",
    ),
    "castars.no_bounties": (
        "Reach the next milestone to unlock a Bounty.",
        "Alcance o próximo marco para liberar uma recompensa.",
        "Alcanza el próximo hito para desbloquear una recompensa.",
    ),
    "castars.redeem": ("Redeem", "Resgatar", "Canjear"),
    "castars.redeem_choose": (
        "Choose your reward",
        "Escolha sua recompensa",
        "Elige tu recompensa",
    ),
    "castars.redeemed_toast": (
        "Bounty redeemed: {reward}",
        "Recompensa resgatada: {reward}",
        "Recompensa canjeada: {reward}",
    ),
    "castars.store_title": ("Feature Store", "Loja de recursos", "Tienda de funciones"),
    "castars.store_body": (
        "Spend CasTars on boosts, featured jobs, reel highlights and advanced filters.",
        "Use CasTars em destaques, vagas em evidência, reels destacados e filtros avançados.",
        "Usa CasTars en impulsos, trabajos destacados, reels destacados y filtros avanzados.",
    ),
    "castars.store_open": ("Open the store", "Abrir a loja", "Abrir la tienda"),
    "castars.concierge_title": ("Need a hand?", "Precisa de ajuda?", "¿Necesitas ayuda?"),
    "castars.concierge_body": (
        "Our concierge team can polish your profile or find talent for you.",
        "Nosso time de concierge pode aprimorar seu perfil ou encontrar talentos para você.",
        "Nuestro equipo concierge puede pulir tu perfil o encontrar talentos por ti.",
    ),
    "castars.concierge_cta": ("Talk to Concierge", "Falar com o Concierge", "Hablar con Concierge"),
    "castars.bounty_invalid_milestone": (
        "That is not a Bounty milestone.",
        "Esse não é um marco de recompensa.",
        "Ese no es un hito de recompensa.",
    ),
    "castars.bounty_invalid_type": (
        "Choose one of the offered rewards.",
        "Escolha uma das recompensas oferecidas.",
        "Elige una de las recompensas ofrecidas.",
    ),
    "castars.bounty_not_reached": (
        "You have not reached {milestone} lifetime CasTars yet.",
        "Você ainda não chegou a {milestone} CasTars acumulados.",
        "Aún no llegaste a {milestone} CasTars acumulados.",
    ),
    "castars.bounty_already_redeemed": (
        "The {milestone} milestone was already redeemed.",
        "O marco de {milestone} já foi resgatado.",
        "El hito de {milestone} ya fue canjeado.",
    ),
    "castars.bounty_badge_owned": (
        "You already have the Early Adopter badge: choose another reward.",
        "Você já tem o selo Early Adopter: escolha outra recompensa.",
        "Ya tienes la insignia Early Adopter: elige otra recompensa.",
    ),
    "bounty.BADGE_EARLY_ADOPTER": (
        "Early Adopter badge",
        "Selo Early Adopter",
        "Insignia Early Adopter",
    ),
    "bounty.BADGE_EARLY_ADOPTER.description": (
        "A permanent badge on your profile.",
        "Um selo permanente no seu perfil.",
        "Una insignia permanente en tu perfil.",
    ),
    "bounty.PROFILE_BOOST_3DAY": (
        "3-day profile boost",
        "Destaque de perfil por 3 dias",
        "Impulso de perfil por 3 días",
    ),
    "bounty.PROFILE_BOOST_3DAY.description": (
        "Your profile tops the discover feed for 3 days.",
        "Seu perfil no topo da descoberta por 3 dias.",
        "Tu perfil encabeza el descubrimiento durante 3 días.",
    ),
    "bounty.FEATURED_JOB_CREDIT": (
        "Free featured job",
        "Vaga em destaque grátis",
        "Trabajo destacado gratis",
    ),
    "bounty.FEATURED_JOB_CREDIT.description": (
        "Pin one job listing to the top, free.",
        "Fixe uma vaga no topo, de graça.",
        "Fija un trabajo arriba, gratis.",
    ),
    "bounty.PREMIUM_FILTER_WEEK": (
        "7-day advanced filters",
        "Filtros avançados por 7 dias",
        "Filtros avanzados por 7 días",
    ),
    "bounty.PREMIUM_FILTER_WEEK.description": (
        "Unlock the premium search filters for a week.",
        "Libere os filtros de busca premium por uma semana.",
        "Desbloquea los filtros de búsqueda premium por una semana.",
    ),
    "notifications.title": ("Notifications", "Notificações", "Notificaciones"),
    "notifications.empty": (
        "No notifications yet.",
        "Nenhuma notificação ainda.",
        "Aún no hay notificaciones.",
    ),
    "notifications.mark_all_read": (
        "Mark all read",
        "Marcar todas como lidas",
        "Marcar todas como leídas",
    ),
    "notifications.mark_read": ("Mark read", "Marcar como lida", "Marcar como leída"),
}
