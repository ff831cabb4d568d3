"""CI's judge of the executed notebooks: no cell failed, and each shows the run's clusters.

    python3 notebooks/check_executed.py EXECUTED_FOLDER EXPORT_FOLDER RUN_ID

The expected clusters come from the export the CLI wrote (target/notebook-exports/RUN_ID/clusters.jsonl), not from the
notebook, so a notebook that prints the wrong run, no clusters or stale output fails here.
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


def main(executed, exports, run_id):
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
        print(f"{path.name}: {len(code)} cells ran, {len(clusters)} clusters of run {run_id} shown, "
              f"{images_in(notebook)} plots")


if __name__ == "__main__":
    main(*sys.argv[1:4])
