# Databricks notebook source
# MAGIC %md
# MAGIC # Explore a textcluster run
# MAGIC
# MAGIC `notebooks/explore_run.ipynb` in Databricks' source format: import this file into a workspace (or open it from a
# MAGIC Git folder) and attach it to any cluster; it needs only the notebook's `spark` session, no textcluster jar.
# MAGIC It reads one run's rows from the tables a textcluster job wrote: `runs` (1 row), `clusters` (k rows) and a
# MAGIC bounded, deterministic sample of `assignments`.
# MAGIC
# MAGIC **lake**: a catalog prefix (`main.textcluster`: tables `main.textcluster.runs`, ...) or the job's `output.path`
# MAGIC (`/Volumes/main/textcluster/lake`, `abfss://...`, `s3://...`), read as Delta. **run_id**: the run to show.

# COMMAND ----------

dbutils.widgets.text("lake", "main.textcluster", "Catalog prefix or output.path")
dbutils.widgets.text("run_id", "nightly", "Run id")
dbutils.widgets.text("sample", "5000", "Assignments to sample")
LAKE = dbutils.widgets.get("lake").strip()
RUN_ID = dbutils.widgets.get("run_id").strip()
SAMPLE = int(dbutils.widgets.get("sample"))

# COMMAND ----------

from pyspark.sql import functions as F


def table(name):
    """A textcluster table, by catalog name when LAKE is a prefix, else by path."""
    if "/" not in LAKE and ":" not in LAKE:
        return spark.read.table(f"{LAKE}.{name}")
    return spark.read.format("delta").load(f"{LAKE.rstrip('/')}/{name}")


runs = table("runs").filter(F.col("run_id") == RUN_ID)
clusters = table("clusters").filter(F.col("run_id") == RUN_ID).orderBy("cluster_id")
# run_id partitions assignments, so this filter reads only the run's files.
assignments = table("assignments").filter(F.col("run_id") == RUN_ID)

run = runs.first()
assert run is not None, f"No run {RUN_ID!r} in {LAKE}"
print(f"Run {run.run_id}: {run.status}, {run.documents:,} documents, {run.algorithm} with k = {run.k}")
print(f"Input: {run.input} ({run.input_format})")

# COMMAND ----------

# MAGIC %md
# MAGIC ## Clusters
# MAGIC One row per cluster: size, share, majority label when the corpus has labels, and the top keywords.

# COMMAND ----------

cluster_rows = clusters.toPandas()  # k rows
cluster_rows["top_keywords"] = cluster_rows["keywords"].map(lambda words: ", ".join(w["term"] for w in words[:8]))
columns = [c for c in ["cluster_id", "size", "share", "majority_label", "top_keywords"] if c in cluster_rows.columns]
print(f"Run {RUN_ID}: {len(cluster_rows)} clusters")
display(cluster_rows[columns])

# COMMAND ----------

# MAGIC %md
# MAGIC ## Metrics

# COMMAND ----------

metrics = spark.createDataFrame(sorted(run.metrics.items()), "metric string, value double")
display(metrics)

# COMMAND ----------

# MAGIC %md
# MAGIC ## Cluster sizes

# COMMAND ----------

import matplotlib.pyplot as plt

labels = [f"{r.cluster_id}: {', '.join(r.top_keywords.split(', ')[:3])}" for r in cluster_rows.itertuples()]
fig, ax = plt.subplots(figsize=(8, 0.5 * len(cluster_rows) + 1))
ax.barh(labels, cluster_rows["size"])
ax.invert_yaxis()
ax.set_xlabel("documents")
ax.set_title(f"Cluster sizes, run {RUN_ID}")
plt.show()

# COMMAND ----------

# MAGIC %md
# MAGIC ## The map
# MAGIC When the run computed a 2-D map, `assignments` has `map_x` and `map_y`; a sample (the same documents every
# MAGIC time: the smallest hashes of `doc_id`) is drawn coloured by cluster.

# COMMAND ----------

if {"map_x", "map_y"} <= set(assignments.columns):
    sample = (assignments.select("doc_id", "cluster_id", "map_x", "map_y")
              .orderBy(F.xxhash64("doc_id"), "doc_id").limit(SAMPLE).toPandas())
    fig, ax = plt.subplots(figsize=(8, 7))
    for cluster_id, points in sample.groupby("cluster_id"):
        ax.scatter(points["map_x"], points["map_y"], s=4, label=str(cluster_id))
    ax.legend(title="cluster", markerscale=4)
    ax.set_title(f"Map of {len(sample):,} sampled documents, run {RUN_ID}")
    plt.show()
else:
    print("This run has no map_x/map_y columns: no map to draw.")

# COMMAND ----------

# MAGIC %md
# MAGIC ## What a cluster holds
# MAGIC The documents nearest the centre of the largest cluster.

# COMMAND ----------

largest = cluster_rows.sort_values("size", ascending=False).iloc[0]
print(f"Cluster {largest.cluster_id} ({largest['size']:,} documents): {largest['name']}")
for doc in largest["representatives"][:5]:
    print(f"  {doc['doc_id']}  {doc['snippet'][:120]}")
