"""Concierge reference and fulfilment files."""

MESSAGES: dict[str, tuple[str, str, str]] = {
    "files.empty": (
        "An empty file cannot be attached.",
        "Um arquivo vazio não pode ser anexado.",
        "No se puede adjuntar un archivo vacío.",
    ),
    "files.too_large": (
        "{name}: files can be at most {mb} MB.",
        "{name}: os arquivos podem ter no máximo {mb} MB.",
        "{name}: los archivos pueden tener como máximo {mb} MB.",
    ),
    "files.bad_type": (
        "{name}: only PNG, JPEG, WebP, GIF images and PDF files can be attached.",
        "{name}: só é possível anexar imagens PNG, JPEG, WebP, GIF e arquivos PDF.",
        "{name}: solo se pueden adjuntar imágenes PNG, JPEG, WebP, GIF y archivos PDF.",
    ),
    "files.damaged": (
        "{name}: the file is damaged or incomplete.",
        "{name}: o arquivo está danificado ou incompleto.",
        "{name}: el archivo está dañado o incompleto.",
    ),
    "files.none": (
        "Choose a file first.",
        "Escolha um arquivo primeiro.",
        "Elige un archivo primero.",
    ),
    "files.too_many": (
        "At most {max} files per request.",
        "No máximo {max} arquivos por pedido.",
        "Como máximo {max} archivos por solicitud.",
    ),
    "files.request_closed": (
        "Files can only be attached while the request is open.",
        "Só é possível anexar arquivos enquanto o pedido está aberto.",
        "Solo se pueden adjuntar archivos mientras la solicitud está abierta.",
    ),
    "files.not_found": ("File not found.", "Arquivo não encontrado.", "Archivo no encontrado."),
    "files.title": ("Reference files", "Arquivos de referência", "Archivos de referencia"),
    "files.team_title": ("Files from the team", "Arquivos da equipe", "Archivos del equipo"),
    "files.hint": (
        "Up to 5 images or PDFs (headshots, mood boards, scripts), 10 MB each.",
        "Até 5 imagens ou PDFs (fotos, painéis de referência, roteiros), 10 MB cada.",
        "Hasta 5 imágenes o PDF (fotos, tableros de referencia, guiones), 10 MB cada uno.",
    ),
    "files.choose": (
        "Drop files here or click to choose",
        "Solte os arquivos aqui ou clique para escolher",
        "Suelta los archivos aquí o haz clic para elegir",
    ),
    "files.upload": ("Upload", "Enviar", "Subir"),
    "files.uploading": ("Uploading… {percent}%", "Enviando… {percent}%", "Subiendo… {percent}%"),
    "files.uploaded": (
        "{count} file(s) attached.",
        "{count} arquivo(s) anexado(s).",
        "{count} archivo(s) adjunto(s).",
    ),
    "files.attach_fulfilment": (
        "Attach files to the fulfilment",
        "Anexar arquivos à entrega",
        "Adjuntar archivos a la entrega",
    ),
}

MESSAGES.update(
    {
        "admin_concierge.event.files": ("attached files", "anexou arquivos", "adjuntó archivos"),
        "concierge.span": (
            "{hours} h {minutes} min",
            "{hours} h {minutes} min",
            "{hours} h {minutes} min",
        ),
        "concierge.left": ("{span} left", "faltam {span}", "quedan {span}"),
        "concierge.late": ("overdue by {span}", "atrasado há {span}", "con {span} de retraso"),
    }
)
