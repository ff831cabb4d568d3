"""A run's tables as pandas DataFrames, for the notebooks in this folder, read where the notebook runs:

- **Spark** when a session exists (Databricks, or any PySpark): ``spark.read.table("catalog.schema.runs")`` when the lake
  is a catalog prefix (``main.textcluster``), else ``spark.read.format("delta").load(path + "/runs")``. Only the run's
  rows are read: 1 row of ``runs``, k of ``clusters``, a bounded, deterministic sample of ``assignments``.
- **Directly** from a local Delta table with pyarrow where it is installed: the Delta log (``delta_snapshot.py``) names
  the run's active Parquet files (run_id is a partition column, so only that run's files are opened), pyarrow reads them.
- **Through the JVM** where neither exists, as on Debian, whose Python has no pyarrow, fastparquet or PySpark and so
  cannot decode Parquet: ``textcluster export`` (``submit/local.sh``) writes the run's rows as JSON Lines.

Whatever reads the rows, ``log_summary`` reads the Delta log itself in Python, so a notebook can show how many rows and
files the log gives the run without any Parquet reader.
"""
import json
import os
import subprocess
from pathlib import Path

import pandas as pd

from delta_snapshot import DeltaSnapshot, is_delta_table

TABLES = ("runs", "clusters", "assignments")


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


def is_catalog_prefix(lake):
    """``main.textcluster`` or ``textcluster`` (tables in a catalog) rather than a path."""
    return "/" not in lake and ":" not in lake and not lake.startswith(".")


def _resolve(path):
    path = str(path)
    if "://" in path or path.startswith("/") or is_catalog_prefix(path):
        return path
    return str(repository_root() / path)


def active_spark():
    """The notebook's SparkSession (Databricks defines one), or None where PySpark is not installed or not started."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        return None
    return SparkSession.getActiveSession()


def _has_pyarrow():
    try:
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        return False
    return True


def _textcluster(*arguments):
    command = [str(repository_root() / "submit" / "local.sh"), *arguments]
    completed = subprocess.run(command, capture_output=True, text=True, cwd=repository_root())
    if completed.returncode != 0:
        raise RuntimeError(
            f"{' '.join(command)} failed with exit code {completed.returncode}:\n{completed.stderr[-4000:]}")
    return completed.stdout


def _plain(value):
    """Maps as dicts and structs as dicts, whichever reader produced them (Spark Rows, pyarrow's key-value lists)."""
    if hasattr(value, "asDict"):
        return {k: _plain(v) for k, v in value.asDict().items()}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)) or type(value).__name__ == "ndarray":
        items = [_plain(v) for v in value]
        if items and all(isinstance(i, tuple) and len(i) == 2 for i in items):
            return dict(items)
        return items
    return value


def _plain_frame(frame):
    for column in frame.columns:
        if frame[column].dtype == object:
            frame[column] = frame[column].map(_plain)
    return frame


class _SparkReader:
    name = "Spark"

    def __init__(self, spark, lake):
        self.spark, self.lake = spark, lake

    def _table(self, table):
        if is_catalog_prefix(self.lake):
            return self.spark.read.table(f"{self.lake}.{table}")
        path = f"{self.lake.rstrip('/')}/{table}"
        try:
            return self.spark.read.format("delta").load(path)
        except Exception:  # output.format = parquet
            return self.spark.read.parquet(path)

    def read(self, run_id, sample):
        from pyspark.sql import functions as F
        rows = {t: self._table(t).filter(F.col("run_id") == run_id) for t in TABLES}
        sampled = rows["assignments"].orderBy(F.xxhash64("doc_id"), "doc_id").limit(sample)
        return rows["runs"].toPandas(), rows["clusters"].toPandas(), sampled.toPandas()


class _DirectReader:
    name = "pyarrow on the Delta log"

    def __init__(self, lake):
        self.lake = lake

    def _files(self, table, run_id):
        folder = Path(self.lake) / table
        if is_delta_table(folder):
            return [f.path for f in DeltaSnapshot(folder).files(run_id=run_id)]
        return sorted(str(p) for p in (folder / f"run_id={run_id}").glob("*.parquet"))  # output.format = parquet

    def _read(self, table, run_id, limit=None):
        import pyarrow.parquet as pq
        frames, count = [], 0
        for path in sorted(self._files(table, run_id)):
            frame = pq.read_table(path).to_pandas()
            frame.insert(0, "run_id", run_id)  # a partition column: in the log and the folder name, not the file
            frames.append(frame)
            count += len(frame)
            if limit is not None and count >= limit:
                break
        frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
        return frame.head(limit) if limit is not None else frame

    def read(self, run_id, sample):
        return self._read("runs", run_id), self._read("clusters", run_id), self._read("assignments", run_id, sample)


