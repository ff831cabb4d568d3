package io.textcluster.features;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.TensorInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What an ONNX encoder asks for and gives back, read from its session rather than assumed: exports name and type their
 * inputs differently (XLM-R / multilingual-e5 have no {@code token_type_ids}; some exports take int32 ids or
 * {@code position_ids}) and their outputs too ({@code last_hidden_state}, {@code token_embeddings}, or an already
 * pooled {@code sentence_embedding} when sentence-transformers' pooling and dense layers were exported with the model).
 */
final class ModelSignature {
  /** What textcluster fills an input with. */
  enum Role { IDS, MASK, TYPES, POSITIONS }

  private static final Map<String, Role> KNOWN_INPUTS = Map.of(
      "input_ids", Role.IDS, "ids", Role.IDS, "input", Role.IDS,
      "attention_mask", Role.MASK, "input_mask", Role.MASK, "mask", Role.MASK,
      "token_type_ids", Role.TYPES, "segment_ids", Role.TYPES, "type_ids", Role.TYPES,
      "position_ids", Role.POSITIONS);
  /** Outputs with one vector per token, in order of preference (transformers' name, then sentence-transformers'). */
  private static final List<String> TOKEN_OUTPUTS = List.of("last_hidden_state", "token_embeddings");
  /**
   * sentence-transformers' own sentence vector, as optimum's sentence-transformers export names it: the model's pooling
   * (and LaBSE's dense layer and normalisation) inside the graph. Preferred to pooling token vectors here.
   */
  private static final String SENTENCE_EMBEDDING = "sentence_embedding";
  /** Outputs with one vector per text, used only when the model gives no token vectors. */
  private static final List<String> POOLED_OUTPUTS = List.of("dense_vecs", "pooler_output");

  private final Map<String, Role> roles = new LinkedHashMap<>();
  private final Map<String, Boolean> int32 = new LinkedHashMap<>();
  private final String output;
  private final boolean pooledByModel;

  ModelSignature(Map<String, NodeInfo> inputs, Map<String, NodeInfo> outputs) {
    for (Map.Entry<String, NodeInfo> input : inputs.entrySet()) {
      Role role = KNOWN_INPUTS.get(input.getKey().toLowerCase(Locale.ROOT));
      if (role == null) {
        throw new IllegalArgumentException(
            "the model asks for an input named '" + input.getKey() + "', which textcluster cannot fill (it fills "
                + "input_ids, attention_mask, token_type_ids and position_ids); export the encoder with those inputs");
      }
      roles.put(input.getKey(), role);
      int32.put(input.getKey(), elementType(input.getValue()) == OnnxJavaType.INT32);
    }
    if (!roles.containsValue(Role.IDS)) {
      throw new IllegalArgumentException("the model has no input_ids input (it asks for " + inputs.keySet() + ")");
    }
    boolean sentence = outputs.containsKey(SENTENCE_EMBEDDING) && rank(outputs.get(SENTENCE_EMBEDDING)) == 2;
    String tokens = sentence ? null : pick(outputs, TOKEN_OUTPUTS, 3);
    String pooled = sentence ? SENTENCE_EMBEDDING : pick(outputs, POOLED_OUTPUTS, 2);
    if (tokens == null && pooled == null) {
      throw new IllegalArgumentException(
          "the model gives neither token vectors [batch, tokens, dim] nor text vectors [batch, dim] (its outputs: "
              + outputs.keySet() + ")");
    }
    this.pooledByModel = tokens == null;
    this.output = pooledByModel ? pooled : tokens;
  }

  /** The output to read: the named one when present, else the first float output of that rank. */
  private static String pick(Map<String, NodeInfo> outputs, List<String> names, int rank) {
    for (String name : names) {
      if (outputs.containsKey(name) && rank(outputs.get(name)) == rank) {
        return name;
      }
    }
    for (Map.Entry<String, NodeInfo> out : outputs.entrySet()) {
      if (rank(out.getValue()) == rank && elementType(out.getValue()) == OnnxJavaType.FLOAT) {
        return out.getKey();
      }
    }
    return null;
  }

  private static int rank(NodeInfo info) {
    return info.getInfo() instanceof TensorInfo t ? t.getShape().length : -1;
  }

  private static OnnxJavaType elementType(NodeInfo info) {
    return info.getInfo() instanceof TensorInfo t ? t.type : OnnxJavaType.UNKNOWN;
  }

  /** The output the vectors come from. */
  String output() {
    return output;
  }

  /** True when the output is one vector per text: the model pooled (and perhaps normalised) it itself. */
  boolean pooledByModel() {
    return pooledByModel;
  }

  /** The inputs the model asks for, filled from the padded batch, each in the element type the model declares. */
  Map<String, OnnxTensor> tensors(OrtEnvironment env, long[][] ids, long[][] mask, long[][] types)
      throws OrtException {
    Map<String, OnnxTensor> tensors = new LinkedHashMap<>();
    List<OnnxTensor> made = new ArrayList<>();
    try {
      for (Map.Entry<String, Role> input : roles.entrySet()) {
        long[][] values = switch (input.getValue()) {
          case IDS -> ids;
          case MASK -> mask;
          case TYPES -> types;
          case POSITIONS -> positions(ids.length, ids.length == 0 ? 0 : ids[0].length);
        };
        OnnxTensor tensor = int32.get(input.getKey()) ? OnnxTensor.createTensor(env, narrowed(values))
            : OnnxTensor.createTensor(env, values);
        made.add(tensor);
        tensors.put(input.getKey(), tensor);
      }
      return tensors;
    } catch (OrtException | RuntimeException e) {
      made.forEach(OnnxTensor::close);
      throw e;
    }
  }

  private static long[][] positions(int rows, int width) {
    long[][] positions = new long[rows][width];
    for (long[] row : positions) {
      for (int t = 0; t < width; t++) {
        row[t] = t;
      }
    }
    return positions;
  }

  private static int[][] narrowed(long[][] values) {
    int[][] out = new int[values.length][];
    for (int i = 0; i < values.length; i++) {
      out[i] = new int[values[i].length];
      for (int j = 0; j < out[i].length; j++) {
        out[i][j] = (int) values[i][j];
      }
    }
    return out;
  }
}
