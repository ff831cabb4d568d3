package io.textcluster.text;

import io.textcluster.ml.ColumnTransformer;
import io.textcluster.ml.NonBlank;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Spark ML stage: a text column in, a column of analyzed tokens (array&lt;string&gt;, never null) out. Markup cleaning
 * and a language's Lucene analyzer from {@link LanguageAnalyzers}; saved and loaded with its pipeline.
 */
public class TextAnalyzer extends ColumnTransformer<TextAnalyzer> implements DefaultParamsWritable {

  private static final long serialVersionUID = 1L;

  /** array&lt;string&gt; without null elements: the analyzer never emits a null token. */
  public static final DataType OUTPUT_TYPE = DataTypes.createArrayType(DataTypes.StringType, false);

  // Assigned in the constructor, not at declaration: a Param needs the owner's uid, which only exists by then.
  private final Param<String> language;
  private final BooleanParam stopwords;
  private final BooleanParam stemming;
  private final BooleanParam cleanMarkup;
  private final IntParam maxChars;
  private final Param<String> languageCol;
  /** "column=language" entries, one per line: a plain string, so saved stages compare and print by value. */
  private final Param<String> columnLanguages;

  public TextAnalyzer() {
    this(Identifiable.randomUID("textAnalyzer"));
  }

  /** Used by Spark itself to copy and load the stage. */
  public TextAnalyzer(String uid) {
    super(uid, "column with the raw text (string)", "column to create with the tokens (array<string>)");
    language =
        new Param<>(
            this,
            "language",
            "analyzer language: auto (detected per document) or a name or ISO code of: "
                + String.join(", ", LanguageRegistry.NAMES),
            new KnownLanguage());
    languageCol =
        new Param<>(
            this, "languageCol", "column to create with each document's detected language (language = auto)",
            new NonBlank());
    stopwords = new BooleanParam(this, "stopwords", "remove the language's stop words");
    stemming =
        new BooleanParam(this, "stemming", "reduce words to stems or dictionary forms (Japanese: lemmas)");
    cleanMarkup =
        new BooleanParam(this, "cleanMarkup", "decode HTML entities and strip tags before analysis");
    maxChars =
        new IntParam(
            this,
            "maxChars",
            "analyze at most this many characters of each document, so one huge document cannot stall a task",
            ParamValidators.gt(0));
    setDefault(inputCol(), "text");
    setDefault(outputCol(), "tokens");
    setDefault(language, "english");
    setDefault(stopwords, true);
    setDefault(stemming, true);
    setDefault(cleanMarkup, true);
    setDefault(maxChars, 100_000);
    columnLanguages =
        new Param<>(
            this, "columnLanguages",
            "column=language lines: analyse each column in its language and join the tokens (inputCol unused)");
    setDefault(languageCol, "language");
    setDefault(columnLanguages, "");
  }

  // Spark finds params through public no-argument methods returning a Param, hence these accessors.

  public Param<String> language() {
    return language;
  }

  public BooleanParam stopwords() {
    return stopwords;
  }

  public BooleanParam stemming() {
    return stemming;
  }

  public BooleanParam cleanMarkup() {
    return cleanMarkup;
  }

  public IntParam maxChars() {
    return maxChars;
  }

  public Param<String> languageCol() {
    return languageCol;
  }

  public String getLanguageCol() {
    return $(languageCol);
  }

  public TextAnalyzer setLanguageCol(String value) {
    set(languageCol, value);
    return this;
  }

  public Param<String> columnLanguages() {
    return columnLanguages;
  }

  public String[] getColumnLanguages() {
    String lines = $(columnLanguages);
    return lines.isEmpty() ? new String[0] : lines.split("\n");
  }

  /** Entries "column=language" ({@link ColumnLanguages}); empty: analyse inputCol in the one language. */
  public TextAnalyzer setColumnLanguages(java.util.List<String> entries) {
    ColumnLanguages.parse(entries);
    set(columnLanguages, String.join("\n", entries));
    return this;
  }

  /** True when each document's language is detected rather than configured. */
  public boolean isAuto() {
    return LanguageRegistry.AUTO.equalsIgnoreCase(getLanguage());
  }

  public String getLanguage() {
    return $(language);
  }

  public boolean getStopwords() {
    return (Boolean) $(stopwords);
  }

  public boolean getStemming() {
    return (Boolean) $(stemming);
  }

  public boolean getCleanMarkup() {
    return (Boolean) $(cleanMarkup);
  }

  public int getMaxChars() {
    return (Integer) $(maxChars);
  }

  /** Takes a name or ISO code ("fa", "Persian") or auto, and keeps the canonical name. */
  public TextAnalyzer setLanguage(String value) {
    set(language, LanguageRegistry.AUTO.equalsIgnoreCase(value == null ? "" : value.trim())
        ? LanguageRegistry.AUTO
        : LanguageRegistry.find(value).orElse(value));
    return this;
  }

  public TextAnalyzer setStopwords(boolean value) {
    set(stopwords, value);
    return this;
  }

  public TextAnalyzer setStemming(boolean value) {
    set(stemming, value);
    return this;
  }

  public TextAnalyzer setCleanMarkup(boolean value) {
    set(cleanMarkup, value);
    return this;
  }

  public TextAnalyzer setMaxChars(int value) {
    set(maxChars, value);
    return this;
  }

