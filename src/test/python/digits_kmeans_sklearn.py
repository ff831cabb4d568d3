"""scikit-learn's k-means on ../shared/data/digits: the figure DigitsExampleTest compares textcluster with.

Run from the repository root with Debian's scikit-learn (apt-get install python3-sklearn):
    /usr/bin/python3 src/test/python/digits_kmeans_sklearn.py
Same data, same features (the 64 raw pixels), k = 10, euclidean, n_init = 10 (scikit-learn 1.2's default).
"""
import csv
import statistics
import sys

import numpy as np
import sklearn
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_rand_score

path = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/digits/digits.csv"
with open(path, newline="") as f:
    rows = list(csv.DictReader(f))
pixels = np.array([[float(r[f"pixel_{i}"]) for i in range(64)] for r in rows])
labels = [r["label"] for r in rows]
scores = []
for seed in range(10):
    predicted = KMeans(n_clusters=10, n_init=10, random_state=seed).fit_predict(pixels)
    scores.append(adjusted_rand_score(labels, predicted))
print(f"scikit-learn {sklearn.__version__}, {len(rows)} digits, KMeans(k=10, n_init=10), random_state 0..9")
print("ARI per seed: " + ", ".join(f"{s:.4f}" for s in scores))
print(f"ARI mean {statistics.mean(scores):.4f}, min {min(scores):.4f}, max {max(scores):.4f}")
