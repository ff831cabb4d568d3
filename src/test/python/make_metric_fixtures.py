#!/usr/bin/python3
"""Expected metric values from scikit-learn, for fixed assignments over the shared corpora.

Run once with Debian's python3-sklearn (1.2.1) from the repository root:

    /usr/bin/python3 src/test/python/make_metric_fixtures.py [../shared/data]

It writes src/test/resources/metric-fixtures/:
  digits_assignments.csv    id, kmeans10, kmeans12, shifted  (fixed clusterings of the 1,797 digit images)
  bbc_news_assignments.csv  id, kmeans5                      (a seeded k-means of the 2,225 BBC articles)
  expected.json             every metric, per (corpus, assignment); MetricFixturesTest compares ours to 1e-6.

The committed files are the contract, so CI needs no Python. Labels are not copied: the tests read them from the
shared corpora by id.
"""
import json
import os
import sys

import numpy as np
import pandas as pd
from scipy.optimize import linear_sum_assignment
from sklearn import metrics
from sklearn.cluster import KMeans
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.cluster import contingency_matrix

DATA = sys.argv[1] if len(sys.argv) > 1 else os.path.join("..", "shared", "data")
OUT = os.path.join("src", "test", "resources", "metric-fixtures")


def internal(x, labels):
    """Silhouette (euclidean, cosine), Davies-Bouldin, Calinski-Harabasz, Dunn, SSE to the cluster means."""
    d = metrics.pairwise_distances(x, metric="euclidean")
    same = labels[:, None] == labels[None, :]
    dunn = d[~same].min() / d[same].max()
    sse = sum(((x[labels == c] - x[labels == c].mean(axis=0)) ** 2).sum() for c in np.unique(labels))
    return {
        "silhouette_euclidean": metrics.silhouette_score(x, labels, metric="euclidean"),
        "silhouette_cosine": metrics.silhouette_score(x, labels, metric="cosine"),
        "davies_bouldin": metrics.davies_bouldin_score(x, labels),
        "calinski_harabasz": metrics.calinski_harabasz_score(x, labels),
        "dunn_index": dunn,
        "within_cluster_sse": sse,
    }


def external(truth, predicted):
    """Agreement with labels; purity and Hungarian-matched accuracy from sklearn's contingency matrix."""
    cm = contingency_matrix(truth, predicted)
    rows, cols = linear_sum_assignment(-cm)
    return {
        "adjusted_rand_index": metrics.adjusted_rand_score(truth, predicted),
        "adjusted_mutual_info": metrics.adjusted_mutual_info_score(truth, predicted),
        "normalized_mutual_info": metrics.normalized_mutual_info_score(truth, predicted),
        "homogeneity": metrics.homogeneity_score(truth, predicted),
        "completeness": metrics.completeness_score(truth, predicted),
        "v_measure": metrics.v_measure_score(truth, predicted),
        "purity": cm.max(axis=0).sum() / cm.sum(),
        "matched_accuracy": cm[rows, cols].sum() / cm.sum(),
    }


def main():
    os.makedirs(OUT, exist_ok=True)
    expected = {}

    digits = pd.read_csv(os.path.join(DATA, "digits", "digits.csv"))
    x = digits[[f"pixel_{i}" for i in range(64)]].to_numpy(dtype=np.float64)
    truth = digits["label"].to_numpy()
    kmeans10 = KMeans(n_clusters=10, n_init=10, random_state=0).fit_predict(x)
    kmeans12 = KMeans(n_clusters=12, n_init=10, random_state=0).fit_predict(x)
    # A deterministic corruption of the labels: every seventh image moves to the next digit's cluster.
    shifted = np.where(digits["id"].to_numpy() % 7 == 0, (truth + 1) % 10, truth)
    pd.DataFrame({"id": digits["id"], "kmeans10": kmeans10, "kmeans12": kmeans12, "shifted": shifted}).to_csv(
        os.path.join(OUT, "digits_assignments.csv"), index=False)
    expected["digits/label"] = internal(x, truth)
    expected["digits/shifted"] = {**internal(x, shifted), **external(truth, shifted)}
    expected["digits/kmeans10"] = {**internal(x, kmeans10), **external(truth, kmeans10)}
    expected["digits/kmeans12"] = external(truth, kmeans12)

    parts = sorted(f for f in os.listdir(os.path.join(DATA, "bbc_news")) if f.endswith(".csv"))
    bbc = pd.concat([pd.read_csv(os.path.join(DATA, "bbc_news", p)) for p in parts], ignore_index=True)
    tfidf = TfidfVectorizer(stop_words="english", min_df=5).fit_transform(bbc["title"] + ". " + bbc["body"])
    kmeans5 = KMeans(n_clusters=5, n_init=10, random_state=0).fit_predict(tfidf)
    pd.DataFrame({"id": bbc["id"], "kmeans5": kmeans5}).to_csv(
        os.path.join(OUT, "bbc_news_assignments.csv"), index=False)
    expected["bbc_news/kmeans5"] = external(bbc["label"].to_numpy(), kmeans5)

    import sklearn
    document = {
        "generator": "src/test/python/make_metric_fixtures.py",
        "scikit_learn": sklearn.__version__,
        "expected": {key: {m: float(v) for m, v in values.items()} for key, values in expected.items()},
    }
    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump(document, f, indent=2, sort_keys=False)
        f.write("\n")


if __name__ == "__main__":
    main()
