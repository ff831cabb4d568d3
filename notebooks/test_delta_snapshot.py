"""delta_snapshot against hand-written Delta logs: what the log says is the snapshot, not what the folder holds.

    python3 -m unittest discover -s notebooks -p 'test_*.py'
"""
import json
import tempfile
import unittest
from pathlib import Path

from delta_snapshot import DeltaLogError, DeltaSnapshot

META = {"metaData": {"id": "t", "format": {"provider": "parquet"}, "partitionColumns": ["run_id"],
                     "schemaString": json.dumps({"type": "struct", "fields": []}), "configuration": {}}}


def add(path, run_id, rows):
    return {"add": {"path": path, "partitionValues": {"run_id": run_id}, "size": 10, "dataChange": True,
                    "stats": json.dumps({"numRecords": rows})}}


def remove(path):
    return {"remove": {"path": path, "dataChange": True}}


class DeltaSnapshotTest(unittest.TestCase):
    def table(self, *commits):
        folder = Path(tempfile.mkdtemp()) / "assignments"
        log = folder / "_delta_log"
        log.mkdir(parents=True)
        for version, actions in enumerate(commits):
            if actions is None:
                continue
            lines = [json.dumps(a) for a in actions]
            (log / f"{version:020d}.json").write_text("\n".join(lines) + "\n")
        return folder

    def test_a_rerun_replaces_the_runs_files_and_keeps_the_others(self):
        table = self.table(
            [META, add("run_id=a/part-0.parquet", "a", 3)],
            [add("run_id=b/part-0.parquet", "b", 5)],
            # re-run of a: its old file is removed (it stays on disk), two new ones are added
            [remove("run_id=a/part-0.parquet"), add("run_id=a/part-1.parquet", "a", 2),
             add("run_id=a/part-2.parquet", "a", 2)])
        snapshot = DeltaSnapshot(table)
        self.assertEqual(2, snapshot.version)
        self.assertEqual(["run_id"], snapshot.partition_columns)
        self.assertEqual(["run_id=a/part-1.parquet", "run_id=a/part-2.parquet"],
                         sorted(f.relative_path for f in snapshot.files(run_id="a")))
        self.assertEqual(4, snapshot.rows(run_id="a"))
        self.assertEqual(5, snapshot.rows(run_id="b"))
        self.assertEqual(["a", "b"], snapshot.partition_values("run_id"))
        self.assertEqual(str(table / "run_id=b/part-0.parquet"), snapshot.files(run_id="b")[0].path)

    def test_paths_are_url_decoded_for_matching_and_reading(self):
        table = self.table([META, add("run_id=a%20b/part-0.parquet", "a b", 1)],
                           [remove("run_id=a%20b/part-0.parquet"), add("run_id=a%20b/part-1.parquet", "a b", 7)])
        files = DeltaSnapshot(table).files(run_id="a b")
        self.assertEqual([str(table / "run_id=a b/part-1.parquet")], [f.path for f in files])

    def test_a_deleted_run_has_no_files(self):
        table = self.table([META, add("run_id=a/p.parquet", "a", 1)], [remove("run_id=a/p.parquet")])
        self.assertEqual([], DeltaSnapshot(table).files(run_id="a"))
        self.assertEqual(0, DeltaSnapshot(table).rows(run_id="a"))

    def test_an_unknown_partition_column_is_refused(self):
        table = self.table([META, add("run_id=a/p.parquet", "a", 1)])
        with self.assertRaises(ValueError):
            DeltaSnapshot(table).files(cluster_id="1")

    def test_a_log_with_gaps_and_no_checkpoint_is_refused(self):
        table = self.table(None, [META, add("run_id=a/p.parquet", "a", 1)])
        with self.assertRaisesRegex(DeltaLogError, "gaps"):
            DeltaSnapshot(table)

    def test_deletion_vectors_and_column_mapping_are_refused_not_misread(self):
        with_dv = add("run_id=a/p.parquet", "a", 1)
        with_dv["add"]["deletionVector"] = {"storageType": "u", "pathOrInlineDv": "x", "sizeInBytes": 1,
                                            "cardinality": 1}
        with self.assertRaisesRegex(DeltaLogError, "deletion vector"):
            DeltaSnapshot(self.table([META, with_dv]))
        mapped = json.loads(json.dumps(META))
        mapped["metaData"]["configuration"] = {"delta.columnMapping.mode": "name"}
        with self.assertRaisesRegex(DeltaLogError, "column mapping"):
            DeltaSnapshot(self.table([mapped]))

    def test_a_folder_without_a_log_is_not_a_table(self):
        with self.assertRaises(DeltaLogError):
            DeltaSnapshot(tempfile.mkdtemp())


if __name__ == "__main__":
    unittest.main()
