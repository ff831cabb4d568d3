"""CI's judge of the executed notebooks: no cell failed, and each shows the run's clusters.

    python3 notebooks/check_executed.py EXECUTED_FOLDER EXPORT_FOLDER RUN_ID

The expected clusters and document count come from an export CI makes itself with the CLI before the notebooks run
(EXPORT_FOLDER/RUN_ID/{runs,clusters}.jsonl), not from the notebooks, so a notebook that prints the wrong run, no
clusters, stale output, or a Delta-log reading that counts removed files fails here. The Databricks notebook cannot run
here (no Spark in Python): it is checked for its source format, that it compiles, and that it reads tables with Spark.
"""
import json
import sys
from pathlib import Path


def text_of(cell):
    parts = []
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            raise AssertionError(f"cell failed: {output.get('ename')}: {output.get('evalue')}")
        if "text" in output:
            parts.append("".join(output["text"]))
        data = output.get("data", {})
        if "text/plain" in data:
            parts.append("".join(data["text/plain"]))
    return "".join(parts)


def images_in(notebook):
    return sum("image/png" in o.get("data", {}) for c in notebook["cells"] for o in c.get("outputs", []))


def check_databricks_source(path):
    """Databricks' source format: the header, cells split by COMMAND lines, valid Python, tables read by Spark."""
    source = path.read_text()
    assert source.startswith("# Databricks notebook source\n"), f"{path}: no '# Databricks notebook source' header"
    cells = source.split("\n# COMMAND ----------\n")
    assert len(cells) >= 5, f"{path}: {len(cells)} cells; expected '# COMMAND ----------' separators"
    compile(source, str(path), "exec")
    assert "spark.read.table(" in source and 'format("delta")' in source, f"{path}: does not read tables with Spark"
    assert "local.sh" not in source and "export" not in source, f"{path}: must not need the local JVM"
    print(f"{path.name}: Databricks source format, {len(cells)} cells, compiles, reads the tables with Spark")


def main(executed, exports, run_id):
    run = json.loads((Path(exports) / run_id / "runs.jsonl").read_text().splitlines()[0])
    clusters = [json.loads(line) for line in (Path(exports) / run_id / "clusters.jsonl").read_text().splitlines()]
    assert clusters, f"the export of {run_id} has no clusters"
    notebooks = sorted(Path(executed).glob("*.ipynb"))
    assert len(notebooks) >= 2, f"expected the executed notebooks in {executed}, found {notebooks}"
    for path in notebooks:
        notebook = json.loads(path.read_text())
        code = [c for c in notebook["cells"] if c["cell_type"] == "code"]
        unexecuted = [c for c in code if c.get("execution_count") is None]
        assert not unexecuted, f"{path.name}: {len(unexecuted)} code cells did not run"
        shown = "\n".join(text_of(c) for c in code)
        header = f"Run {run_id}: {len(clusters)} clusters"
        assert header in shown, f"{path.name} does not show '{header}'"
        table = next(text_of(c) for c in code if header in text_of(c))
        for cluster in clusters:
            # Each cluster's row: its id and size, and its first keyword.
            first_keyword = cluster["keywords"][0]["term"]
            row = next((line for line in table.splitlines() if line.split()[:2] == [str(cluster["cluster_id"]),
                                                                                     str(cluster["size"])]), None)
            assert row is not None, f"{path.name}: no row for cluster {cluster['cluster_id']} of size {cluster['size']}"
            assert first_keyword in row, f"{path.name}: cluster {cluster['cluster_id']} lacks keyword {first_keyword}"
        assert images_in(notebook) >= 1, f"{path.name}: no plot was drawn"
        if path.name == "explore_run.ipynb":
            # The Delta log read in Python must give the run exactly one assignments row per document.
            expected = f"assignments: {run['documents']:,} rows of run {run_id} in "
            assert expected in shown, f"{path.name} does not show '{expected}...' from the Delta log"
        print(f"{path.name}: {len(code)} cells ran, {len(clusters)} clusters of run {run_id} shown, "
              f"{images_in(notebook)} plots")


if __name__ == "__main__":
    main(*sys.argv[1:4])
    check_databricks_source(Path(__file__).parent / "databricks" / "explore_run.py")