  @Override
  public StructType transformSchema(StructType schema) {
    String out = getOutputCol();
    List<String> names = Arrays.asList(schema.fieldNames());
    if (getColumnLanguages().length > 0) {
      for (String column : ColumnLanguages.parse(Arrays.asList(getColumnLanguages())).keySet()) {
        requireString(schema, names, column);
      }
      if (names.contains(out)) {
        throw new IllegalArgumentException("Output column " + out + " already exists.");
      }
      return schema.add(new StructField(out, OUTPUT_TYPE, false, org.apache.spark.sql.types.Metadata.empty()));
    }
    String in = getInputCol();
    requireString(schema, names, in);
    if (names.contains(out)) {
      throw new IllegalArgumentException("Output column " + out + " already exists.");
    }
    StructType withTokens =
        schema.add(new StructField(out, OUTPUT_TYPE, false, org.apache.spark.sql.types.Metadata.empty()));
    if (!isAuto()) {
      return withTokens;
    }
    if (names.contains(getLanguageCol())) {
      throw new IllegalArgumentException("Language column " + getLanguageCol() + " already exists.");
    }
    return withTokens.add(
        new StructField(getLanguageCol(), DataTypes.StringType, false, org.apache.spark.sql.types.Metadata.empty()));
  }

  private static void requireString(StructType schema, List<String> names, String in) {
    requireColumn(schema, in);
    DataType actual = schema.apply(in).dataType();
    if (!DataTypes.StringType.equals(actual)) {
      throw new IllegalArgumentException(
          "Column " + in + " must be of type string but was actually " + actual.catalogString() + ".");
    }
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    if (getColumnLanguages().length > 0) {
      return ColumnLanguages.transform(
          dataset, ColumnLanguages.parse(Arrays.asList(getColumnLanguages())), getOutputCol(), getStopwords(),
          getStemming(), getCleanMarkup(), getMaxChars());
    }
    if (isAuto()) {
      // Nondeterministic only to keep Spark from collapsing the two field reads below into two calls of the UDF
      // (detection and analysis would then run twice per document); the result is the same for the same text.
      UserDefinedFunction detectAndAnalyze =
          functions
              .udf(
                  new DetectAndAnalyze(getStopwords(), getStemming(), getCleanMarkup(), getMaxChars()),
                  DetectAndAnalyze.OUTPUT_TYPE)
              .asNonNullable()
              .asNondeterministic()
              .withName("detect_and_analyze");
      String both = "_" + uid() + "_language_tokens";
      return dataset
          .withColumn(both, detectAndAnalyze.apply(dataset.col(getInputCol())))
          .withColumn(getOutputCol(), functions.col(both).getField("tokens"))
          .withColumn(getLanguageCol(), functions.col(both).getField("language"))
          .drop(both);
    }
    UserDefinedFunction analyze =
        functions
            .udf(
                new AnalyzeText(getLanguage(), getStopwords(), getStemming(), getCleanMarkup(), getMaxChars()),
                OUTPUT_TYPE)
            .asNonNullable()
            .withName("analyze_" + getLanguage());
    return dataset.withColumn(getOutputCol(), analyze.apply(dataset.col(getInputCol())));
  }

  public static MLReader<TextAnalyzer> read() {
    return new DefaultParamsReader<>();
  }

  public static TextAnalyzer load(String path) {
    return read().load(path);
  }

  /** Accepts "auto" and every language name or ISO code that {@link LanguageRegistry} knows. */
  static final class KnownLanguage extends scala.runtime.AbstractFunction1<String, Object>
      implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public Object apply(String language) {
      return LanguageRegistry.isValidSetting(language);
    }
  }

  /**
   * The function shipped to executors. Holds the parameter values only, so the closure serializes a few bytes rather
   * than the Transformer; the analyzer itself is looked up in the executor JVM's cache on first use.
   */
  static final class AnalyzeText implements UDF1<String, String[]> {

    private static final long serialVersionUID = 1L;
    private static final String[] NONE = new String[0];

    private final String language;
    private final boolean stopwords;
    private final boolean stemming;
    private final boolean cleanMarkup;
    private final int maxChars;
    private transient Analyzer analyzer;

    AnalyzeText(String language, boolean stopwords, boolean stemming, boolean cleanMarkup, int maxChars) {
      this.language = language;
      this.stopwords = stopwords;
      this.stemming = stemming;
      this.cleanMarkup = cleanMarkup;
      this.maxChars = maxChars;
    }

    @Override
    public String[] call(String text) {
      if (text == null || text.isEmpty()) {
        return NONE;
      }
      String s = truncate(text, maxChars);
      if (cleanMarkup) {
        s = MarkupCleaner.clean(s);
      }
      if (analyzer == null) {
        analyzer = LanguageAnalyzers.create(language, stopwords, stemming);
      }
      return LanguageAnalyzers.analyze(analyzer, s).toArray(NONE);
    }

    /** Cuts before maxChars without splitting a surrogate pair into an unpaired half. */
    static String truncate(String text, int maxChars) {
      if (text.length() <= maxChars) {
        return text;
      }
      int end = maxChars;
      if (Character.isHighSurrogate(text.charAt(end - 1))) {
        end--;
      }
      return text.substring(0, end);
    }
  }
}
