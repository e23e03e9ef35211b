"""Swedish messages for YAML syntax errors, at the place the user should look."""

from __future__ import annotations

import re

import yaml

from drafter.errors import Problem

_INDENT = "fel indrag — rader på samma nivå ska börja i samma kolumn, och en rad under ett fält ska vara indragen mer än fältet"
_TAB = "tabbtecken får inte användas för indrag — använd mellanslag"
_BLOCK_HEADER = "efter '|' eller '>' ska raden sluta — texten börjar på nästa rad, indragen"


def syntax_problem(source: str, text: str, error: yaml.MarkedYAMLError) -> Problem:
    """A Swedish message for a YAML syntax error, at the place the user should look."""
    problem = error.problem or ""
    context = error.context or ""
    at = error.problem_mark or error.context_mark
    message: str
    if "found unexpected end of stream" in problem or "found unexpected document separator" in problem:
        at = error.context_mark or at
        message = "citattecknet här stängs aldrig — lägg till det avslutande citattecknet"
    elif "could not find expected ':'" in problem:
        at = error.context_mark or at
        message = "förväntade 'namn: värde' — saknas kolon efter fältnamnet, eller är raden indragen fel?"
    elif "mapping values are not allowed here" in problem and at is not None and _looks_like_key(text, at):
        message = "raden ser ut som ett eget fält, men indraget stämmer inte med raderna ovanför — rader på samma nivå ska börja i samma kolumn"
    elif "mapping values are not allowed here" in problem:
        message = (
            "kolon följt av mellanslag mitt i en text — sätt texten inom citattecken, "
            "eller rätta indraget om raden ska vara ett eget fält"
        )
    elif "found character '\\t'" in problem or "tab character" in problem:
        message = _TAB
    elif "that cannot start any token" in problem:
        ch = re.search(r"found character '(.+?)'", problem)
        message = f"en text kan inte börja med '{ch.group(1) if ch else '?'}' — sätt texten inom citattecken"
    elif "while scanning an alias" in context or "while scanning an anchor" in context:
        at = error.context_mark or at
        sign = "*" if "alias" in context else "&"
        message = f"en text som börjar med '{sign}' ska stå inom citattecken, t.ex. \"{sign}kursiv{sign} text\""
    elif "while scanning a block scalar" in context:
        message = _BLOCK_HEADER
    elif "expected ',' or ']'" in problem or "expected ',' or '}'" in problem:
        at = error.context_mark or at
        close = "]" if "]" in problem else "}"
        opening = "[" if close == "]" else "{"
        message = (
            f"'{opening}' här inleder en lista eller fält som aldrig avslutas med '{close}' — "
            f"en text som börjar med '{opening}' ska stå inom citattecken"
        )
    elif "expected <block end>" in problem or "expected <block mapping end>" in problem:
        if "'<scalar>'" in problem and at is not None and not _first_on_line(text, at):
            message = "oväntad text efter värdet — en text som börjar med citattecken, '[' eller '{' ska stå helt inom citattecken"
        elif "'-'" in problem:
            message = "en listpunkt ('- ') på fel ställe — kontrollera indraget"
        else:
            message = _INDENT
    elif "sequence entries are not allowed here" in problem:
        message = "'- ' kan inte stå här — en lista börjar på raden efter fältnamnet, med indrag"
    elif "found unknown escape character" in problem:
        message = "okänd escape-sekvens (\\) i citerad text — skriv \\\\ för ett bakstreck eller använd enkla citattecken"
    elif "expected escape sequence" in problem:
        message = "ogiltig \\x-, \\u- eller \\U-sekvens i citerad text — skriv \\\\ för ett bakstreck eller använd enkla citattecken"
    elif "but found another document" in problem or "expected '<document start>'" in problem:
        message = "filen innehåller flera dokument (--- eller ...) — en ärendefil är ett enda dokument"
    elif "tag handle" in problem:
        message = "taggar (!) stöds inte — sätt texten inom citattecken"
    elif "directive" in context or "YAML document" in problem:
        message = "en rad kan inte börja med '%' — ta bort raden eller sätt texten inom citattecken"
    else:
        message = f"filen kan inte läsas som YAML här — kontrollera citattecken, kolon och indrag (YAML: {problem or context})"
    line, column = (at.line + 1, at.column + 1) if at is not None else (1, 1)
    return Problem(source, line, column, message)


def _looks_like_key(text: str, mark: yaml.Mark) -> bool:
    """Whether the colon at ``mark`` ends a key that begins its line ("  epost: …")."""
    start = text.rfind("\n", 0, mark.index) + 1
    return re.fullmatch(r"[ ]*[\w-]+[ ]*", text[start : mark.index]) is not None and start > 0


def _first_on_line(text: str, mark: yaml.Mark) -> bool:
    start = text.rfind("\n", 0, mark.index) + 1
    return not text[start : mark.index].strip()
