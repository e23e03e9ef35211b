"""PDF: tagged PDF/A-2 through LibreOffice (convert.py), optional; drafter works without it."""
