"""The files of a Delta table's current snapshot, read from its transaction log with the Python standard library.

A Delta table is a folder of Parquet files and a log, ``_delta_log/``, of numbered commits (``00000000000000000000.json``,
one JSON action a line). Replaying the commits in order gives the snapshot: an ``add`` action makes a file part of the
table (with its partition values and statistics), a ``remove`` takes it out again (a re-run of a run_id removes the
run's old files and adds new ones; the old files stay on disk until VACUUM, so listing the folder is wrong).
``metaData`` names the partition columns, whose values live only in the log and the folder names, not in the files.

Checkpoints (``N.checkpoint.parquet``, written every 10 commits) summarise the commits up to N. While every commit from
0 is still in the log (Delta keeps them 30 days by default) replaying the JSON gives the same snapshot; only when older
commits were cleaned up is the checkpoint needed, and reading it needs pyarrow.

Not handled, and refused with a message rather than read wrongly: deletion vectors (rows deleted inside a file) and
column mapping (physical column names that differ from the schema's); both are off on tables textcluster creates with
open-source Delta, and on Databricks the notebooks read through Spark instead.
"""
import json
import os
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

COMMIT = re.compile(r"^(\d{20})\.json$")
CHECKPOINT = re.compile(r"^(\d{20})\.checkpoint(\.\d{10}\.\d{10})?\.parquet$")


class DeltaLogError(RuntimeError):
    """A Delta table this reader cannot give a correct snapshot of; the message says why and what to use instead."""


def is_delta_table(path):
    return (Path(path) / "_delta_log").is_dir()


class AddFile:
    """One data file of the snapshot: its absolute path, partition values (strings, as Delta stores them), size, rows."""

    def __init__(self, table, action):
        self.relative_path = unquote(action["path"])
        parsed = urlparse(action["path"])
        if parsed.scheme in ("file", ""):
            path = unquote(parsed.path) if parsed.scheme == "file" else self.relative_path
            self.path = path if os.path.isabs(path) else str(Path(table) / path)
        else:
            self.path = action["path"]
        self.partition_values = action.get("partitionValues") or {}
        self.size = action.get("size", 0)
        stats = action.get("stats")
        self.num_records = json.loads(stats).get("numRecords") if stats else None

    def __repr__(self):
        return f"AddFile({self.relative_path!r}, {self.partition_values}, {self.size} bytes)"


class DeltaSnapshot:
    """The latest snapshot of the Delta table at ``path`` (a local folder): version, partition columns, files."""

    def __init__(self, path):
        self.path = str(path)
        log = Path(path) / "_delta_log"
        if not log.is_dir():
            raise DeltaLogError(f"{path} is not a Delta table: it has no _delta_log folder.")
        commits = {}
        checkpoints = {}
        for entry in os.listdir(log):
            match = COMMIT.match(entry)
            if match:
                commits[int(match.group(1))] = log / entry
            match = CHECKPOINT.match(entry)
            if match:
                checkpoints.setdefault(int(match.group(1)), []).append(log / entry)
        if not commits and not checkpoints:
            raise DeltaLogError(f"{path}/_delta_log holds no commits.")
        self.version = max(list(commits) + list(checkpoints))
        self.partition_columns = []
        self.schema = None
        self.configuration = {}
        self._files = {}
        start = 0
        if any(v not in commits for v in range(0, self.version + 1)):
            # Early commits were cleaned up: start from the newest checkpoint whose later commits are all present.
            usable = [v for v in checkpoints if all(c in commits for c in range(v + 1, self.version + 1))]
            if not usable:
                raise DeltaLogError(f"{path}: the log has gaps and no checkpoint covers them; read it with Spark.")
            start = max(usable) + 1
            self._replay_checkpoint(checkpoints[max(usable)])
        for version in range(start, self.version + 1):
            with open(commits[version], encoding="utf-8") as commit:
                for line in commit:
                    if line.strip():
                        self._apply(json.loads(line))
        self._refuse_what_would_be_read_wrongly()

    def _replay_checkpoint(self, parts):
        try:
            import pyarrow.parquet as pq
        except ImportError as missing:
            raise DeltaLogError(
                f"{self.path}: its early commits were cleaned up, so its checkpoint must be read, which needs pyarrow "
                "(not installed); read the table with Spark instead.") from missing
        for part in sorted(parts):
            for row in pq.read_table(part).to_pylist():
                for kind in ("metaData", "add", "remove"):
                    if row.get(kind):
                        action = dict(row[kind])
                        if kind == "add" and isinstance(action.get("partitionValues"), list):
                            action["partitionValues"] = dict(action["partitionValues"])
                        self._apply({kind: action})

    def _apply(self, action):
        if "metaData" in action:
            meta = action["metaData"]
            self.partition_columns = list(meta.get("partitionColumns") or [])
            self.schema = json.loads(meta["schemaString"]) if meta.get("schemaString") else None
            self.configuration = meta.get("configuration") or {}
        elif "add" in action:
            add = AddFile(self.path, action["add"])
            if action["add"].get("deletionVector"):
                raise DeltaLogError(
                    f"{self.path}: file {add.relative_path} has a deletion vector (rows deleted inside it), which this "
                    "reader does not apply; read the table with Spark.")
            self._files[add.relative_path] = add
        elif "remove" in action:
            self._files.pop(unquote(action["remove"]["path"]), None)

    def _refuse_what_would_be_read_wrongly(self):
        mode = self.configuration.get("delta.columnMapping.mode", "none")
        if mode != "none":
            raise DeltaLogError(
                f"{self.path} uses column mapping ({mode}): its files hold physical column names; read it with Spark.")

    def files(self, **partition_values):
        """The snapshot's files, or only those whose partition columns have the given values (e.g. run_id="demo")."""
        for column in partition_values:
            if column not in self.partition_columns:
                raise ValueError(f"{column} is not a partition column of {self.path} ({self.partition_columns})")
        wanted = {k: str(v) for k, v in partition_values.items()}
        return [f for f in self._files.values()
                if all(f.partition_values.get(k) == v for k, v in wanted.items())]

    def rows(self, **partition_values):
        """Rows in those files from the log's statistics, or None when a file has no statistics."""
        counts = [f.num_records for f in self.files(**partition_values)]
        return None if any(c is None for c in counts) else sum(counts)

    def partition_values(self, column):
        return sorted({f.partition_values.get(column) for f in self._files.values()})
