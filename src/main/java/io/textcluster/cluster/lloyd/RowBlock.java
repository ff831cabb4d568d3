package io.textcluster.cluster.lloyd;

import java.io.Serializable;

/** What the Lloyd solver iterates over: a block of dense rows (embeddings, LSA) or of sparse rows (TF-IDF). */
interface RowBlock extends Serializable {
  int rows();
}
