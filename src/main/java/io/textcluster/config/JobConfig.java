package io.textcluster.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One run's configuration: immutable, fully validated before the first Spark job. Built from conf/defaults.conf (in
 * the jar), the user's HOCON file, and --set overrides, in that order.
 */
public final class JobConfig {
  private static final String DEFAULTS_RESOURCE = "io/textcluster/defaults.conf";
  private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(secret|password|token|api-key|apikey).*");
  private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
  private static final Pattern DATABASE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");
  private static final Pattern LOOKS_TYPED =
      Pattern.compile("^(\\[.*\\]|\\{.*\\}|true|false|null|-?\\d+(\\.\\d+)?([eE]-?\\d+)?)$");

  private final Config merged;
  private final InputConfig input;
  private final TextConfig text;
  private final FeaturesConfig features;
  private final ClusterConfig cluster;
  private final ClusterControl clusterControl;
  private final KeywordConfig keywords;
  private final DescribeConfig describe;
  private final EvaluateConfig evaluate;
  private final OutputConfig output;
  private final ReportConfig report;
  private final Optional<String> matchRun;
  private final NightlyConfig nightly;

  private JobConfig(Config merged, String baseLocation) {
    this.merged = merged;
    TypedConfig c = new TypedConfig(merged);
    this.input = InputConfigReader.read(c, baseLocation);
    this.text =
        new TextConfig(
            TextConfig.language(c.string("text.language")),
            // "column:language" entries in input.text-columns (config/TextColumns).
            TextColumns.parse(c.stringList("input.text-columns"), c.string("text.language")).columnLanguages(),
            c.bool("text.stopwords"),
            c.bool("text.stemming"),
            c.bool("text.clean-markup"),
            c.intAtLeast("text.max-chars", 100));
    this.features = readFeatures(c);
    this.cluster = ClusterConfigReader.read(c);
    this.clusterControl = ClusterControl.read(c, cluster);
    this.keywords = KeywordConfig.read(c);
    this.describe =
        new DescribeConfig(
            c.intAtLeast("describe.keywords", 1),
            c.intAtLeast("describe.representatives", 0),
            c.intAtLeast("describe.snippet-chars", 20),
            c.bool("describe.bigrams"),
            c.intAtLeast("describe.samples", 0),
            c.intAtLeast("describe.sample-seed", 0),
            c.intAtLeast("describe.top-values", 0),
            c.intAtLeast("describe.vocabulary-labels", 0),
            c.intAtLeast("describe.label-vocabulary-size", 1),
            readNaming(c));
    this.evaluate =
        new EvaluateConfig(
            c.bool("evaluate.silhouette"),
            c.intAtLeast("evaluate.sample-size", 2),
            c.intAtLeast("evaluate.sample-seed", 0));
    this.output =
        new OutputConfig(
            c.string("output.path"),
            c.oneOf("output.format", OutputConfig.DELTA, OutputConfig.PARQUET),
            c.bool("output.save-model"),
            readDatabase(c));
    this.report = readReport(c);
    this.nightly = NightlyConfig.read(c);
    this.matchRun = c.optionalString("cluster.match-run");
    matchRun.ifPresent(
        id -> {
          if (!RUN_ID.matcher(id).matches()) {
            throw InvalidConfigException.badValue(
                "cluster.match-run", id, "the id of an earlier run in this lake (1-128 letters, digits, '_', '-' or "
                    + "'.'), or \"\" for no matching");
          }
        });
  }

  static ReportConfig readReport(TypedConfig c) {
    int mapPoints = c.intAtLeast("report.map-points", 0);
    if (mapPoints > ReportConfig.MAX_MAP_POINTS) {
      throw InvalidConfigException.badValue(
          "report.map-points", mapPoints, "a whole number from 0 to " + ReportConfig.MAX_MAP_POINTS);
    }
    return new ReportConfig(
        c.bool("report.enabled"), mapPoints, c.intAtLeast("report.text-chars", 20),
        c.intAtLeast("report.tsne-iterations", 50),
        c.oneOf("report.map-layout", ReportConfig.LAYOUTS.toArray(String[]::new)));
  }

