"""Run many fuzz inputs (tests/fuzzing.py) through validate and render; count exit codes, keep crashes.

    python tools/fuzz.py 20000 [first] [out-folder]

Prints a JSON summary: inputs, exit codes seen per command, and every input that crashed
(exit 3, a traceback, a hang or a parser disagreement), whose bytes are kept in the out folder.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
import tempfile
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import test_fuzz  # noqa: E402
from fuzzing import fuzz_input  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", nargs="?", type=int, default=20000, help="how many inputs (default 20000)")
    parser.add_argument("first", nargs="?", type=int, default=0, help="number of the first input (default 0)")
    parser.add_argument("out", nargs="?", default="fuzz-crashes", help="where crashing inputs are kept")
    args = parser.parse_args()
    count, first, out = args.count, args.first, Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    codes: collections.Counter = collections.Counter()
    crashes = []
    with tempfile.TemporaryDirectory() as folder:
        for number in range(first, first + count):
            try:
                with test_fuzz.bounded(test_fuzz.HANG):
                    validate, render = test_fuzz.run_one(number, Path(folder))
                    codes[f"validate {validate}"] += 1
                    codes[f"render {render}"] += 1
                    try:
                        text = fuzz_input(number).decode("utf-8")
                    except UnicodeDecodeError:
                        text = None
                    if text is not None and len(text) <= 1024 * 1024:
                        test_fuzz.parsers_agree(text)
            except BaseException as error:  # noqa: BLE001  (a crash is what we look for)
                if isinstance(error, KeyboardInterrupt):
                    raise
                codes["crash"] += 1
                (out / f"{number}.yaml").write_bytes(fuzz_input(number))
                crashes.append({"input": number, "error": "".join(traceback.format_exception_only(error))[-1500:]})
            if number % 1000 == 0:
                print(json.dumps({"done": number - first + 1, "codes": codes}), file=sys.stderr, flush=True)
    print(json.dumps({"inputs": count, "first": first, "codes": codes, "crashes": crashes}, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
