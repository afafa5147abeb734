"""The HTML report of an executed notebook: Jupyter's nbconvert "lab" export, written as is. regionlab's
post-processor (kernel-lib/src/report) then makes it work anywhere: equations rendered at build time, a CJK
font subset, and plotly shared per output folder or inlined."""

_exporter = None


def _lab_exporter():
    """One exporter per driver: its Jinja templates load once, not per notebook (about 0.15 s each)."""
    global _exporter
    if _exporter is None:
        from nbconvert import HTMLExporter

        _exporter = HTMLExporter(template_name="lab")
        # nbconvert validates the notebook after each of its 11 preprocessors with a relaxed schema that
        # fastjsonschema compiles anew every time (0.4 s per notebook). The driver's nbformat.write, just before
        # write_html, has validated the notebook against the strict schema.
        _exporter._validate_preprocessor = lambda nbc, preprocessor: None
    return _exporter


def write_html(nb, path, title):
    body, _ = _lab_exporter().from_notebook_node(nb, resources={"metadata": {"name": title}})
    with open(path, "w", encoding="utf-8") as f:
        f.write(body)