  /** Loads a config file, applies {@code key=value} overrides and validates everything. */
  public static JobConfig load(Path file, Map<String, String> overrides) {
    if (!Files.isRegularFile(file)) {
      throw new InvalidConfigException(
          "Config file " + file.toAbsolutePath() + " does not exist; pass an existing HOCON file with --config "
              + "(examples are in conf/examples/).");
    }
    Config user;
    try {
      user = ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
    } catch (com.typesafe.config.ConfigException e) {
      throw new InvalidConfigException("Config file " + file + " is not valid HOCON: " + e.getMessage());
    }
    Path baseDir = file.toAbsolutePath().getParent();
    return fromConfig(applyOverrides(user, overrides), baseDir);
  }

  /**
   * The config a finished run recorded (its runs row's JSON), with {@code key=value} overrides: what `predict` uses
   * to read new documents as the run read its own. Input paths in it are already absolute (see {@link
   * #redactedJson()}); relative override paths resolve against the working directory.
   */
  public static JobConfig fromRunRecord(String json, Map<String, String> overrides) {
    Config recorded;
    try {
      recorded = ConfigFactory.parseString(json, ConfigParseOptions.defaults().setSyntax(ConfigSyntax.JSON));
    } catch (com.typesafe.config.ConfigException e) {
      throw new InvalidConfigException("The run's recorded config is not valid JSON: " + e.getMessage());
    }
    if (overrides.containsKey("input.path")) {
      // A new input replaces the recorded one entirely: a table or a time-travel version would otherwise linger.
      recorded = recorded.withoutPath("input.table").withoutPath("input.version").withoutPath("input.timestamp");
    }
    return fromConfig(applyOverrides(recorded, overrides), Path.of("").toAbsolutePath());
  }

  /**
   * Parses a config read from anywhere (an object store, HDFS, a Databricks volume), applies {@code key=value} overrides
   * and validates everything. Relative input paths resolve against {@code baseLocation}, the URI of the file's folder.
   */
  public static JobConfig parse(String hocon, String origin, String baseLocation, Map<String, String> overrides) {
    Config user;
    try {
      user = ConfigFactory.parseString(hocon, ConfigParseOptions.defaults().setOriginDescription(origin));
    } catch (com.typesafe.config.ConfigException e) {
      throw new InvalidConfigException("Config file " + origin + " is not valid HOCON: " + e.getMessage());
    }
    return fromConfig(applyOverrides(user, overrides), baseLocation);
  }

  /** Validates an already parsed config; relative input paths resolve against {@code baseDir}. */
  public static JobConfig fromConfig(Config user, Path baseDir) {
    return fromConfig(user, baseDir == null ? null : baseDir.toString());
  }

  private static JobConfig fromConfig(Config user, String baseLocation) {
    Config defaults = defaults();
    Set<String> known = ConfigKeys.leafPaths(defaults.root());
    ConfigKeys.rejectUnknown(user.root(), known);
    Config merged;
    try {
      merged = user.withFallback(defaults).resolve();
    } catch (com.typesafe.config.ConfigException e) {
      throw new InvalidConfigException("Config could not be resolved: " + e.getMessage());
    }
    JobConfig config = new JobConfig(merged, baseLocation);
    // issue 19: a kept column may not carry a name the run writes itself (language with text.language = auto).
    ReservedColumns.check(merged.getStringList("input.keep-columns"), config.nightly().timeColumn(), config.text());
    ClusterMethodSettings.rejectOtherMethods(user, merged, defaults, config.cluster().algorithm());
    return config;
  }

