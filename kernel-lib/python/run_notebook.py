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
ERROR_LINE = re.compile(r"^\s*((?:[A-Za-z_$][\w$]*\.)*(?:[A-Za-z_$][\w$]*)?(?:Error|Exception)): (.+)$", re.M)


def parameters_cell(nb):
    idx = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and "parameters" in c.get("metadata", {}).get("tags", [])]
    if len(idx) != 1:
        raise ValueError(f"the notebook must have exactly one code cell tagged 'parameters' (found {len(idx)})")
    return idx[0]


def inject(nb, source):
    """Insert the override cell the runner wrote (typed declarations, checked before this process started)."""
    if not source:
        return
    cell = nbformat.v4.new_code_cell(source)
    cell.metadata["tags"] = ["injected-parameters"]
    nb.cells.insert(parameters_cell(nb) + 1, cell)


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
    """ename/evalue of a failed cell: the notebook's own error line ("DataError: file, row 2, column ..."), looked
    for in the `error` output (value, then traceback) and in the stderr stream tslab writes (which may start with
    "evalmachine.<anonymous>:35" and the source line), else what nbclient raised."""
    texts = []
    for o in cell.get("outputs", []):
        if o.get("output_type") == "error":
            texts.append(f"{o.get('ename', '')}: {o.get('evalue', '')}")
            texts.append("\n".join(o.get("traceback", [])))
    for o in cell.get("outputs", []):
        if o.get("output_type") == "stream" and o.get("name") == "stderr":
            texts.append(o.get("text", ""))
    for t in texts:
        m = ERROR_LINE.search(strip_ansi(t))
        if m:
            return m.group(1), m.group(2).strip()
    for t in texts:
        first = strip_ansi(t).strip().splitlines()
        if first:
            return "Error", first[0]
    return getattr(exc, "ename", type(exc).__name__) or "Error", strip_ansi(getattr(exc, "evalue", "") or str(exc))


def strip_ansi(s):
    return re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", s)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--input", required=True)
    ap.add_argument("--output", required=True)
    ap.add_argument("--html", required=True)
    ap.add_argument("--cwd", required=True)
    ap.add_argument("--inject", default="", help="source of the injected-parameters cell")
    ap.add_argument("--kernel", default="tslab")
    ap.add_argument("--timeout", type=float, default=900)
    ap.add_argument("--title", default="regionlab notebook")
    a = ap.parse_args()

    t0 = time.time()
    phases = {"driver_ready": t0}
    result = {"status": "ok", "error": None, "ledger": []}
    nb = nbformat.read(a.input, as_version=4)
    try:
        inject(nb, a.inject)
        failed = {}

        def on_cell_start(cell, cell_index):
            failed["running"] = cell_index
            phases.setdefault("kernel_ready", time.time())

        def on_cell_error(cell, cell_index, execute_reply):
            failed["index"] = cell_index

        client = NotebookClient(
            nb,
            on_cell_start=on_cell_start,
            on_cell_error=on_cell_error,
            kernel_name=a.kernel,
            # nbclient's `timeout` trait takes whole seconds only; timeout_func may return a fraction.
            timeout_func=lambda cell: a.timeout,
            startup_timeout=120,
            allow_errors=False,
            resources={"metadata": {"path": a.cwd}},
        )
        client.execute()
        phases["cells_done"] = time.time()
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
        # A timeout or a dead kernel happens inside the cell that was running: name it.
        result["status"] = "error"
        i = failed.get("running")
        src = nb.cells[i]["source"].strip() if i is not None else ""
        evalue = strip_ansi(str(e)).strip().splitlines()
        if isinstance(e, CellTimeoutError):
            evalue = [f"the cell ran longer than --timeout {a.timeout:g} s"]
        result["error"] = {"cell": i, "source": src.splitlines()[0][:120] if src else "", "ename": type(e).__name__, "evalue": "\n".join(evalue)[:2000]}
    result["ledger"] = ledger_summaries(nb)
    nbformat.write(nb, a.output)
    phases.setdefault("cells_done", time.time())
    try:
        write_html(nb, a.html, a.title)
    except Exception as e:  # the executed notebook is still written; report the HTML failure
        result["status"] = "error"
        result["error"] = result["error"] or {"cell": None, "source": "", "ename": "HTMLExportError", "evalue": str(e)[:2000]}
    result["seconds"] = round(time.time() - t0, 2)
    # Where the time went: kernel start-up (to the first cell), executing the cells, writing the report.
    ready = phases.get("kernel_ready", phases["cells_done"])
    result["phases"] = {"kernel": round(ready - t0, 2), "cells": round(phases["cells_done"] - ready, 2), "report": round(time.time() - phases["cells_done"], 2)}
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    sys.exit(main())
