#!/usr/bin/env python3
"""Execute one regionlab notebook headless with the tslab kernel and write the executed .ipynb and an
offline HTML report. Called by `regionlab replicate` (kernel-lib/src/runner); prints one JSON line with the
outcome on stdout. Uses Jupyter's nbclient and nbconvert (Debian: python3-nbclient, python3-nbconvert).

Parameters follow the papermill convention: the notebook has exactly one code cell tagged `parameters`;
overrides are written into a new cell tagged `injected-parameters` right after it (tslab allows a later
cell to redeclare a const)."""
import argparse
import json
import re
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

from report import write_html

LEDGER_MIME = "application/vnd.regionlab.ledger+json"
DECL = re.compile(r"^\s*(?:export\s+)?(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::([^=]+))?=", re.M)


def ts_type(v, declared):
    """The type an injected parameter is declared with: the parameters cell's own annotation when it has one,
    otherwise the widened type of the value (string, not the literal "x"), so later comparisons type-check."""
    if declared:
        return declared.strip()
    if isinstance(v, bool):
        return "boolean"
    if isinstance(v, (int, float)):
        return "number"
    if isinstance(v, str):
        return "string"
    if isinstance(v, list) and all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in v):
        return "number[]"
    if isinstance(v, list) and all(isinstance(x, str) for x in v):
        return "string[]"
    return None


def parameters_cell(nb):
    idx = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and "parameters" in c.get("metadata", {}).get("tags", [])]
    if len(idx) != 1:
        raise ValueError(f"the notebook must have exactly one code cell tagged 'parameters' (found {len(idx)})")
    return idx[0]


def inject(nb, params):
    i = parameters_cell(nb)
    decls = dict(DECL.findall(nb.cells[i].source))
    declared = list(decls)
    applied, skipped = {}, []
    for k, v in params.items():
        if k in decls:
            applied[k] = v
        else:
            skipped.append(k)
    if applied:
        lines = ["// Parameters injected by `regionlab replicate --set` (they override the cell above)."]
        for k, v in applied.items():
            t = ts_type(v, decls.get(k))
            lines.append(f"const {k}{': ' + t if t else ''} = {json.dumps(v, ensure_ascii=False)};")
        cell = nbformat.v4.new_code_cell("\n".join(lines))
        cell.metadata["tags"] = ["injected-parameters"]
        nb.cells.insert(i + 1, cell)
    return declared, applied, skipped


def ledger_summaries(nb):
    out = []
    for c in nb.cells:
        for o in c.get("outputs", []):
            data = o.get("data", {})
            if LEDGER_MIME in data:
                v = data[LEDGER_MIME]
                out.append(json.loads(v) if isinstance(v, str) else v)
    return out


def describe_error(cell, exc):
    """ename/evalue of a failed cell: from an `error` output, else from the stderr stream tslab writes
    ("DataError: file, row 2, column ...\n    at ..."), else from the exception nbclient raised."""
    for o in cell.get("outputs", []):
        if o.get("output_type") == "error":
            return o.get("ename", ""), strip_ansi(o.get("evalue", ""))
    for o in cell.get("outputs", []):
        if o.get("output_type") == "stream" and o.get("name") == "stderr" and o.get("text", "").strip():
            first = strip_ansi(o["text"]).strip().splitlines()[0]
            m = re.match(r"^([A-Za-z_$][\w$.]*): (.*)$", first)
            return (m.group(1), m.group(2)) if m else ("Error", first)
    return getattr(exc, "ename", type(exc).__name__) or "Error", strip_ansi(getattr(exc, "evalue", "") or str(exc))


def strip_ansi(s):
    return re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", s)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--input", required=True)
    ap.add_argument("--output", required=True)
    ap.add_argument("--html", required=True)
    ap.add_argument("--cwd", required=True)
    ap.add_argument("--params", default="{}")
    ap.add_argument("--kernel", default="tslab")
    ap.add_argument("--timeout", type=int, default=900)
    ap.add_argument("--title", default="regionlab notebook")
    a = ap.parse_args()

    t0 = time.time()
    result = {"status": "ok", "error": None, "ledger": [], "applied": {}, "skipped": [], "declared": []}
    nb = nbformat.read(a.input, as_version=4)
    try:
        declared, applied, skipped = inject(nb, json.loads(a.params))
        result.update(declared=declared, applied=applied, skipped=skipped)
        failed = {}

        def on_cell_error(cell, cell_index, execute_reply):
            failed["index"] = cell_index

        client = NotebookClient(
            nb,
            on_cell_error=on_cell_error,
            kernel_name=a.kernel,
            timeout=a.timeout,
            startup_timeout=120,
            allow_errors=False,
            resources={"metadata": {"path": a.cwd}},
        )
        client.execute()
    except CellExecutionError as e:
        result["status"] = "error"
        i = failed.get("index")
        cell = nb.cells[i] if i is not None else {"source": "", "outputs": []}
        ename, evalue = describe_error(cell, e)
        result["error"] = {
            "cell": i,
            "source": cell["source"].strip().splitlines()[0][:120] if cell["source"].strip() else "",
            "ename": ename,
            "evalue": evalue[:2000],
        }
    except (CellTimeoutError, DeadKernelError, RuntimeError, ValueError, OSError) as e:
        result["status"] = "error"
        result["error"] = {"cell": None, "source": "", "ename": type(e).__name__, "evalue": strip_ansi(str(e))[:2000]}
    result["ledger"] = ledger_summaries(nb)
    nbformat.write(nb, a.output)
    try:
        write_html(nb, a.html, a.title)
    except Exception as e:  # the executed notebook is still written; report the HTML failure
        result["status"] = "error"
        result["error"] = result["error"] or {"cell": None, "source": "", "ename": "HTMLExportError", "evalue": str(e)[:2000]}
    result["seconds"] = round(time.time() - t0, 2)
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    sys.exit(main())