  public static Config defaults() {
    ClassLoader loader = JobConfig.class.getClassLoader();
    try (var stream = loader.getResourceAsStream(DEFAULTS_RESOURCE)) {
      if (stream == null) {
        throw new IllegalStateException(DEFAULTS_RESOURCE + " is missing from the classpath: rebuild the jar");
      }
      try (Reader reader = new InputStreamReader(stream, StandardCharsets.UTF_8)) {
        return ConfigFactory.parseReader(reader, ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF));
      }
    } catch (java.io.IOException e) {
      throw new IllegalStateException("Cannot read " + DEFAULTS_RESOURCE, e);
    }
  }

  static Config applyOverrides(Config user, Map<String, String> overrides) {
    Config result = user;
    for (Map.Entry<String, String> entry : overrides.entrySet()) {
      result = result.withValue(entry.getKey().trim(), parseOverride(entry.getKey(), entry.getValue()));
    }
    return result;
  }

  /**
   * Lists, objects, numbers and booleans are parsed as HOCON; anything else is taken as a plain string, so that
   * {@code --set input.path=s3a://bucket/x} is not cut at the "//" that HOCON reads as a comment.
   */
  private static ConfigValue parseOverride(String key, String raw) {
    String value = raw.trim();
    if (value.equals("null")) {
      return ConfigValueFactory.fromAnyRef(null);
    }
    if (LOOKS_TYPED.matcher(value).matches()) {
      try {
        return ConfigFactory.parseString("v = " + value).getValue("v");
      } catch (com.typesafe.config.ConfigException e) {
        throw new InvalidConfigException("--set " + key + "=" + raw + " is not a valid value: " + e.getMessage());
      }
    }
    return ConfigValueFactory.fromAnyRef(value);
  }

  private static FeaturesConfig readFeatures(TypedConfig c) {
    String type = c.oneOf("features.type", FeaturesConfig.TFIDF, FeaturesConfig.EMBEDDING, FeaturesConfig.COLUMNS);
    List<String> featureColumns = c.stringList("features.columns");
    if (type.equals(FeaturesConfig.COLUMNS) && featureColumns.isEmpty()) {
      throw new InvalidConfigException(
          "Config key 'features.columns' is required when features.type = columns: the numeric columns to cluster on, "
              + "e.g. [\"pixel_*\"] (globs allowed).");
    }
    String vocabulary =
        c.oneOf(
            "features.tfidf.vocabulary", FeaturesConfig.COUNT_VOCABULARY, FeaturesConfig.HASHING_VOCABULARY);
    double minDf = c.positiveDouble("features.tfidf.min-doc-freq");
    double maxDf = c.positiveDouble("features.tfidf.max-doc-freq");
    if (minDf < 1 && maxDf < 1 && minDf > maxDf || minDf >= 1 && maxDf >= 1 && minDf > maxDf) {
      throw new InvalidConfigException(
          "Config key 'features.tfidf.min-doc-freq' (" + minDf + ") is above 'features.tfidf.max-doc-freq' ("
              + maxDf + "); no term could be kept. Lower min-doc-freq or raise max-doc-freq.");
    }
    return new FeaturesConfig(
        type,
        vocabulary,
        c.intAtLeast("features.tfidf.vocabulary-size", 2),
        minDf,
        maxDf,
        c.intAtLeast("features.tfidf.hashing-buckets", 16),
        c.bool("features.lsa.enabled"),
        c.intAtLeast("features.lsa.dimensions", 2),
        EmbeddingConfigReader.read(c, type.equals(FeaturesConfig.EMBEDDING)),
        featureColumns);
  }

  /** output.database: "" (paths only), "db" (Hive metastore / session catalog) or "catalog.schema" (Unity Catalog). */
  private static Optional<String> readDatabase(TypedConfig c) {
    Optional<String> given = c.optionalString("output.database");
    if (given.isEmpty()) {
      return Optional.empty();
    }
    String database = given.get();
    if (!DATABASE.matcher(database).matches()) {
      throw InvalidConfigException.badValue(
          "output.database", database, "\"\" for no catalog tables, a database name such as \"textcluster\", or "
              + "catalog.schema such as \"main.textcluster\" (letters, digits and '_')");
    }
    return Optional.of(database);
  }

  public InputConfig input() {
    return input;
  }

  public TextConfig text() {
    return text;
  }

  public FeaturesConfig features() {
    return features;
  }

  /** describe.exclude-terms, boilerplate-share, keyword-diversity. */
  public KeywordConfig keywords() {
    return keywords;
  }

  /** cluster.reduction, cluster.density.noise*, cluster.reduce-to. */
  public ClusterControl clusterControl() {
    return clusterControl;
  }

  public ClusterConfig cluster() {
    return cluster;
  }

  private static NamingConfig readNaming(TypedConfig c) {
    String method = c.oneOf("describe.naming", NamingConfig.KEYWORDS, NamingConfig.LLM);
    String baseUrl = c.optionalString("describe.llm.base-url").orElse("").trim();
    String model = c.optionalString("describe.llm.model").orElse("").trim();
    if (method.equals(NamingConfig.LLM)) {
      if (!baseUrl.matches("(?i)https?://.+")) {
        throw InvalidConfigException.badValue(
            "describe.llm.base-url", baseUrl, "an http(s) URL of an OpenAI-compatible API when describe.naming = llm"
                + " (e.g. \"https://api.openai.com/v1\")");
      }
      if (model.isEmpty()) {
        throw InvalidConfigException.badValue(
            "describe.llm.model", model, "a model name when describe.naming = llm (e.g. \"gpt-4o-mini\")");
      }
    }
    return new NamingConfig(
        method,
        baseUrl,
        model,
        c.optionalString("describe.llm.api-key-env").orElse("").trim(),
        c.intAtLeast("describe.llm.max-requests", 0),
        c.intAtLeast("describe.llm.timeout-seconds", 1),
        c.intAtLeast("describe.llm.max-retries", 0),
        c.intAtLeast("describe.llm.initial-backoff-ms", 1),
        c.optionalString("describe.llm.cache-path").orElse("").trim());
  }

  public DescribeConfig describe() {
    return describe;
  }

  public EvaluateConfig evaluate() {
    return evaluate;
  }

  public OutputConfig output() {
    return output;
  }

  public ReportConfig report() {
    return report;
  }

  /**
   * Fails when a config key names an API-key environment variable that this run will use but that is not set: a
   * config error (exit 2) before Spark starts, instead of an hour of embedding requests answered 401 or clusters
   * silently keeping their keyword names. Only the variable's name is ever printed, never a value.
   *
   * @param environment the variable lookup ({@link Environment#variable} in the application)
   */
  public void requireApiKeys(java.util.function.Function<String, String> environment) {
    EmbeddingConfig embedding = features.embedding();
    if (features.type().equals(FeaturesConfig.EMBEDDING) && embedding.provider().equals(EmbeddingConfig.API)) {
      requireSet("features.embedding.api.key-env", embedding.api().keyEnv(), environment);
    }
    if (describe.naming().usesLlm()) {
      requireSet("describe.llm.api-key-env", describe.naming().apiKeyEnv(), environment);
    }
  }

  private static void requireSet(
      String key, String variable, java.util.function.Function<String, String> environment) {
    if (variable.isEmpty()) {
      return;
    }
    String value = environment.apply(variable);
    if (value == null || value.isBlank()) {
      throw new InvalidConfigException(
          "Config key '" + key + "' names the environment variable " + variable + ", which is not set. Set it "
              + "where the job runs (export " + variable + "=<your key>; on a cluster also in the executors' environment, "
              + "e.g. from a Kubernetes secret), name another variable in '" + key + "', or set '"
              + key + " = \"\"' for an endpoint that needs no key.");
    }
  }

  /** cluster.match-run: the earlier run whose cluster ids this run's clusters take where they match; empty = off. */
  public Optional<String> matchRun() {
    return matchRun;
  }

  /** Lineage, trends and novelty settings. */
  public NightlyConfig nightly() {
    return nightly;
  }

  /** The effective config as JSON with any secret-looking key masked: what the runs table keeps. */
  public String redactedJson() {
    Config redacted = merged;
    if (!input.paths().isEmpty()) {
      // Resolved against the config file's folder, so the record says which files were read (and predict can read
      // them again) whatever directory the run started in.
      redacted = redacted.withValue("input.path", ConfigValueFactory.fromIterable(input.paths()));
    }
    for (Map.Entry<String, ConfigValue> entry : merged.entrySet()) {
      if (SECRET_KEY.matcher(entry.getKey()).matches()) {
        redacted = redacted.withValue(entry.getKey(), ConfigValueFactory.fromAnyRef("***"));
      }
    }
    return redacted.root().render(ConfigRenderOptions.concise());
  }
}
