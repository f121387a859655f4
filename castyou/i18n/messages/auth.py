"""Sign up, log in and account strings."""

MESSAGES: dict[str, tuple[str, str, str]] = {
    "auth.login_title": ("Log in to CasTyou", "Entrar no CasTyou", "Inicia sesión en CasTyou"),
    "auth.signup_title": ("Create your account", "Crie sua conta", "Crea tu cuenta"),
    "auth.email": ("Email", "E-mail", "Correo electrónico"),
    "auth.password": ("Password", "Senha", "Contraseña"),
    "auth.display_name": ("Display name", "Nome de exibição", "Nombre visible"),
    "auth.role": ("I am a", "Eu sou", "Soy"),
    "auth.referral_code": (
        "Referral code (optional)",
        "Código de indicação (opcional)",
        "Código de referido (opcional)",
    ),
    "auth.submit_login": ("Log in", "Entrar", "Iniciar sesión"),
    "auth.submit_signup": ("Create account", "Criar conta", "Crear cuenta"),
    "auth.no_account": (
        "No account yet? Sign up",
        "Ainda sem conta? Cadastre-se",
        "¿Sin cuenta? Regístrate",
    ),
    "auth.have_account": (
        "Already have an account? Log in",
        "Já tem conta? Entre",
        "¿Ya tienes cuenta? Inicia sesión",
    ),
    "auth.welcome_back": (
        "Welcome back, {name}!",
        "Bem-vindo(a) de volta, {name}!",
        "¡Bienvenido/a de nuevo, {name}!",
    ),
    "auth.welcome_new": (
        "Welcome to CasTyou, {name}!",
        "Bem-vindo(a) ao CasTyou, {name}!",
        "¡Bienvenido/a a CasTyou, {name}!",
    ),
    "auth.logged_out": ("You are logged out.", "Você saiu da conta.", "Has cerrado sesión."),
    "auth.bad_credentials": (
        "Wrong email or password.",
        "E-mail ou senha incorretos.",
        "Correo o contraseña incorrectos.",
    ),
    "auth.email_taken": (
        "An account with this email already exists.",
        "Já existe uma conta com este e-mail.",
        "Ya existe una cuenta con este correo.",
    ),
    "auth.invalid_email": (
        "Enter a valid email address.",
        "Informe um e-mail válido.",
        "Introduce un correo válido.",
    ),
    "auth.weak_password": (
        "The password needs at least {min} characters.",
        "A senha precisa de pelo menos {min} caracteres.",
        "La contraseña necesita al menos {min} caracteres.",
    ),
    "auth.invalid_name": (
        "The display name needs 2 to 80 characters.",
        "O nome de exibição precisa de 2 a 80 caracteres.",
        "El nombre visible necesita de 2 a 80 caracteres.",
    ),
    "auth.invalid_role": (
        "Choose Talent or Producer.",
        "Escolha Talento ou Produtor.",
        "Elige Talento o Productor.",
    ),
    "auth.unknown_referral": (
        "That referral code does not exist.",
        "Esse código de indicação não existe.",
        "Ese código de referido no existe.",
    ),
    "auth.signup_throttled": (
        "Too many new accounts from this network. Try again in {minutes} minutes.",
        "Contas novas demais a partir desta rede. Tente novamente em {minutes} minutos.",
        "Demasiadas cuentas nuevas desde esta red. Inténtalo de nuevo en {minutes} minutos.",
    ),
    "auth.language_saved": ("Language saved.", "Idioma salvo.", "Idioma guardado."),
    "auth.wait": (
        "Too many failed attempts. Try again in {seconds} s.",
        "Tentativas falhas demais. Tente novamente em {seconds} s.",
        "Demasiados intentos fallidos. Inténtalo de nuevo en {seconds} s.",
    ),
    "auth.busy": (
        "The server is busy. Try again in a moment.",
        "O servidor está ocupado. Tente novamente em instantes.",
        "El servidor está ocupado. Inténtalo de nuevo en un momento.",
    ),
}