class _JvmExportReader:
    name = "the JVM (textcluster export)"

    def __init__(self, lake):
        self.lake = lake

    def read(self, run_id, sample):
        folder = repository_root() / "target" / "notebook-exports" / run_id
        _textcluster("export", "--lake", self.lake, "--run", run_id, "--to", str(folder), "--sample", str(sample))
        assignments = folder / "assignments.jsonl"
        return (pd.read_json(folder / "runs.jsonl", lines=True),
                pd.read_json(folder / "clusters.jsonl", lines=True),
                pd.read_json(assignments, lines=True) if assignments.stat().st_size else pd.DataFrame())


def _reader(lake, spark):
    spark = spark or active_spark()
    if spark is not None:
        return _SparkReader(spark, lake)
    if is_catalog_prefix(lake):
        raise RuntimeError(f"{lake} names catalog tables, which only Spark can read; run this notebook where a "
                           "SparkSession exists (Databricks) or set the lake to the tables' folder.")
    if _has_pyarrow() and "://" not in lake:
        return _DirectReader(lake)
    return _JvmExportReader(lake)


class RunTables:
    """One run: ``run`` (its runs row as a Series), ``clusters`` (k rows) and ``assignments`` (a sample)."""

    def __init__(self, lake, run_id, sample=5000, spark=None):
        self.lake = _resolve(lake)
        self.run_id = run_id
        reader = _reader(self.lake, spark)
        self.read_with = reader.name
        runs, clusters, assignments = (_plain_frame(f) for f in reader.read(run_id, sample))
        if runs.empty:
            raise RuntimeError(f"No run {run_id!r} in the runs table of {self.lake}.")
        self.run = runs.iloc[0]
        self.clusters = clusters.sort_values("cluster_id", ignore_index=True)
        self.assignments = assignments

    def metrics(self):
        """The run's metrics as a one-column table."""
        return pd.Series(self.run["metrics"], name=self.run_id, dtype=float).sort_index().to_frame()

    def cluster_table(self):
        """cluster_id, size, share, majority label (when labels exist) and the top keywords of each cluster."""
        table = self.clusters.copy()
        table["keywords"] = table["keywords"].map(lambda words: ", ".join(w["term"] for w in words[:8]))
        columns = ["cluster_id", "size", "share", "majority_label", "keywords"]
        return table[[c for c in columns if c in table.columns]].set_index("cluster_id")

    def has_map(self):
        return {"map_x", "map_y"} <= set(self.assignments.columns)


def log_summary(lake, run_id, table="assignments"):
    """What the Delta log alone says about a run in a local table: version, active files and rows (from statistics)."""
    folder = Path(_resolve(lake)) / table
    if not is_delta_table(folder):
        return f"{table}: not a local Delta table ({folder}); nothing to read from its log here."
    snapshot = DeltaSnapshot(folder)
    files = snapshot.files(run_id=run_id)
    rows = snapshot.rows(run_id=run_id)
    shown = "unknown (no statistics)" if rows is None else f"{rows:,}"
    return (f"{table}: {shown} rows of run {run_id} in {len(files)} active files, Delta version {snapshot.version}, "
            f"partitioned by {', '.join(snapshot.partition_columns)}")


def run_job(config, run_id, lake, overrides=None):
    """Runs ``textcluster run`` in local mode (submit/local.sh) and returns its console output."""
    arguments = ["run", "--config", _resolve(config), "--run-id", run_id, "--set", f"output.path={_resolve(lake)}"]
    for key, value in (overrides or {}).items():
        arguments += ["--set", f"{key}={value}"]
    return _textcluster(*arguments)


def describe(value):
    """Pretty JSON for nested columns (keywords, representatives) when printing one cluster."""
    return json.dumps(value, indent=2, ensure_ascii=False)
