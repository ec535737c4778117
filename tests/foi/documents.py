"""Read back what a generated letter or notice says: DOCX with python-docx, PDF with PyMuPDF."""

from __future__ import annotations


def docx_text(field_or_path) -> str:
    from docx import Document

    path = getattr(field_or_path, "path", field_or_path)
    return "\n".join(p.text for p in Document(path).paragraphs)


def pdf_text(field_or_path) -> str:
    import pymupdf

    path = getattr(field_or_path, "path", field_or_path)
    with pymupdf.open(path) as pdf:
        return "".join(page.get_text() for page in pdf).replace("\n", "")
