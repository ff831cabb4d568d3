"""A run's tables as pandas DataFrames, for the notebooks in this folder.

Debian's Python has neither pyarrow nor fastparquet, so Python cannot read the lake's Parquet files here. The
textcluster CLI can: ``textcluster export`` writes the run's row, its k clusters and a bounded sample of its
assignments as JSON Lines, and this module reads those. The export is small whatever the corpus size (1 + k rows and
at most ``sample`` assignments), so it is safe on a notebook machine.
"""
import json
import os
import subprocess
from pathlib import Path

import pandas as pd


def repository_root():
    """The textcluster checkout this notebook belongs to (the folder holding submit/local.sh)."""
    folder = Path.cwd().resolve()
    for candidate in [folder, *folder.parents]:
        if (candidate / "submit" / "local.sh").is_file():
            return candidate
    raise RuntimeError(f"No textcluster checkout above {folder}: open the notebook from the repository's notebooks/.")


def setting(name, default):
    """A notebook parameter: the environment variable when set (CI sets them), else the default."""
    return os.environ.get(name, default)


def _resolve(path):
    path = str(path)
    if "://" in path or path.startswith("/"):
        return path
    return str(repository_root() / path)


def _textcluster(*arguments):
    command = [str(repository_root() / "submit" / "local.sh"), *arguments]
    completed = subprocess.run(command, capture_output=True, text=True, cwd=repository_root())
    if completed.returncode != 0:
        raise RuntimeError(
            f"{' '.join(command)} failed with exit code {completed.returncode}:\n{completed.stderr[-4000:]}")
    return completed.stdout


class RunTables:
    """One run: ``run`` (its runs row as a Series), ``clusters`` (k rows) and ``assignments`` (a sample)."""

    def __init__(self, lake, run_id, sample=5000):
        self.lake = _resolve(lake)
        self.run_id = run_id
        folder = repository_root() / "target" / "notebook-exports" / run_id
        _textcluster("export", "--lake", self.lake, "--run", run_id, "--to", str(folder), "--sample", str(sample))
        self.run = pd.read_json(folder / "runs.jsonl", lines=True).iloc[0]
        self.clusters = pd.read_json(folder / "clusters.jsonl", lines=True)
        assignments = folder / "assignments.jsonl"
        self.assignments = pd.read_json(assignments, lines=True) if assignments.stat().st_size else pd.DataFrame()

    def metrics(self):
        """The run's metrics as a one-column table."""
        return pd.Series(self.run["metrics"], name=self.run_id).sort_index().to_frame()

    def cluster_table(self):
        """cluster_id, size, share, majority label (when labels exist) and the top keywords of each cluster."""
        table = self.clusters.copy()
        table["keywords"] = table["keywords"].map(lambda words: ", ".join(w["term"] for w in words[:8]))
        columns = ["cluster_id", "size", "share", "majority_label", "keywords"]
        return table[[c for c in columns if c in table.columns]].set_index("cluster_id")

    def has_map(self):
        return {"map_x", "map_y"} <= set(self.assignments.columns)


def run_job(config, run_id, lake, overrides=None):
    """Runs ``textcluster run`` in local mode (submit/local.sh) and returns its console output."""
    arguments = ["run", "--config", _resolve(config), "--run-id", run_id, "--set", f"output.path={_resolve(lake)}"]
    for key, value in (overrides or {}).items():
        arguments += ["--set", f"{key}={value}"]
    return _textcluster(*arguments)


def describe(value):
    """Pretty JSON for nested columns (keywords, representatives) when printing one cluster."""
    return json.dumps(value, indent=2, ensure_ascii=False)
