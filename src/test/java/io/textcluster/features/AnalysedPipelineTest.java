package io.textcluster.features;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textcluster.config.TextClusterException;
import io.textcluster.support.SparkTest;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

@SparkTest
class AnalysedPipelineTest {
  private final SparkSession spark;

  AnalysedPipelineTest(SparkSession spark) {
    this.spark = spark;
  }

  /** {@code documents} documents; each term occurs in {@code docsPerTerm} of them. */
  private Dataset<Row> tokens(int documents, int docsPerTerm) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < documents; i++) {
      rows.add(RowFactory.create(List.of("term" + i / docsPerTerm, "other" + i / docsPerTerm)));
    }
    StructType schema = new StructType().add("tokens", DataTypes.createArrayType(DataTypes.StringType));
    return spark.createDataFrame(rows, schema);
  }

  private static List<PipelineStage> tfidf(double minDocFreq) {
    return List.of(
        new TfidfVectorizer().setInputCol("tokens").setOutputCol("tfidf").setMinDF(minDocFreq).setMaxDF(0.5));
  }

  @Test
  void anEmptyVocabularyIsAMessageNamingTheKeysNotASparkRequirementFailure() {
    // A small corpus: every term is in 2 of 40 documents, below the default floor of 5.
    TextClusterException error =
        assertThrows(TextClusterException.class, () -> AnalysedPipeline.fit(tfidf(5), tokens(40, 2)));
    assertTrue(error.getMessage().contains("'features.tfidf.min-doc-freq'"), error.getMessage());
    assertTrue(error.getMessage().contains("= 5 documents"), error.getMessage());
  }

  @Test
  void aVocabularyThatIsNotEmptyFits() {
    try (AnalysedPipeline fitted = AnalysedPipeline.fit(tfidf(2), tokens(40, 2))) {
      assertTrue(fitted.transformed().count() == 40);
    }
  }
}
