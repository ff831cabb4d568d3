package io.textcluster.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.textcluster.cluster.MaxProbability;
import io.textcluster.features.ApiEmbeddings;
import io.textcluster.features.LsaModel;
import io.textcluster.report.RandomProjection;
import io.textcluster.text.TextAnalyzer;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.Params;
import org.junit.jupiter.api.Test;

/** The shared column params behave as each stage's own did: found by Spark, validated, defaulted, copied. */
class ColumnTransformerTest {

  private static List<String> paramNames(Params stage) {
    return Arrays.stream(stage.params()).map(p -> p.name()).toList();
  }

  @Test
  void sparkFindsTheInheritedColumnParamsNextToTheStagesOwn() {
    assertTrue(paramNames(new RandomProjection()).containsAll(List.of("inputCol", "outputCol", "dimensions", "seed")));
    assertTrue(paramNames(new ApiEmbeddings()).containsAll(List.of("inputCol", "outputCol", "baseUrl", "maxChars")));
    assertTrue(paramNames(new LsaModel("lsa_1", 0, 0, new double[0])).containsAll(List.of("inputCol", "outputCol")));
    assertEquals("vector column to project", new RandomProjection().inputCol().doc());
  }

  @Test
  void eachStageKeepsItsOwnDefaults() {
    assertEquals("text", new TextAnalyzer().getInputCol());
    assertEquals("tokens", new TextAnalyzer().getOutputCol());
    assertEquals("features", new RandomProjection().getInputCol());
    assertEquals("probabilities", new MaxProbability().getInputCol());
    assertEquals("probability", new MaxProbability().getOutputCol());
    assertEquals("tfidf", new LsaModel("lsa_1", 0, 0, new double[0]).getInputCol());
    ApiEmbeddings api = new ApiEmbeddings();
    assertEquals(24000, (Integer) api.getOrDefault(api.maxChars()));
  }

  @Test
  void aBlankColumnNameIsRefusedWhenSet() {
    assertThrows(IllegalArgumentException.class, () -> new RandomProjection().setInputCol(" "));
    assertThrows(IllegalArgumentException.class, () -> new ApiEmbeddings().setOutputCol(""));
  }

  @Test
  void settersChainWithTheStagesTypeAndCopyKeepsUidAndValues() {
    RandomProjection stage = new RandomProjection().setInputCol("tfidf").setOutputCol("xy").setDimensions(8);
    RandomProjection copy = stage.copy(ParamMap.empty().put(stage.outputCol(), "other"));
    assertEquals(stage.uid(), copy.uid());
    assertEquals("tfidf", copy.getInputCol());
    assertEquals("other", copy.getOutputCol());
    assertEquals("xy", stage.getOutputCol());
    LsaModel model = new LsaModel("lsa_1", 0, 0, new double[0]);
    assertSame(model, model.setInputCol("counts"));
    assertEquals("counts", model.getInputCol());
  }
}
