package io.textcluster.features;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The reference our Spark path is measured against: the shipped model's ONNX file run by ONNX Runtime directly, with
 * the model's own HuggingFace tokenizer, CLS pooling (what the BGE authors specify) or attention-masked mean pooling
 * (sentence-transformers' for MiniLM), and L2 normalisation. No Spark.
 */
final class DirectOnnxEmbedder implements AutoCloseable {
  private final OrtEnvironment env = OrtEnvironment.getEnvironment();
  private final OrtSession session;
  private final HuggingFaceTokenizer tokenizer;
  private final boolean mean;

  DirectOnnxEmbedder(String resource, int threads) throws Exception {
    this(resource, threads, false);
  }

  DirectOnnxEmbedder(String resource, int threads, boolean mean) throws Exception {
    this.mean = mean;
    ClassLoader loader = DirectOnnxEmbedder.class.getClassLoader();
    Path onnx = Files.createTempFile("direct-", ".onnx");
    try (InputStream in = loader.getResourceAsStream(resource + ".onnx")) {
      Files.copy(in, onnx, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    options.setIntraOpNumThreads(threads);
    session = env.createSession(onnx.toString(), options);
    Files.delete(onnx);
    try (InputStream in = loader.getResourceAsStream(resource + "-tokenizer.json")) {
      tokenizer =
          HuggingFaceTokenizer.newInstance(in, Map.of("truncation", "true", "maxLength", "512", "padding", "false"));
    }
  }

  /**
   * As {@link #embed}, but each window of {@code window} texts is embedded in order of token count (batches of similar
   * length, as sentence-transformers does), the vectors returned in the texts' order.
   */
  List<float[]> embedByLength(List<String> texts, int batch, int window) throws OrtException {
    List<float[]> out = new ArrayList<>(texts.size());
    for (int start = 0; start < texts.size(); start += window) {
      List<String> part = texts.subList(start, Math.min(texts.size(), start + window));
      Integer[] order = new Integer[part.size()];
      Encoding[] encodings = new Encoding[part.size()];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
        encodings[i] = tokenizer.encode(part.get(i));
      }
      java.util.Arrays.sort(order, java.util.Comparator.comparingInt(i -> encodings[i].getIds().length));
      Encoding[] sorted = new Encoding[order.length];
      for (int i = 0; i < order.length; i++) {
        sorted[i] = encodings[order[i]];
      }
      List<float[]> vectors = embedEncoded(sorted, batch);
      float[][] placed = new float[order.length][];
      for (int i = 0; i < order.length; i++) {
        placed[order[i]] = vectors.get(i);
      }
      out.addAll(List.of(placed));
    }
    return out;
  }

  /** L2-normalised CLS vectors of {@code texts}, computed {@code batch} texts per ONNX call (padded per batch). */
  List<float[]> embed(List<String> texts, int batch) throws OrtException {
    Encoding[] all = new Encoding[texts.size()];
    for (int i = 0; i < all.length; i++) {
      all[i] = tokenizer.encode(texts.get(i));
    }
    return embedEncoded(all, batch);
  }

  private List<float[]> embedEncoded(Encoding[] all, int batch) throws OrtException {
    List<float[]> out = new ArrayList<>(all.length);
    for (int start = 0; start < all.length; start += batch) {
      Encoding[] encodings = java.util.Arrays.copyOfRange(all, start, Math.min(all.length, start + batch));
      int width = 0;
      for (Encoding encoding : encodings) {
        width = Math.max(width, encoding.getIds().length);
      }
      long[][] ids = new long[encodings.length][width];
      long[][] mask = new long[encodings.length][width];
      long[][] types = new long[encodings.length][width];
      for (int i = 0; i < encodings.length; i++) {
        System.arraycopy(encodings[i].getIds(), 0, ids[i], 0, encodings[i].getIds().length);
        System.arraycopy(encodings[i].getAttentionMask(), 0, mask[i], 0, encodings[i].getIds().length);
        System.arraycopy(encodings[i].getTypeIds(), 0, types[i], 0, encodings[i].getIds().length);
      }
      try (OnnxTensor a = OnnxTensor.createTensor(env, ids);
          OnnxTensor b = OnnxTensor.createTensor(env, mask);
          OnnxTensor c = OnnxTensor.createTensor(env, types);
          OrtSession.Result result =
              session.run(Map.of("input_ids", a, "attention_mask", b, "token_type_ids", c))) {
        float[][][] hidden = (float[][][]) result.get(0).getValue();
        for (int s = 0; s < hidden.length; s++) {
          float[][] sequence = hidden[s];
          float[] cls = sequence[0].clone();
          if (mean) {
            java.util.Arrays.fill(cls, 0f);
            int kept = 0;
            for (int t = 0; t < sequence.length; t++) {
              if (mask[s][t] == 1) {
                kept++;
                for (int j = 0; j < cls.length; j++) {
                  cls[j] += sequence[t][j];
                }
              }
            }
            for (int j = 0; j < cls.length; j++) {
              cls[j] /= kept;
            }
          }
          double norm = 0;
          for (float x : cls) {
            norm += x * x;
          }
          norm = Math.sqrt(norm);
          for (int j = 0; j < cls.length; j++) {
            cls[j] /= (float) norm;
          }
          out.add(cls);
        }
      }
    }
    return out;
  }

  @Override
  public void close() throws Exception {
    session.close();
    tokenizer.close();
  }
}
