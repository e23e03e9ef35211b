"""drafter: official memos (tjänsteskrivelser) as Word drafts from YAML case files."""

__version__ = "0.1.0"
