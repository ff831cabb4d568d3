"""The scikit-learn peer of the million-document benchmark: TfidfVectorizer + KMeans (k = 20, n_init = 1) on the
JSON Lines copy of the generated corpus (Debian's Python has no Parquet reader), the settings matching
conf/bench/million.conf (vocabulary 50,000, min_df 5, max_df 0.5, English stopwords). Prints one line:
"scikit-learn WALL_SECONDS READ_SECONDS TFIDF_SECONDS KMEANS_SECONDS V_MEASURE PEAK_RSS_MB".
Usage: bench_million_sklearn.py CORPUS_DIR"""
import glob
import json
import resource
import sys
import time

import numpy as np
from sklearn.cluster import KMeans
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import v_measure_score

start = time.time()
texts, labels = [], []
for name in sorted(glob.glob(sys.argv[1] + "/jsonl/*.json")):
    with open(name, encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            texts.append(row["text"])
            labels.append(row["label"])
read = time.time()
X = TfidfVectorizer(stop_words="english", min_df=5, max_df=0.5, max_features=50000, dtype=np.float32).fit_transform(texts)
tfidf = time.time()
km = KMeans(n_clusters=20, n_init=1, random_state=0).fit(X)
done = time.time()
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"scikit-learn {done - start:.1f} {read - start:.1f} {tfidf - read:.1f} {done - tfidf:.1f} "
      f"{v_measure_score(labels, km.labels_):.3f} {peak_mb:.0f}")
