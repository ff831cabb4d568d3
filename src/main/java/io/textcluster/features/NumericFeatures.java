package io.textcluster.features;

import io.textcluster.schema.Columns;
import io.textcluster.config.FeaturesConfig;
import io.textcluster.io.CorpusReader;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code features.type = columns}: the configured numeric columns (globs expanded) assembled as they are into the
 * features vector, e.g. the 64 pixels of seed 004's digits. No scaling: k-means on raw pixels is the seed's exercise,
 * and scikit-learn's figure it is compared with uses raw pixels too.
 */
public final class NumericFeatures {
  private NumericFeatures() {}

  public static List<PipelineStage> stages(Dataset<Row> documents, FeaturesConfig features) {
    List<String> columns = CorpusReader.expandColumns(Arrays.asList(documents.columns()), features.columns());
    return List.of(
        new VectorAssembler()
            .setInputCols(columns.toArray(String[]::new))
            .setOutputCol(Columns.FEATURES));
  }
}
