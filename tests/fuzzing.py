"""Derandomised mutations of the sample cases, for the fuzz test and tools/fuzz.py.

Each input is made from its number alone (a seeded random generator), so a failure names
the number that reproduces it. Half the mutations work on bytes (quotes, colons, tabs, bad
UTF-8, lines cut or repeated), half on the YAML tree (a key dropped, a value of the wrong
kind, another document kind, a placeholder, hostile Markdown) written back as YAML.
"""

from __future__ import annotations

import datetime
import random
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "cases").glob("*.yaml"))
_TEXTS = [p.read_bytes() for p in SAMPLES]

_BYTES = [
    b":", b": ", b"-", b"- ", b"\t", b"'", b'"', b"[", b"]", b"{", b"}", b"#", b" #x", b"&a ", b"*a", b"!!str ",
    b"\n", b"  ", b"\x00", b"\xff", b"\xe5", b"`", b"``", b"[^1]", b"[^1]: x\n", b":::", b"::: x\n", b"FYLL I",
    b"|", b">", b"%", b"---\n", b"...\n", b"<<: ", b"\\", b"\\u", b"\xe2\x80\xa8", b"\x0b", b"\r", b"~", b"null",
    b"0", b"-1", b"2024-02-30", b"9999-12-31", b"1e9", b"true", b"![a](b)", b"| a | b |\n|---|---|\n| 1 | 2 | 3 |\n",
]
_VALUES = [
    None, True, 0, -1, 10**30, 1.5, "", " ", "FYLL I", "x" * 5000, [], {}, ["a"], {"a": 1}, [[1]], "2024-02-30",
    "0000-01-01", "9999-12-31", datetime.date(1900, 1, 1), "[^1]", "[^1]: x", "::: x", "`" * 3000, "![a](b)",
    "# rubrik", "a\nb", "<w:p/>", "{{ profil }}", "{% raw %}", "\u00a0", "\ufeff", "../../etc", "a" * 300,
    "| a |\n|---|\n| b | c |", "- a\n  - b\n    - c", "> [^x]: y", "*" * 1000, "\\" * 100,
]
_KINDS = ["svar-på-motion", "yttrande-över-motion", "svar-på-revisionsrapport", "protokollsutdrag", "tjänsteskrivelse", "okänd"]


def fuzz_input(number: int) -> bytes:
    """The ``number``-th fuzz input."""
    rng = random.Random(number)
    base = _TEXTS[number % len(_TEXTS)]
    if number % 2:
        return _mutate_bytes(rng, base)
    try:
        return _mutate_tree(rng, base)
    except Exception:  # a mutation yaml cannot write: mutate bytes instead
        return _mutate_bytes(rng, base)


def _mutate_bytes(rng: random.Random, data: bytes) -> bytes:
    data = bytearray(data)
    for _ in range(rng.choice([1, 1, 2, 3, 8])):
        at = rng.randrange(len(data) + 1)
        op = rng.randrange(6)
        if op == 0:
            data[at:at] = rng.choice(_BYTES)
        elif op == 1 and data:
            del data[at : at + rng.randrange(1, 40)]
        elif op == 2 and at < len(data):
            data[at] = rng.randrange(256)
        elif op == 3:
            lines = bytes(data).split(b"\n")
            i = rng.randrange(len(lines))
            lines.insert(i, lines[i] * rng.choice([1, 2, 50]))
            data = bytearray(b"\n".join(lines))
        elif op == 4:
            lines = bytes(data).split(b"\n")
            i = rng.randrange(len(lines))
            lines[i] = b" " * rng.randrange(1, 6) + lines[i].lstrip() if rng.random() < 0.5 else lines[i].lstrip()
            data = bytearray(b"\n".join(lines))
        else:
            del data[at:]
    return bytes(data)


def _mutate_tree(rng: random.Random, base: bytes) -> bytes:
    data = yaml.safe_load(base.decode("utf-8"))
    for _ in range(rng.choice([1, 1, 2, 4])):
        paths = list(_paths(data, ()))
        path = rng.choice(paths)
        parent, key = _parent(data, path)
        op = rng.randrange(5)
        if parent is None:
            continue
        if op == 0 and isinstance(parent, dict):
            del parent[key]
        elif op == 1:
            parent[key] = rng.choice(_VALUES)
        elif op == 2 and isinstance(parent[key], list) and parent[key]:
            parent[key] = parent[key] * rng.choice([2, 30])
        elif op == 3:
            data["dokument"] = rng.choice(_KINDS)
        else:
            value = parent[key]
            if isinstance(value, str):
                parent[key] = value + rng.choice(["", "\n\n"]) + str(rng.choice(_VALUES))
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=rng.choice([40, 80, 10**6])).encode("utf-8")


def _paths(data, path):
    if path:
        yield path
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _paths(value, path + (i,))


def _parent(data, path):
    for part in path[:-1]:
        data = data[part]
    return (data, path[-1]) if isinstance(data, (dict, list)) else (None, None)
