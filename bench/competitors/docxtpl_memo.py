"""The same memo done the docxtpl way: a Word template with Jinja tags, filled from the YAML.

This is what a user picking docxtpl would write: ``yaml.safe_load`` the case and the
municipality's name and address, flatten them into a context (wording and dates done in
Python), render the template, save. No validation, no Markdown parser: the account is split
into blocks by hand (``## headings`` → Heading 3, ``-``/``1.`` items → List Bullet/List Number,
``**bold**``/``*italic*`` → RichText runs) and a footnote is put in parentheses in the text.

Run as a script to (re)build the template ``docxtpl_memo.docx`` beside this file:

    .venv/bin/python bench/competitors/docxtpl_memo.py

The template is built with python-docx, with fixed zip timestamps and core properties,
so building it twice gives the same bytes.
"""

from __future__ import annotations

import datetime
import io
import re
import sys
import zipfile
from pathlib import Path

import yaml
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Cm

TEMPLATE = Path(__file__).with_name("docxtpl_memo.docx")
TEMPLATES = Path(__file__).resolve().parents[2] / "templates"  # for the municipality's name and address

# What this template covers: one document kind, and the case keys it knows what to do with.
KINDS = {"svar-på-motion"}
KEYS = {"dokument", "kommun", "diarienummer", "datum", "förvaltning", "handläggare", "mottagare", "rubrik",
        "motion", "historik", "ställningstagande", "hänvisning", "beslutas-av", "beslutspunkter",
        "redogörelse", "underskrifter", "beslutsunderlag", "bilagor", "skickas-till"}

MONTHS = "januari februari mars april maj juni juli augusti september oktober november december".split()
ORDINALS = "första andra tredje fjärde femte sjätte sjunde åttonde nionde tionde".split()
INTRO = {"kommunfullmäktige": "Kommunstyrelsen föreslår kommunfullmäktige besluta",
         "kommunstyrelsen": "Kommunstyrelsen beslutar"}
WHOLE = {"bifall": "Motionen bifalls", "avslag": "Motionen avslås", "besvarad": "Motionen anses besvarad",
         "utan-ställningstagande": "Motionen lämnas utan ställningstagande"}
PART = {"bifall": "bifalls", "avslag": "avslås", "besvarad": "anses besvarad",
        "utan-ställningstagande": "lämnas utan ställningstagande"}


# --- building the template ----------------------------------------------------------------


