package io.textcluster.features;

import io.textcluster.config.Environment;
import io.textcluster.config.TextClusterException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Spark ML stage for {@code provider = api}: each partition sends its texts to an OpenAI-compatible embeddings
 * endpoint, {@code textsPerRequest} texts a request and at most {@code concurrency} requests in flight per task, and
 * appends the L2-normalised vectors. Texts longer than {@code maxChars} are cut (seed 000 silently drops them; the job
 * counts them with {@link #truncatedCount}). The key is read on the executor from the environment variable named by
 * {@code keyEnv}, so it is never part of the config, the saved model or a log.
 */
public class ApiEmbeddings extends TextEmbedder<ApiEmbeddings> implements DefaultParamsWritable {
  private static final long serialVersionUID = 1L;

  private final Param<String> baseUrl;
  private final Param<String> model;
  private final Param<String> keyEnv;
  private final Param<String> prefix;
  private final IntParam textsPerRequest;
  private final IntParam concurrency;
  private final IntParam maxRetries;
  private final IntParam timeoutSeconds;
  private final IntParam initialBackoffMillis;
  private final IntParam maxChars;

  public ApiEmbeddings() {
    this(Identifiable.randomUID("apiEmbeddings"));
  }

  public ApiEmbeddings(String uid) {
    super(uid, "text column to embed", "column to create with the L2-normalised vector");
    baseUrl = new Param<>(this, "baseUrl", "endpoint base URL; requests go to <baseUrl>/embeddings");
    model = new Param<>(this, "model", "model name sent with every request");
    keyEnv = new Param<>(this, "keyEnv", "NAME of the environment variable holding the API key (empty: no key)");
    prefix = new Param<>(this, "prefix", "text put before every document");
    textsPerRequest = new IntParam(this, "textsPerRequest", "texts sent in one request", ParamValidators.gt(0));
    concurrency = new IntParam(this, "concurrency", "requests in flight at once per task", ParamValidators.gt(0));
    maxRetries = new IntParam(this, "maxRetries", "retries on 429, 5xx and timeouts", ParamValidators.gtEq(0));
    timeoutSeconds = new IntParam(this, "timeoutSeconds", "seconds before a request times out", ParamValidators.gt(0));
    initialBackoffMillis =
        new IntParam(this, "initialBackoffMillis", "first retry waits about this long; doubles each retry",
            ParamValidators.gt(0));
    maxChars = new IntParam(this, "maxChars", "texts are cut to this many characters", ParamValidators.gt(0));
    setDefault(keyEnv, "OPENAI_API_KEY");
    setDefault(prefix, "");
    setDefault(textsPerRequest, 64);
    setDefault(concurrency, 4);
    setDefault(maxRetries, 6);
    setDefault(timeoutSeconds, 60);
    setDefault(initialBackoffMillis, 500);
    setDefault(maxChars, 24000);
  }

  public Param<String> baseUrl() {
    return baseUrl;
  }

  public Param<String> model() {
    return model;
  }

  public Param<String> keyEnv() {
    return keyEnv;
  }

  public Param<String> prefix() {
    return prefix;
  }

  public IntParam textsPerRequest() {
    return textsPerRequest;
  }

  public IntParam concurrency() {
    return concurrency;
  }

  public IntParam maxRetries() {
    return maxRetries;
  }

  public IntParam timeoutSeconds() {
    return timeoutSeconds;
  }

  public IntParam initialBackoffMillis() {
    return initialBackoffMillis;
  }

  public IntParam maxChars() {
    return maxChars;
  }

  public ApiEmbeddings setBaseUrl(String v) {
    set(baseUrl, v);
    return this;
  }

  public ApiEmbeddings setModel(String v) {
    set(model, v);
    return this;
  }

  public ApiEmbeddings setKeyEnv(String v) {
    set(keyEnv, v);
    return this;
  }

  public ApiEmbeddings setPrefix(String v) {
    set(prefix, v);
    return this;
  }

  public ApiEmbeddings setTextsPerRequest(int v) {
    set(textsPerRequest, v);
    return this;
  }

  public ApiEmbeddings setConcurrency(int v) {
    set(concurrency, v);
    return this;
  }

  public ApiEmbeddings setMaxRetries(int v) {
    set(maxRetries, v);
    return this;
  }

  public ApiEmbeddings setTimeoutSeconds(int v) {
    set(timeoutSeconds, v);
    return this;
  }

  public ApiEmbeddings setInitialBackoffMillis(int v) {
    set(initialBackoffMillis, v);
    return this;
  }

  public ApiEmbeddings setMaxChars(int v) {
    set(maxChars, v);
    return this;
  }

  @Override
  protected MapPartitionsFunction<Row, Row> partitionEmbedder(SparkSession spark, int textIndex) {
    return new EmbedPartition(
        new Request(
            $(baseUrl), $(model), $(keyEnv), $(prefix), (Integer) $(textsPerRequest), (Integer) $(concurrency),
            (Integer) $(maxRetries), (Integer) $(timeoutSeconds), (Integer) $(initialBackoffMillis),
            (Integer) $(maxChars), textIndex));
  }

  /** Documents longer than maxChars in {@code dataset}: counted by a built-in expression, no extra UDF. */
  public long truncatedCount(Dataset<?> dataset) {
    return dataset.filter(functions.length(dataset.col(getInputCol())).gt((Integer) $(maxChars))).count();
  }

  public static MLReader<ApiEmbeddings> read() {
    return new DefaultParamsReader<>();
  }

  public static ApiEmbeddings load(String path) {
    return read().load(path);
  }

  /** Plain values shipped to the tasks instead of the Transformer. */
  record Request(
      String baseUrl, String model, String keyEnv, String prefix, int textsPerRequest, int concurrency,
      int maxRetries, int timeoutSeconds, int initialBackoffMillis, int maxChars, int textIndex)
      implements java.io.Serializable {}

  static final class EmbedPartition implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final Request r;

    EmbedPartition(Request r) {
      this.r = r;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) throws Exception {
      EmbeddingsApiClient client =
          new EmbeddingsApiClient(
              r.baseUrl(), r.model(), Environment.variable(r.keyEnv()), r.timeoutSeconds(), r.maxRetries(),
              r.initialBackoffMillis());
      int window = r.textsPerRequest() * r.concurrency();
      long[] embedded = {0};
      return WindowedRows.map(rows, window, chunk -> {
        ExecutorService pool = Executors.newFixedThreadPool(r.concurrency());
        try {
          List<Future<double[][]>> answers = new ArrayList<>();
          for (int start = 0; start < chunk.size(); start += r.textsPerRequest()) {
            List<String> texts = new ArrayList<>();
            for (Row row : chunk.subList(start, Math.min(chunk.size(), start + r.textsPerRequest()))) {
              String text = r.prefix() + row.getString(r.textIndex());
              texts.add(text.length() > r.maxChars() ? text.substring(0, r.maxChars()) : text);
            }
            answers.add(pool.submit(() -> client.embed(texts)));
          }
          List<Row> out = new ArrayList<>(chunk.size());
          int i = 0;
          for (Future<double[][]> answer : answers) {
            for (double[] v : answer.get()) {
              out.add(WindowedRows.withVector(chunk.get(i++), Vectors.dense(EmbeddingVector.normalise(v))));
            }
          }
          embedded[0] += chunk.size();
          return out;
        } catch (ExecutionException e) {
          throw new TextClusterException(
              "The embeddings API failed after this task had embedded " + embedded[0] + " texts: "
                  + e.getCause().getMessage());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new TextClusterException("Embedding was interrupted after " + embedded[0] + " texts of this task.");
        } finally {
          pool.shutdownNow();
        }
      });
    }
  }
}
