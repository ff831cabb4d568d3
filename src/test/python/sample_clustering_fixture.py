"""Expected agglomerative labels for SampleClusteringFixtureTest: scikit-learn 1.2.1 AgglomerativeClustering (euclidean)
on 150 points in 4 dimensions (4 blobs of different spreads), one column of labels per linkage,
and scikit-learn DBSCAN(eps=1.6, min_samples=5) labels (-1 noise).

Run: /usr/bin/python3 src/test/python/sample_clustering_fixture.py > src/test/resources/sample-clustering/blobs.csv
"""
import sys

import numpy as np
from sklearn.cluster import DBSCAN, AgglomerativeClustering
from sklearn.datasets import make_blobs

X, _ = make_blobs(n_samples=150, n_features=4, centers=4, cluster_std=[1.0, 1.5, 2.5, 3.5],
                  center_box=(-6, 6), random_state=7)
columns = {}
for linkage in ["ward", "average", "complete", "single"]:
    columns[linkage] = AgglomerativeClustering(n_clusters=4, linkage=linkage).fit_predict(X)
# DBSCAN on the same points: eps 1.6 and min_samples 5 leave 93 noise points and 4 clusters (borders included).
columns["dbscan"] = DBSCAN(eps=1.6, min_samples=5).fit_predict(X)
out = sys.stdout
out.write(",".join(["id"] + [f"x{i}" for i in range(4)] + list(columns)) + "\n")
for i, row in enumerate(X):
    out.write(",".join([str(i)] + [repr(float(v)) for v in row] + [str(columns[l][i]) for l in columns]) + "\n")
