"""``drafter check``: runner (the run), snapshots, attribution, lint, reports; xsd validates the .docx."""
