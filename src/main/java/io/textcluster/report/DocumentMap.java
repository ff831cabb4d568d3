package io.textcluster.report;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.xxhash64;

import io.textcluster.config.ReportConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.PCA;
import org.apache.spark.ml.functions;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The 2-D map of a run's documents. Every document gets map_x, map_y: the first two principal components of a 64-d
 * random projection of its features (PCA fitted distributed by Spark, for any corpus size). A bounded, deterministic
 * sample (the report.map-points documents with the smallest hash of doc_id) also gets map_text, the start of its text,
 * and the layout of report.map-layout fitted on the driver over the sample only: umap_x, umap_y (UMAP) or tsne_x,
 * tsne_y (t-SNE); pca adds none. The report can then be rebuilt from the assignments table alone.
 *
 * <p>Documents outside the sample keep their PCA place only: the report draws the sample, and placing every other
 * document by its nearest sampled neighbours would cost a distributed k-nearest-neighbour pass against the sample
 * (and a column every reader must know is approximate) for coordinates nothing shows.
 */
public final class DocumentMap {
  public static final String MAP_X = "map_x";
  public static final String MAP_Y = "map_y";
  public static final String TSNE_X = "tsne_x";
  public static final String TSNE_Y = "tsne_y";
  public static final String UMAP_X = "umap_x";
  public static final String UMAP_Y = "umap_y";
  public static final String MAP_TEXT = "map_text";
  public static final List<String> COLUMNS = List.of(MAP_X, MAP_Y, TSNE_X, TSNE_Y, UMAP_X, UMAP_Y, MAP_TEXT);

  private static final String PROJECTED = "_map_projected";
  private static final String PCA_OUT = "_map_pca";
  private static final double PERPLEXITY = 30;

  private final PipelineModel pca;
  private final Dataset<Row> sample;
  private final int sampled;

  private DocumentMap(PipelineModel pca, Dataset<Row> sample, int sampled) {
    this.pca = pca;
    this.sample = sample;
    this.sampled = sampled;
  }

  /**
   * Fits the PCA on {@code documents} (one distributed pass for the covariance) and runs t-SNE on the sample, which is
   * the only part collected to the driver: at most {@code settings.mapPoints()} rows.
   *
   * @param texts the documents' texts by {@code docId} (the corpus: the clustered rows do not carry the raw text,
   *     issue 20); only the sampled ids are read from it
   */
  public static DocumentMap fit(
      SparkSession spark, Dataset<Row> documents, Dataset<Row> texts, String docId, String text, String features,
      ReportConfig settings, long seed) {
    List<PipelineStage> stages = List.of(
        new RandomProjection().setInputCol(features).setOutputCol(PROJECTED).setSeed(seed),
        new PCA().setInputCol(PROJECTED).setOutputCol(PCA_OUT).setK(2));
    PipelineModel pca = new Pipeline().setStages(stages.toArray(PipelineStage[]::new)).fit(documents);

    List<Row> sampledRows =
        settings.mapPoints() == 0
            ? List.of()
            : documents
                .select(col(docId), col(features))
                .orderBy(xxhash64(col(docId), lit(seed)), col(docId))
                .limit(settings.mapPoints())
                .collectAsList();
    List<Row> picked = withTexts(sampledRows, texts, docId, text, settings.textChars());
    // Ids are meant to be unique; should one repeat, the map keeps its first row so the join adds no rows.
    Map<String, Row> unique = new LinkedHashMap<>();
    picked.forEach(r -> unique.putIfAbsent(r.getString(0), r));
    List<Row> rows = new ArrayList<>(unique.values());
    int n = rows.size();
    int[][] indices = new int[n][];
    double[][] values = new double[n][];
    for (int i = 0; i < n; i++) {
      SparseVector v = ((Vector) rows.get(i).get(1)).toSparse();
      indices[i] = v.indices();
      values[i] = v.values();
    }
    String layout = settings.mapLayout();
    double[][] y = switch (layout) {
      case ReportConfig.TSNE -> new Tsne(PERPLEXITY, settings.tsneIterations(), seed).embed(indices, values);
      case ReportConfig.UMAP -> new UmapLayout(seed).embed(indices, values);
      default -> null;
    };
    boolean tsne = layout.equals(ReportConfig.TSNE);
    boolean umap = layout.equals(ReportConfig.UMAP);
    List<Row> coordinates = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Double x = y == null ? null : y[i][0];
      Double yy = y == null ? null : y[i][1];
      coordinates.add(RowFactory.create(rows.get(i).getString(0), tsne ? x : null, tsne ? yy : null,
          umap ? x : null, umap ? yy : null, rows.get(i).getString(2)));
    }
    StructType schema = new StructType()
        .add(docId, DataTypes.StringType, false)
        .add(TSNE_X, DataTypes.DoubleType, true)
        .add(TSNE_Y, DataTypes.DoubleType, true)
        .add(UMAP_X, DataTypes.DoubleType, true)
        .add(UMAP_Y, DataTypes.DoubleType, true)
        .add(MAP_TEXT, DataTypes.StringType, true);
    return new DocumentMap(pca, spark.createDataFrame(coordinates, schema), n);
  }

  /** The sampled (doc_id, features) rows with each one's text cut to {@code chars} appended, read by id. */
  private static List<Row> withTexts(List<Row> sampled, Dataset<Row> texts, String docId, String text, int chars) {
    if (sampled.isEmpty()) {
      return sampled;
    }
    Map<String, String> byId = new HashMap<>();
    texts.filter(col(docId).isin(sampled.stream().map(r -> r.getString(0)).distinct().toArray()))
        .select(col(docId), col(text).substr(1, chars))
        .collectAsList()
        .forEach(r -> byId.putIfAbsent(r.getString(0), r.getString(1)));
    return sampled.stream().map(r -> RowFactory.create(r.getString(0), r.get(1), byId.get(r.getString(0)))).toList();
  }

  /** Number of documents in the map sample. */
  public int sampled() {
    return sampled;
  }

  /** {@code documents} with map_x, map_y for every row, and the layout and map_text for the sampled ones. */
  public Dataset<Row> addColumns(Dataset<Row> documents, String docId) {
    Dataset<Row> projected = pca.transform(documents);
    Dataset<Row> withPca = projected
        .withColumn(PCA_OUT, functions.vector_to_array(col(PCA_OUT), "float64"))
        .withColumn(MAP_X, element_at(col(PCA_OUT), 1))
        .withColumn(MAP_Y, element_at(col(PCA_OUT), 2))
        .drop(PROJECTED, PCA_OUT);
    return withPca.join(broadcast(sample), withPca.col(docId).equalTo(sample.col(docId)), "left")
        .drop(sample.col(docId));
  }

  /** The fitted projection (random projection + PCA), saveable with the run's model. */
  public PipelineModel projection() {
    return pca;
  }
}
