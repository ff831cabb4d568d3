package io.textcluster.cluster;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.MutableDataset;
import org.tribuo.clustering.ClusterID;
import org.tribuo.clustering.ClusteringFactory;
import org.tribuo.clustering.hdbscan.HdbscanModel;
import org.tribuo.clustering.hdbscan.HdbscanTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.distance.CosineDistance;
import org.tribuo.math.distance.Distance;
import org.tribuo.math.distance.L2Distance;
import org.tribuo.math.neighbour.NeighboursQueryFactoryType;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * HDBSCAN* (Campello, Moulavi and Sander 2013) on the driver-side sample, by Tribuo's implementation (Apache-2.0). Only
 * the labels of the sample are taken from it; assigning the rest of the corpus is {@link NearestAnchorModel}'s job.
 */
final class TribuoHdbscan {
  /** Tribuo's label for noise. */
  private static final int TRIBUO_NOISE = 0;

  private TribuoHdbscan() {}

  /**
   * @return per sample point its cluster 0..m-1, numbered in the order of each cluster's first point, or -1 (noise)
   */
  static int[] labels(DriverSample sample, int minClusterSize, int minSamples) {
    ClusteringFactory factory = new ClusteringFactory();
    MutableDataset<ClusterID> dataset =
        new MutableDataset<>(new SimpleDataSourceProvenance("textcluster density sample", factory), factory);
    String[] names = new String[sample.dimensions()];
    for (int f = 0; f < names.length; f++) {
      // Zero-padded so Tribuo's sorted feature names keep the vector's order.
      names[f] = String.format("f%06d", f);
    }
    for (double[] point : sample.points) {
      dataset.add(new ArrayExample<>(ClusteringFactory.UNASSIGNED_CLUSTER_ID, names, point));
    }
    Distance distance = sample.cosine ? new CosineDistance() : new L2Distance();
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    HdbscanTrainer trainer =
        new HdbscanTrainer(minClusterSize, distance, minSamples, threads, NeighboursQueryFactoryType.BRUTE_FORCE);
    HdbscanModel model = trainer.train(dataset);
    List<Integer> tribuo = model.getClusterLabels();
    int[] labels = new int[tribuo.size()];
    Arrays.fill(labels, -1);
    Map<Integer, Integer> ours = new HashMap<>();
    for (int i = 0; i < labels.length; i++) {
      int label = tribuo.get(i);
      if (label != TRIBUO_NOISE) {
        labels[i] = ours.computeIfAbsent(label, l -> ours.size());
      }
    }
    return labels;
  }
}
