"""Shell, navigation, errors and other strings shared by every page."""

MESSAGES: dict[str, tuple[str, str, str]] = {
    "app.name": ("CasTyou", "CasTyou", "CasTyou"),
    "app.tagline": (
        "Where talents and producers meet.",
        "Onde talentos e produtores se encontram.",
        "Donde talentos y productores se encuentran.",
    ),
    "nav.home": ("Home", "Início", "Inicio"),
    "nav.castars": ("CasTars", "CasTars", "CasTars"),
    "nav.discover": ("Discover", "Descobrir", "Descubrir"),
    "nav.jobs": ("Jobs", "Vagas", "Trabajos"),
    "nav.messages": ("Messages", "Mensagens", "Mensajes"),
    "nav.profile": ("Profile", "Perfil", "Perfil"),
    "nav.concierge": ("Concierge", "Concierge", "Concierge"),
    "nav.admin": ("Admin", "Admin", "Admin"),
    "nav.admin_concierge": ("Concierge queue", "Fila do Concierge", "Cola de Concierge"),
    "nav.admin_castars": ("CasTars console", "Console CasTars", "Consola CasTars"),
    "nav.login": ("Log in", "Entrar", "Iniciar sesión"),
    "nav.signup": ("Sign up", "Criar conta", "Registrarse"),
    "nav.logout": ("Log out", "Sair", "Cerrar sesión"),
    "nav.menu": ("Menu", "Menu", "Menú"),
    "shell.language": ("Language", "Idioma", "Idioma"),
    "shell.theme": ("Toggle theme", "Alternar tema", "Cambiar tema"),
    "role.TALENT": ("Talent", "Talento", "Talento"),
    "role.PRODUCER": ("Producer", "Produtor", "Productor"),
    "role.ADMIN": ("Admin", "Admin", "Admin"),
    "common.loading": ("Loading…", "Carregando…", "Cargando…"),
    "common.save": ("Save", "Salvar", "Guardar"),
    "common.cancel": ("Cancel", "Cancelar", "Cancelar"),
    "common.close": ("Close", "Fechar", "Cerrar"),
    "common.back_home": ("Back to home", "Voltar ao início", "Volver al inicio"),
    "common.load_more": ("Load more", "Carregar mais", "Cargar más"),
    "common.empty": ("Nothing here yet.", "Nada aqui ainda.", "Nada aquí todavía."),
    "home.welcome": ("Welcome, {name}", "Bem-vindo(a), {name}", "Bienvenido/a, {name}"),
    "home.intro": (
        "Your casting home: earn and spend CasTars, get help from our concierge team.",
        "Seu lar no casting: ganhe e gaste CasTars, conte com nosso time de concierge.",
        "Tu hogar del casting: gana y gasta CasTars, recibe ayuda de nuestro equipo concierge.",
    ),
    "home.referral": (
        "Your referral code: {code}",
        "Seu código de indicação: {code}",
        "Tu código de referido: {code}",
    ),
    "home.referral_hint": (
        "Share it: you earn CasTars once a friend who signs up with it takes their first steps"
        " (a talent: profile basics and an application; a producer: a company name and a job)."
        " A monthly limit applies.",
        "Compartilhe: você ganha CasTars quando um amigo que se cadastra com ele dá os primeiros"
        " passos (talento: dados básicos do perfil e uma candidatura; produtor: nome da empresa"
        " e uma vaga). Há um limite mensal.",
        "Compártelo: ganas CasTars cuando un amigo que se registra con él da sus primeros pasos"
        " (talento: datos básicos del perfil y una postulación; productor: nombre de la empresa"
        " y una oferta). Hay un límite mensual.",
    ),
    "home.referrals_status": (
        "Referrals: {paid} paid, {pending} waiting for first steps, {not_paid} over the monthly"
        " limit (not paid).",
        "Indicações: {paid} pagas, {pending} aguardando os primeiros passos, {not_paid} acima do"
        " limite mensal (não pagas).",
        "Referidos: {paid} pagados, {pending} esperando los primeros pasos, {not_paid} por encima"
        " del límite mensual (no pagados).",
    ),
    "home.anonymous_intro": (
        "Sign up or log in to start.",
        "Crie uma conta ou entre para começar.",
        "Regístrate o inicia sesión para empezar.",
    ),
    "not_allowed.title": ("Not allowed", "Acesso negado", "Acceso denegado"),
    "not_allowed.body": (
        "Your account does not have access to this page.",
        "Sua conta não tem acesso a esta página.",
        "Tu cuenta no tiene acceso a esta página.",
    ),
    "not_found.title": ("Page not found", "Página não encontrada", "Página no encontrada"),
    "error.generic": (
        "Something went wrong. Please try again.",
        "Algo deu errado. Tente novamente.",
        "Algo salió mal. Inténtalo de nuevo.",
    ),
    "error.invalid_input": ("Invalid input.", "Dados inválidos.", "Datos no válidos."),
    "error.not_authenticated": (
        "Please log in first.",
        "Entre na sua conta primeiro.",
        "Inicia sesión primero.",
    ),
    "error.not_allowed": (
        "You are not allowed to do that.",
        "Você não tem permissão para isso.",
        "No tienes permiso para hacer eso.",
    ),
    "error.not_found": ("Not found.", "Não encontrado.", "No encontrado."),
    "error.conflict": (
        "That was changed meanwhile. Reload and try again.",
        "Isso foi alterado nesse meio tempo. Recarregue e tente de novo.",
        "Eso cambió mientras tanto. Recarga e inténtalo de nuevo.",
    ),
    "error.rate_limited": (
        "Too many attempts. Try again in {minutes} minutes.",
        "Tentativas demais. Tente novamente em {minutes} minutos.",
        "Demasiados intentos. Inténtalo de nuevo en {minutes} minutos.",
    ),
    "error.insufficient_balance": (
        "Not enough CasTars: you need {needed} more.",
        "CasTars insuficientes: faltam {needed}.",
        "CasTars insuficientes: te faltan {needed}.",
    ),
}