def _page_of_pages(paragraph) -> None:
    """"1(4)" as Word fields in the template; docxtpl leaves them alone, Word fills them in."""
    for instruction in ("PAGE", "NUMPAGES"):
        if instruction == "NUMPAGES":
            paragraph.add_run("(")
        paragraph._p.append(parse_xml(
            f'<w:fldSimple {nsdecls("w")} w:instr="{instruction}"><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    paragraph.add_run(")")


def _two_columns(story, left: list[str], right: list[str], page_numbers: bool = False) -> None:
    """A borderless two-column table in a header or footer; one paragraph per line,
    '**x**' lines bold. The table replaces the story's empty first paragraph."""
    table = story.add_table(rows=1, cols=2, width=Cm(16))
    for cell, lines in zip(table.rows[0].cells, (left, right)):
        for i, line in enumerate(lines):
            paragraph = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
            bold = line.startswith("**")
            paragraph.add_run(line.strip("*")).bold = bold
    if page_numbers:
        _page_of_pages(table.rows[0].cells[1].add_paragraph())
    story.paragraphs[0]._p.getparent().remove(story.paragraphs[0]._p)


def _blocks(doc, name: str) -> None:
    """A loop over Markdown-ish blocks (see ``_account``), each kind in its own paragraph style."""
    doc.add_paragraph(f"{{%p for b in {name} %}}")
    doc.add_paragraph('{%p if b.kind == "rubrik" %}')
    doc.add_heading("{{ b.text }}", level=3)
    doc.add_paragraph('{%p elif b.kind == "punkt" %}')
    doc.add_paragraph("{{r b.text }}", style="List Bullet")
    doc.add_paragraph('{%p elif b.kind == "nummer" %}')
    doc.add_paragraph("{{r b.text }}", style="List Number")
    doc.add_paragraph("{%p else %}")
    doc.add_paragraph("{{r b.text }}")
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph("{%p endfor %}")


def _list_section(doc, title: str, name: str, style: str = "List Bullet") -> None:
    doc.add_paragraph(f"{{%p if {name} %}}")
    doc.add_heading(title, level=2)
    doc.add_paragraph(f"{{%p for x in {name} %}}")
    doc.add_paragraph("{{ x }}", style=style)
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p endif %}")


def build_template(path: Path = TEMPLATE) -> Path:
    doc = Document()
    for name in ("Mottagare", "Underskrift", "Sändlista"):
        doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH).base_style = doc.styles["Normal"]

    section = doc.sections[0]
    section.different_first_page_header_footer = True
    _two_columns(section.first_page_header, ["**{{ kommun }}**", "{{ förvaltning }}"],
                 ["**TJÄNSTESKRIVELSE**", "Datum: {{ datum }}", "Dnr: {{ diarienummer }}"], page_numbers=True)
    _two_columns(section.header, ["{{ kommun }}"], ["Dnr: {{ diarienummer }}"], page_numbers=True)
    _two_columns(section.first_page_footer,
                 ["Handläggare: {{ handläggare }}",
                  "{%p if titel %}", "{{ titel }}", "{%p endif %}",
                  "{%p if telefon %}", "Telefon: {{ telefon }}", "{%p endif %}",
                  "{%p if epost %}", "E-post: {{ epost }}", "{%p endif %}"],
                 ["{%p for rad in adress %}", "{{ rad }}", "{%p endfor %}"])

    doc.add_paragraph("{{ mottagare }}", style="Mottagare")
    doc.add_heading("{{ rubrik }}", level=1)

    doc.add_heading("Förslag till beslut", level=2)
    doc.add_paragraph("{{ ingress }}")
    doc.add_paragraph("{%p for punkt in beslutspunkter %}")
    doc.add_paragraph("{{ punkt }}", style="List Number")
    doc.add_paragraph("{%p endfor %}")

    doc.add_heading("Sammanfattning", level=2)
    doc.add_paragraph("{{ motionärer }} har {{ väckt }}lämnat in en motion med förslag")
    doc.add_paragraph("{%p for a in att_satser %}")
    doc.add_paragraph("{{ a }}", style="List Bullet")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{{ upprättat }}")

    doc.add_paragraph("{%p if historik %}")
    doc.add_heading("Ärendets gång", level=2)
    doc.add_paragraph("{%p for h in historik %}")
    doc.add_paragraph("{{ h }}")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p endif %}")

    doc.add_heading("Förvaltningens redogörelse", level=2)
    _blocks(doc, "redogörelse")
    _list_section(doc, "Beslutsunderlag", "beslutsunderlag")
    _list_section(doc, "Bilagor", "bilagor")

    doc.add_paragraph("{%p for u in underskrifter %}")
    doc.add_paragraph("{{ u.namn }}", style="Underskrift")
    doc.add_paragraph("{{ u.titel }}", style="Underskrift")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("Skickas till: {{ skickas_till }}", style="Sändlista")

    fixed = datetime.datetime(2024, 1, 1)
    props = doc.core_properties
    props.author = props.last_modified_by = "drafter bench"
    props.title, props.revision = "docxtpl memo", 1
    props.created = props.modified = props.last_printed = fixed

    buffer = io.BytesIO()
    doc.save(buffer)
    path.write_bytes(_fixed_zip(buffer.getvalue()))
    return path


