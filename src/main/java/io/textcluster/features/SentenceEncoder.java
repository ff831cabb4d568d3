package io.textcluster.features;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.textcluster.config.EmbeddingConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A sentence-embedding model opened in this JVM: ONNX Runtime's session and the model's own HuggingFace tokenizer,
 * with CLS or attention-masked mean pooling and L2 normalisation, the way sentence-transformers computes them. One
 * encoder per model and settings per JVM, shared by the tasks running in it: an ONNX session runs concurrent calls
 * safely, each on its caller's thread when it has one intra-op thread.
 */
final class SentenceEncoder {
  private static final Map<String, SentenceEncoder> OPEN = new ConcurrentHashMap<>();

  private final OrtEnvironment env = OrtEnvironment.getEnvironment();
  private final OrtSession session;
  private final HuggingFaceTokenizer tokenizer;
  private final boolean meanPooling;
  private final ModelSignature signature;
  private final long padId;

  private SentenceEncoder(ModelFiles files, String pooling, int maxLength, int threads) throws OrtException, IOException {
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    options.setIntraOpNumThreads(threads);
    this.session = env.createSession(files.onnx(), options);
    // The tokenizer.json of an export often fixes padding (MiniLM: 128); padding here is per batch, to its longest.
    this.tokenizer =
        HuggingFaceTokenizer.newInstance(
            new ByteArrayInputStream(files.tokenizer()),
            Map.of("truncation", "true", "maxLength", String.valueOf(maxLength), "padding", "false"));
    this.meanPooling = EmbeddingConfig.MEAN.equals(pooling);
    // Input and output names, types and pad id come from the model and its tokenizer: XLM-R style exports have no
    // token_type_ids and pad with 1, not BERT's 0.
    try {
      this.signature = new ModelSignature(session.getInputInfo(), session.getOutputInfo());
    } catch (IllegalArgumentException e) {
      session.close();
      throw new OrtException(e.getMessage());
    }
    this.padId = PaddingToken.id(files.tokenizer());
  }

  /** The encoder of this model and settings in this JVM, opened on first use. */
  static SentenceEncoder of(ModelFiles files, String pooling, int maxLength, int threads) {
    String key = files.sha256() + "|" + pooling + "|" + maxLength + "|" + threads;
    return OPEN.computeIfAbsent(
        key,
        k -> {
          try {
            return new SentenceEncoder(files, pooling, maxLength, threads);
          } catch (OrtException | IOException e) {
            throw new IllegalStateException(
                "ONNX Runtime cannot open the embedding model (sha256 " + files.sha256() + "): " + e.getMessage()
                    + ". The folder must hold an ONNX export of a transformer encoder (BERT, XLM-R, ...) and its "
                    + "tokenizer.json.",
                e);
          }
        });
  }

  /**
   * L2-normalised vectors of {@code texts}, in their order. The texts are tokenised together, then run {@code batchSize}
   * at a time in order of token count, so each ONNX call pads its texts to a length close to their own (as
   * sentence-transformers does): padding is work that produces nothing.
   */
  float[][] embed(List<String> texts, int batchSize) throws OrtException {
    Encoding[] encodings;
    // DJL 0.36 does not promise that one tokenizer encodes safely from several threads; tokenising is a small part
    // of the time next to the model, so the tasks of a JVM take turns.
    synchronized (tokenizer) {
      encodings = tokenizer.batchEncode(texts);
    }
    Integer[] byLength = new Integer[encodings.length];
    for (int i = 0; i < byLength.length; i++) {
      byLength[i] = i;
    }
    java.util.Arrays.sort(byLength, java.util.Comparator.comparingInt(i -> encodings[i].getIds().length));
    float[][] vectors = new float[encodings.length][];
    for (int start = 0; start < byLength.length; start += batchSize) {
      int end = Math.min(byLength.length, start + batchSize);
      run(encodings, java.util.Arrays.copyOfRange(byLength, start, end), vectors);
    }
    return vectors;
  }

  /** One ONNX call over the texts at {@code batch}, padded to the longest of them; vectors go to their index. */
  private void run(Encoding[] encodings, Integer[] batch, float[][] vectors) throws OrtException {
    int width = 1;
    for (int i : batch) {
      width = Math.max(width, encodings[i].getIds().length);
    }
    long[][] ids = new long[batch.length][width];
    long[][] mask = new long[batch.length][width];
    long[][] types = new long[batch.length][width];
    for (int b = 0; b < batch.length; b++) {
      Encoding encoding = encodings[batch[b]];
      int length = encoding.getIds().length;
      java.util.Arrays.fill(ids[b], length, width, padId);
      System.arraycopy(encoding.getIds(), 0, ids[b], 0, length);
      System.arraycopy(encoding.getAttentionMask(), 0, mask[b], 0, length);
      System.arraycopy(encoding.getTypeIds(), 0, types[b], 0, length);
    }
    Map<String, OnnxTensor> inputs = signature.tensors(env, ids, mask, types);
    try (OrtSession.Result result =
        session.run(inputs, java.util.Set.of(signature.output()))) {
      Object value = result.get(0).getValue();
      for (int b = 0; b < batch.length; b++) {
        float[] vector;
        if (signature.pooledByModel()) {
          vector = ((float[][]) value)[b].clone();
        } else {
          float[][] tokens = ((float[][][]) value)[b];
          vector = meanPooling ? maskedMean(tokens, mask[b]) : tokens[0].clone();
        }
        vectors[batch[b]] = normalised(vector);
      }
    } finally {
      inputs.values().forEach(OnnxTensor::close);
    }
  }

  /** The mean of the token vectors the attention mask keeps: padding never counts. */
  private static float[] maskedMean(float[][] tokens, long[] mask) {
    float[] sum = new float[tokens[0].length];
    int kept = 0;
    for (int t = 0; t < tokens.length; t++) {
      if (mask[t] == 0) {
        continue;
      }
      kept++;
      for (int j = 0; j < sum.length; j++) {
        sum[j] += tokens[t][j];
      }
    }
    for (int j = 0; j < sum.length; j++) {
      sum[j] /= Math.max(1, kept);
    }
    return sum;
  }

  private static float[] normalised(float[] v) {
    double norm = 0;
    for (float x : v) {
      norm += (double) x * x;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) {
      for (int j = 0; j < v.length; j++) {
        v[j] /= (float) norm;
      }
    }
    return v;
  }

  /** The padded input ids of {@code texts}, as the model gets them: for tests of the tokenizer's special tokens. */
  long[][] paddedIds(List<String> texts) {
    Encoding[] encodings;
    synchronized (tokenizer) {
      encodings = tokenizer.batchEncode(texts);
    }
    int width = 1;
    for (Encoding e : encodings) {
      width = Math.max(width, e.getIds().length);
    }
    long[][] ids = new long[encodings.length][width];
    for (int b = 0; b < encodings.length; b++) {
      long[] own = encodings[b].getIds();
      System.arraycopy(own, 0, ids[b], 0, own.length);
      java.util.Arrays.fill(ids[b], own.length, width, padId);
    }
    return ids;
  }

  /** The bytes of a model folder's model.onnx and tokenizer.json, shipped to the executors by one broadcast. */
  record ModelFiles(String sha256, byte[] onnx, byte[] tokenizer) implements java.io.Serializable {}
}
