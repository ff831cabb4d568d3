package io.textcluster.describe;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.PairFlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

/**
 * Seed 002's vocabulary labels: every vocabulary term gets an embedding, the TF-IDF-weighted mean of the dense vectors
 * (LSA features or document embeddings) of the documents containing it; the terms whose embeddings are nearest a
 * cluster's centre by cosine label that cluster. Unlike class-based keywords, which count words inside the cluster,
 * these place words in the same space as the centres, so a label can be a word that is typical of the cluster's
 * direction even when it is rarer than the cluster's frequent words.
 *
 * <p>All at Spark scale: (document, term) pairs are summed per term by a shuffle (vocabulary x dimensions), each term
 * is scored against the k broadcast centres, and Spark ranks them; only k x N labels reach the driver. The weighted
 * mean is left as a sum: cosine ignores its length.
 */
public final class VocabularyLabels {
  private VocabularyLabels() {}

  /**
   * @param tfidfCol the sparse TF-IDF vector whose indices are positions in {@code vocabulary}
   * @param vectorsCol the dense document vectors the centres live in
   */
  public static Map<Integer, List<Keyword>> top(
      SparkSession spark,
      Dataset<Row> assigned,
      String tfidfCol,
      String vectorsCol,
      String[] vocabulary,
      Vector[] centres,
      int perCluster) {
    Map<Integer, List<Keyword>> result = new TreeMap<>();
    if (perCluster == 0 || vocabulary.length == 0) {
      return result;
    }
    JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<Vector[]> broadcastCentres = context.broadcast(centres);
    try {
      JavaRDD<Row> scores =
          assigned
              .select(col(tfidfCol), col(vectorsCol))
              .javaRDD()
              .flatMapToPair(new WeightedVectors())
              .reduceByKey(VocabularyLabels::addInPlace)
              .flatMap(new CentreSimilarities(broadcastCentres));
      StructType schema =
          new StructType()
              .add("cluster", DataTypes.IntegerType)
              .add("term", DataTypes.IntegerType)
              .add("score", DataTypes.DoubleType);
      List<Row> top =
          spark
              .createDataFrame(scores, schema)
              .withColumn(
                  "rank",
                  row_number().over(Window.partitionBy("cluster").orderBy(col("score").desc(), col("term").asc())))
              .filter(col("rank").leq(perCluster))
              .orderBy("cluster", "rank")
              .collectAsList();
      for (Row row : top) {
        result
            .computeIfAbsent(row.getInt(0), c -> new ArrayList<>())
            .add(new Keyword(vocabulary[row.getInt(1)], row.getDouble(2)));
      }
      return result;
    } finally {
      broadcastCentres.destroy();
    }
  }

  private static double[] addInPlace(double[] a, double[] b) {
    for (int i = 0; i < a.length; i++) {
      a[i] += b[i];
    }
    return a;
  }

  /** (term, its TF-IDF weight x the document's vector) for every term of a document. */
  private static final class WeightedVectors implements PairFlatMapFunction<Row, Integer, double[]> {
    @Override
    public Iterator<Tuple2<Integer, double[]>> call(Row row) {
      Vector weights = row.getAs(0);
      double[] vector = ((Vector) row.getAs(1)).toArray();
      List<Tuple2<Integer, double[]>> out = new ArrayList<>();
      org.apache.spark.ml.linalg.SparseVector sparse = weights.toSparse();
      int[] indices = sparse.indices();
      double[] values = sparse.values();
      for (int t = 0; t < indices.length; t++) {
        double[] weighted = new double[vector.length];
        for (int i = 0; i < vector.length; i++) {
          weighted[i] = values[t] * vector[i];
        }
        out.add(new Tuple2<>(indices[t], weighted));
      }
      return out.iterator();
    }
  }

  /** (cluster, term, cosine of the term's embedding with the cluster's centre) for every cluster. */
  private static final class CentreSimilarities implements FlatMapFunction<Tuple2<Integer, double[]>, Row> {
    private final Broadcast<Vector[]> centres;

    CentreSimilarities(Broadcast<Vector[]> centres) {
      this.centres = centres;
    }

    @Override
    public Iterator<Row> call(Tuple2<Integer, double[]> term) {
      double[] embedding = term._2();
      double norm = 0;
      for (double x : embedding) {
        norm += x * x;
      }
      norm = Math.sqrt(norm);
      List<Row> out = new ArrayList<>();
      if (norm == 0) {
        return out.iterator();
      }
      Vector[] all = centres.value();
      for (int c = 0; c < all.length; c++) {
        double[] centre = all[c].toArray();
        double dot = 0;
        double centreNorm = 0;
        for (int i = 0; i < centre.length; i++) {
          dot += centre[i] * embedding[i];
          centreNorm += centre[i] * centre[i];
        }
        if (centreNorm > 0) {
          out.add(RowFactory.create(c, term._1(), dot / (norm * Math.sqrt(centreNorm))));
        }
      }
      return out.iterator();
    }
  }
}