def _fixed_zip(data: bytes) -> bytes:
    """The same zip with every entry dated 1980-01-01, so that rebuilding gives the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(zipfile.ZipInfo(info.filename, (1980, 1, 1, 0, 0, 0)), source.read(info.filename),
                            zipfile.ZIP_DEFLATED)
    return out.getvalue()


# --- filling it ------------------------------------------------------------------------------


def _text_date(value: datetime.date) -> str:
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def _names(items: list[str]) -> str:
    return ", ".join(items[:-1]) + " och " + items[-1] if len(items) > 1 else "".join(items)


def _rich(text: str):
    """**bold** and *italic* spans as runs."""
    from docxtpl import RichText

    rich = RichText()
    for part in re.split(r"(\*\*[^*]+\*\*|\*[^*]+\*)", text):
        if part.startswith("**"):
            rich.add(part[2:-2], bold=True)
        elif part.startswith("*") and len(part) > 1:
            rich.add(part[1:-1], italic=True)
        elif part:
            rich.add(part)
    return rich


def _account(markdown: str) -> list[dict]:
    """A Markdown field as blocks {kind, text}: rubrik, punkt, nummer or stycke.
    Footnotes are put in parentheses where they are referred to."""
    notes = dict(re.findall(r"^\[\^([^\]]+)\]:\s*(.+)$", markdown, flags=re.M))
    markdown = re.sub(r"^\[\^[^\]]+\]:.*$", "", markdown, flags=re.M)
    markdown = re.sub(r"\[\^([^\]]+)\]", lambda m: f" ({notes.get(m.group(1), '')})", markdown)
    blocks: list[dict] = []
    for line in markdown.splitlines():
        item = re.match(r"^(-|\d+\.)\s+(.*)$", line)
        if not line.strip():
            blocks.append({"kind": None, "text": ""})  # a blank line ends a paragraph
        elif line.startswith("#"):
            blocks.append({"kind": "rubrik", "text": line.lstrip("#").strip()})
        elif item:
            blocks.append({"kind": "punkt" if item.group(1) == "-" else "nummer", "text": item.group(2)})
        elif blocks and blocks[-1]["kind"] in ("stycke", "punkt", "nummer"):
            blocks[-1]["text"] += " " + line.strip()  # a continuation line
        else:
            blocks.append({"kind": "stycke", "text": line.strip()})
    return [{"kind": b["kind"], "text": b["text"] if b["kind"] == "rubrik" else _rich(b["text"])}
            for b in blocks if b["kind"]]


def _document(item) -> str:
    if isinstance(item, str):
        return item
    return item["titel"] + (f" {item['datum'].isoformat()}" if item.get("datum") else "")


def context(case: dict) -> dict:
    motion = case["motion"]
    raised = motion.get("väckt") or {}
    officer = case["handläggare"]
    profile = yaml.safe_load((TEMPLATES / case["kommun"] / "profil.yaml").read_text(encoding="utf-8"))
    proposals = [a if isinstance(a, dict) else {"text": a} for a in motion["att-satser"]]

    def reference(stance: str) -> str:
        return f" med hänvisning till {case['hänvisning']}" if case.get("hänvisning") and stance in ("avslag", "besvarad") else ""

    if case["ställningstagande"] == "delvis":
        points = [f"Motionens {ORDINALS[i]} att-sats {PART[a['ställningstagande']]}{reference(a['ställningstagande'])}."
                  for i, a in enumerate(proposals)]
    else:
        points = [WHOLE[case["ställningstagande"]] + reference(case["ställningstagande"]) + "."]
    points += case.get("beslutspunkter") or []
    topic = motion.get("ämne")
    return {
        "kommun": profile["namn"],
        "adress": profile.get("adress", []),
        "förvaltning": case["förvaltning"],
        "datum": case["datum"].isoformat(),
        "diarienummer": case["diarienummer"],
        "handläggare": officer["namn"],
        "titel": officer.get("titel"),
        "telefon": officer.get("telefon"),
        "epost": officer.get("epost"),
        "mottagare": case["mottagare"],
        "rubrik": case.get("rubrik") or f"Svar på motion – {motion['rubrik']}",
        "ingress": INTRO[case.get("beslutas-av", "kommunfullmäktige")],
        "beslutspunkter": points,
        "motionärer": _names([f"{a['namn']} ({a['parti']})" for a in motion["motionärer"]]),
        "väckt": (f"till kommunfullmäktige den {_text_date(raised['datum'])}"
                  + (f", § {raised['paragraf']}," if raised.get("paragraf") else "") + " ") if raised else "",
        "att_satser": [a["text"] for a in proposals],
        "upprättat": f"{case['förvaltning']} har upprättat ett förslag till svar på motion"
                     + (f" om {topic}." if topic else "en."),
        "historik": [f"{h['organ']} beslutade den {_text_date(h['datum'])}"
                     + (f", § {h['paragraf']}," if h.get("paragraf") else "") + f" att {h['beslut']}."
                     for h in case.get("historik") or []],
        "redogörelse": _account(case["redogörelse"]),
        "beslutsunderlag": [_document(b) for b in case.get("beslutsunderlag") or []],
        "bilagor": [_document(b) for b in case.get("bilagor") or []],
        "underskrifter": case.get("underskrifter") or [],
        "skickas_till": ", ".join(case.get("skickas-till") or []),
    }


def render(case_file: Path, template: Path = TEMPLATE) -> bytes:
    """Load the case, fill the template, return the .docx bytes: the whole docxtpl job."""
    from docxtpl import DocxTemplate

    case = yaml.safe_load(Path(case_file).read_text(encoding="utf-8"))
    doc = DocxTemplate(str(template))
    doc.render(context(case), autoescape=True)  # without autoescape a '&' or '<' in the data breaks the XML
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def supports(case_file: Path) -> bool:
    """Whether this template covers the case: its kind, and no key it has no place for."""
    case = yaml.safe_load(Path(case_file).read_text(encoding="utf-8"))
    return isinstance(case, dict) and case.get("dokument") in KINDS and set(case) <= KEYS


if __name__ == "__main__":
    print(build_template(Path(sys.argv[1]) if len(sys.argv) > 1 else TEMPLATE))
