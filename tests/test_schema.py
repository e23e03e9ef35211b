"""The JSON Schema for editors: generated from the model, shipped as a file, agreeing with the model."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from pydantic import ValidationError

from drafter.cli import main
from drafter.case.source import load_file, load_text
from drafter.case.model import Case
from drafter.case.schema import case_schema, installed_schema, documentation_gaps, kind_only, kind_requires, schema_text

REPO = Path(__file__).resolve().parent.parent
SAMPLES = sorted((REPO / "cases").glob("*.yaml"))
DRAFTER = REPO / ".venv" / "bin" / "drafter"


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft7Validator:
    schema = json.loads(installed_schema().read_text(encoding="utf-8"))
    return jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())


def errors(validator: jsonschema.Draft7Validator, data: object) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]


def model_accepts(data: object) -> bool:
    try:
        Case.model_validate(data)
    except ValidationError:
        return False
    return True


# --- the file and the command -------------------------------------------------------------------


def test_the_shipped_file_is_what_drafter_schema_prints() -> None:
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0
    assert installed_schema().read_text(encoding="utf-8") == result.stdout, (
        "drafter/data/schema/arende.schema.json är inaktuell: kör 'drafter schema > drafter/data/schema/arende.schema.json'"
    )


def test_drafter_schema_as_a_subprocess() -> None:
    command = [str(DRAFTER)] if DRAFTER.exists() else [sys.executable, "-m", "drafter.cli"]
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    done = subprocess.run([*command, "schema"], capture_output=True, env=env, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode("utf-8") == schema_text()


def test_the_schema_is_a_valid_draft_7_schema_with_swedish_headings() -> None:
    schema = case_schema()
    jsonschema.Draft7Validator.check_schema(schema)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"  # what VS Code's YAML extension supports
    assert schema["$id"] and schema["title"] == "Ärendefil för drafter"
    assert "description" in schema
    # the model's class names and docstrings (English) do not reach an editor
    assert all("title" not in d and "description" not in d for d in schema["definitions"].values())


def test_every_field_has_a_title_a_description_and_examples() -> None:
    assert documentation_gaps() == []


# --- what it accepts ----------------------------------------------------------------------------------


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_every_sample_case_validates_as_the_loader_reads_it(sample: Path, validator) -> None:
    data = load_file(sample).data  # every scalar a string, as the model sees it
    assert errors(validator, data) == []


def test_numbers_may_be_written_as_an_editor_or_drafter_reads_them(validator) -> None:
    data = load_file(next(s for s in SAMPLES if "paragraf" in s.read_text(encoding="utf-8"))).data
    data = copy.deepcopy(data)
    meeting = {"datum": "2023-05-25", "paragraf": "87"}
    target = data.setdefault("historik", [])
    target.append({"organ": "Kommunfullmäktige", **meeting, "beslut": "remittera motionen"})
    assert errors(validator, data) == []
    target[-1]["paragraf"] = 87  # what VS Code's YAML parser makes of it
    assert errors(validator, data) == []
    for bad in ("0", "åtta", "-3", 0):
        target[-1]["paragraf"] = bad
        assert errors(validator, data), bad
        assert not model_accepts(data), bad


def test_dates_are_text_in_iso_form(validator) -> None:
    data = copy.deepcopy(load_file(SAMPLES[0]).data)
    for bad in ("2024-13-45", "15 januari 2024", "2024-1-5"):
        data["datum"] = bad
        assert errors(validator, data), bad
        assert not model_accepts(data), bad


def test_a_broken_case_is_rejected_with_the_field_named(validator) -> None:
    data = load_text(
        "dokument: svar-på-motionen\n"  # not a kind
        "kommun: arboga\n"
        "diarienumer: KS 1\n"  # misspelt
        "datum: igår\n"
        "förvaltning: X\n"
        "handläggare: Anna\n",  # not a mapping
        "bad.yaml",
    ).data
    found = "\n".join(errors(validator, data))
    assert "'svar-på-motionen' is not one of" in found
    assert "diarienumer" in found  # an additional property (diarienummer is needed per kind: not here, the kind is wrong)
    assert "['datum']" in found
    assert "['handläggare']" in found


def test_text_or_mapping_items_accept_both_forms(validator) -> None:
    sample = next(s for s in SAMPLES if "att-satser" in s.read_text(encoding="utf-8"))
    data = copy.deepcopy(load_file(sample).data)
    data["motion"]["att-satser"] = ["att det blir bättre", {"text": "att det blir ännu bättre"}]
    data["bilagor"] = ["Karta", {"titel": "Tabell", "datum": "2024-01-01"}]
    assert errors(validator, data) == []
    assert model_accepts(data)


# --- the schema and the model give the same answers -----------------------------------------------------


def _mutations(data: dict) -> list[tuple[str, dict]]:
    found = []
    for key in list(data):
        changed = copy.deepcopy(data)
        del changed[key]
        found.append((f"utan {key}", changed))
    for kind in kind_requires():
        changed = copy.deepcopy(data)
        changed["dokument"] = kind
        found.append((f"som {kind}", changed))
    return found


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_schema_and_model_agree_on_what_each_kind_needs_and_allows(sample: Path, validator) -> None:
    data = load_file(sample).data
    assert model_accepts(data)
    for label, changed in _mutations(data):
        schema_ok = errors(validator, changed) == []
        assert schema_ok == model_accepts(changed), f"{sample.name} {label}: schema {schema_ok}, modellen {not schema_ok}"


def test_kind_rules_come_from_the_model() -> None:
    schema = case_schema()
    rules = {r["if"]["properties"]["dokument"]["const"]: r["then"] for r in schema.get("allOf", [])}
    for kind, needed in kind_requires().items():
        assert set(needed) <= set(rules[kind]["required"])
    for key, kinds in kind_only().items():
        for kind in rules:
            assert (key in rules[kind].get("properties", {})) == (kind not in kinds or key in kind_requires().get(kind, ()))


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_an_optional_text_written_empty_is_accepted_as_the_model_accepts_it(sample: Path, validator) -> None:
    """"" in an optional text is as if it were not written: the editor agrees with drafter, and
    where the kind needs the field both say no."""
    schema = case_schema()
    data = load_file(sample).data
    texts = [
        key for key, prop in schema["properties"].items()
        if any(b.get("type") == "string" for b in prop.get("anyOf", ())) and any(b.get("type") == "null" for b in prop.get("anyOf", ()))
    ]
    assert {"diarienummer", "mottagare", "hänvisning", "rubrik", "redogörelse", "förvaltning"} <= set(texts)
    for key in texts:
        for empty in ("", "  "):
            changed = copy.deepcopy(data)
            changed[key] = empty
            schema_ok = errors(validator, changed) == []
            assert schema_ok == model_accepts(changed), f"{sample.name} {key}={empty!r}: schema {schema_ok}, modellen {not schema_ok}"
    changed = copy.deepcopy(data)
    changed["handläggare"] = {**changed["handläggare"], "titel": ""} if isinstance(changed.get("handläggare"), dict) else {"namn": "A", "titel": ""}
    assert errors(validator, changed) == [] and model_accepts(changed)


def test_a_case_s_own_texts_have_the_profile_s_keys(validator) -> None:
    """'formuleringar', 'rubriker' and 'etiketter' in a case: the editor knows the profile's keys,
    and refuses a misspelt one as drafter does when it renders."""
    data = copy.deepcopy(load_file(next(s for s in SAMPLES if "arboga" in s.name)).data)
    data["formuleringar"] = {"motionen": {"besvarad": "Motionen anses besvarad"}, "upprättat": {"svar-på-motion": ""},
                             "handling": "{titel}", "historik": {"beslut": ["{organ} beslutade att {beslut}."]}}
    data["rubriker"] = {"redogörelse": "Bedömning"}
    data["etiketter"] = {"kommentar": "Förvaltningens kommentar:"}
    assert errors(validator, data) == []
    for key, wrong in (("formuleringar", {"motionen": {"besvardd": "x"}}), ("rubriker", {"redogorelse": "x"}),
                       ("etiketter", {"kommentar": 3}), ("formuleringar", {"ingress": "x"})):
        changed = {**data, key: wrong}
        assert errors(validator, changed), (key, wrong)
    properties = case_schema()["properties"]
    heading = properties["rubriker"]["anyOf"][0]["properties"]["sammanfattning"]
    assert heading["examples"] == ["Sammanfattning"] and heading["title"] == "sammanfattning"
