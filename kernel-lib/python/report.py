"""The HTML report of an executed notebook: Jupyter's nbconvert "lab" export, written as is. regionlab's
post-processor (kernel-lib/src/report) then makes it work anywhere: equations rendered at build time, a CJK
font subset, and plotly shared per output folder or inlined."""


def write_html(nb, path, title):
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="lab")
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title}})
    with open(path, "w", encoding="utf-8") as f:
        f.write(body)
