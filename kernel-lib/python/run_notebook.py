#!/usr/bin/env python3
"""Execute one regionlab notebook headless with the tslab kernel and write the executed .ipynb and an
offline HTML report. Called by `regionlab replicate` (kernel-lib/src/runner); prints one JSON line with the
outcome on stdout. Uses Jupyter's nbclient and nbconvert (Debian: python3-nbclient, python3-nbconvert).

Parameters follow the papermill convention: the notebook has exactly one code cell tagged `parameters`;
overrides are written over its literals in place (the runner's `parametersWith`), and the cell is tagged
`injected-parameters` too."""
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
    """Put the parameters cell the runner wrote (the same typed declarations with the --set values, checked before
    this process started) in place of the notebook's own; tagged `injected-parameters` as well."""
    if not source:
        return
    cell = nb.cells[parameters_cell(nb)]
    cell.source = source
    cell.metadata["tags"] = list(cell.metadata.get("tags", [])) + ["injected-parameters"]


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


def run(a, km=None, emit=None, kc=None):
    """Execute one notebook as `a` says; with `km` (a started kernel manager) the kernel is reused and left
    running, so a warm what-if pays neither the kernel's start-up nor tslab's first compile again, and with `kc`
    (a connected client of it) the same channels are used again. `emit(obj)` gets a progress line per cell
    ({"cell", "event": "start" | "done", "t"})."""
    t0 = time.time()
    phases = {"driver_ready": t0}
    result = {"status": "ok", "error": None, "ledger": []}
    nb = nbformat.read(a.input, as_version=4)
    failed = {}
    try:
        inject(nb, a.inject)

        def on_cell_start(cell, cell_index):
            failed["running"] = cell_index
            phases.setdefault("kernel_ready", time.time())
            if emit and cell.cell_type == "code":
                emit({"cell": cell_index, "event": "start", "t": round(time.time() - t0, 3)})

        def on_cell_executed(cell, cell_index, execute_reply):
            if emit:
                emit({"cell": cell_index, "event": "done", "t": round(time.time() - t0, 3)})

        def on_cell_error(cell, cell_index, execute_reply):
            failed["index"] = cell_index

        client = NotebookClient(
            nb,
            km=km,
            on_cell_start=on_cell_start,
            on_cell_executed=on_cell_executed,
            on_cell_error=on_cell_error,
            kernel_name=a.kernel,
            # nbclient's `timeout` trait takes whole seconds only; timeout_func may return a fraction.
            timeout_func=lambda cell: a.timeout,
            startup_timeout=120,
            # After a cell's reply, its last outputs may still be on the way; nbclient's default 4 s wait dropped a
            # failed cell's error text under load (an empty "<Error>"). The kernel always ends with an idle status.
            iopub_timeout=120,
            allow_errors=False,
            resources={"metadata": {"path": a.cwd}},
        )
        if kc is not None:
            client.kc = kc
        try:
            client.execute()
        finally:
            if km is not None and kc is None and client.kc is not None:
                client.kc.stop_channels()
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
    if emit:  # the executed notebook is on disk: its numbers can be compared before the report is written
        emit({"cell": None, "event": "written", "t": round(time.time() - t0, 3)})
    try:
        write_html(nb, a.html, a.title)
    except Exception as e:  # the executed notebook is still written; report the HTML failure
        result["status"] = "error"
        result["error"] = result["error"] or {"cell": None, "source": "", "ename": "HTMLExportError", "evalue": str(e)[:2000]}
    result["seconds"] = round(time.time() - t0, 2)
    # Where the time went: kernel start-up (to the first cell), executing the cells, writing the report.
    ready = phases.get("kernel_ready", phases["cells_done"])
    result["phases"] = {"kernel": round(ready - t0, 2), "cells": round(phases["cells_done"] - ready, 2), "report": round(time.time() - phases["cells_done"], 2)}
    return result


RESET_MARK = "//regionlab:reset "


def connect(km):
    """A client of `km`'s kernel, connected and answering. The warm driver keeps one for all its notebooks: a new
    client per notebook must wait for its IOPub subscription to join, and under load that wait ran into nbclient's
    120 s start-up limit (the "failed in a reused kernel" runs), after which nbclient shut the shared kernel down."""
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=120)
    kc.allow_stdin = False
    return kc


