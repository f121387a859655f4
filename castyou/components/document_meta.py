"""Keeps ``document.title`` and ``<html lang>`` in the viewer's language."""

from __future__ import annotations

import reflex as rx
from reflex.vars.base import Var

_COMPONENT_JS = """
function CastyouDocumentMeta({title, lang}) {
  useEffect(() => {
    if (title) document.title = title;
    if (lang) document.documentElement.lang = lang;
  }, [title, lang]);
  return null;
}
"""


class DocumentMeta(rx.Component):
    """``<CastyouDocumentMeta title lang>``: renders nothing, sets the title and language."""

    tag = "CastyouDocumentMeta"

    title: Var[str]
    lang: Var[str]

    def add_imports(self) -> dict:
        return {"react": ["useEffect"]}

    def add_custom_code(self) -> list[str]:
        return [_COMPONENT_JS]


document_meta = DocumentMeta.create
