"""One module per document format: plain text, Word (docx), Excel (xlsx), PDF."""