def reset_kernel(kc, env):
    """Give the next notebook a fresh module scope, a fresh kernel-lib and `env` (regionlab's kernel,
    kernel-lib/src/runner/kernel.ts; the compiled cells stay cached). Not counted as a cell of the notebook.
    The reply comes on the shell channel; the request's IOPub messages are drained, and nbclient ignores any left
    (they belong to another request)."""
    msg_id = kc.execute(RESET_MARK + json.dumps({"env": env}), store_history=False, allow_stdin=False)
    deadline = time.time() + 120
    while True:
        left = deadline - time.time()
        if left <= 0:
            raise RuntimeError("the kernel did not answer the reset between notebooks in 120 s")
        try:
            reply = kc.get_shell_msg(timeout=left)
        except Exception:
            continue
        if reply["parent_header"].get("msg_id") == msg_id:
            break
    if reply["content"].get("status") != "ok":
        raise RuntimeError("the kernel refused the reset between notebooks")
    end = time.time() + 5
    while time.time() < end:
        try:
            m = kc.get_iopub_msg(timeout=max(0.01, end - time.time()))
        except Exception:
            break
        if m["parent_header"].get("msg_id") == msg_id and m["msg_type"] == "status" and m["content"].get("execution_state") == "idle":
            break


def serve(a):
    """Warm mode (`regionlab explore`, `regionlab replicate`): start one tslab kernel, then run one request per stdin
    line (a JSON object with input, output, html, inject, timeout, title, and env: the notebook's environment, which
    resets the kernel to a fresh module scope first) in it. Prints {"progress": ...} lines while a notebook runs and
    one {"result": ...} line at the end of each; {"ready": true} once the kernel is up. A dead kernel is restarted."""
    from jupyter_client.manager import KernelManager

    def emit(obj):
        sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
        sys.stdout.flush()

    import signal

    km = KernelManager(kernel_name=a.kernel)
    km.start_kernel(cwd=a.cwd)
    kc = connect(km)

    def restart():
        nonlocal kc
        kc.stop_channels()
        km.restart_kernel(now=True)
        kc = connect(km)

    # The kernel is a process of its own: stop it with this one (end of input, SIGTERM or SIGINT), never orphan it.
    def stop(signum, frame):
        raise SystemExit(0)

    def arm():
        # nbclient installs its own SIGTERM/SIGINT handlers during a run and resets them to the default after it.
        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)

    arm()
    try:
        emit({"ready": True})
        for line in sys.stdin:
            if not line.strip():
                continue
            req = json.loads(line)
            env = req.pop("env", None)
            if not km.is_alive():
                restart()
            args = argparse.Namespace(**{**vars(a), **req})
            if env is not None:
                reset_kernel(kc, env)
            result = run(args, km=km, emit=lambda p: emit({"progress": p}), kc=kc)
            arm()
            if result["status"] != "ok":
                # A timed-out cell may still be running, a failed one may have left state: the next run gets a new kernel.
                restart()
            emit({"result": result})
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--input")
    ap.add_argument("--output")
    ap.add_argument("--html")
    ap.add_argument("--cwd", required=True)
    ap.add_argument("--inject", default="", help="source of the parameters cell with the --set values")
    ap.add_argument("--kernel", default="tslab")
    ap.add_argument("--timeout", type=float, default=900)
    ap.add_argument("--title", default="regionlab notebook")
    ap.add_argument("--progress", action="store_true", help="print a JSON line per cell start and end before the result")
    ap.add_argument("--serve", action="store_true", help="keep one kernel and run the requests read from stdin (see serve)")
    a = ap.parse_args()
    if a.serve:
        return serve(a)
    if not (a.input and a.output and a.html):
        ap.error("--input, --output and --html are required")
    emit = (lambda p: print(json.dumps({"progress": p}), flush=True)) if a.progress else None
    print(json.dumps(run(a, emit=emit), ensure_ascii=False))


if __name__ == "__main__":
    sys.exit(main())
