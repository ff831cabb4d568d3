package io.textcluster.io;

import io.textcluster.schema.Columns;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.trim;

import io.textcluster.config.InputConfig;
import io.textcluster.config.TextClusterException;
import io.textcluster.config.TextTemplate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Reads a corpus from the lake (CSV, JSON Lines, Parquet, Delta by path or table, with time travel) and shapes it
 * into the columns every later stage expects: doc_id, text, label, kept metadata. Rows whose text columns are all
 * empty are counted and dropped, never silently.
 */
public final class CorpusReader {
  static final String HAS_TEXT = "_has_text";
  /** Spark's column for rows that do not parse (CSV and JSON, mode PERMISSIVE); the raw line is kept in it. */
  static final String CORRUPT = "_corrupt_record";

  private final SparkSession spark;

  public CorpusReader(SparkSession spark) {
    this.spark = spark;
  }

  public Corpus read(InputConfig input) {
    return read(input, List.of());
  }

  /**
   * Reads the corpus and also passes through the numeric feature columns of {@code features.type = columns}
   * ({@code featureColumns} may hold globs such as pixel_*, expanded in the input's column order).
   */
  public Corpus read(InputConfig input, List<String> featureColumns) {
    Dataset<Row> raw = load(input);
    List<String> available = Arrays.asList(raw.columns());
    if (available.equals(List.of("_corrupt_record"))) {
      throw new TextClusterException(
          "The input " + input.describe() + " does not parse as " + input.format() + ": every row is a corrupt "
              + "record. Check 'input.format'.");
    }
    List<String> numeric = expandColumns(available, featureColumns);
    InputChecks.requireStringText(raw.schema(), input);
    input.idColumn().ifPresent(c -> requireColumn(available, c, "input.id-column"));
    input.textColumns().forEach(c -> requireColumn(available, c, "input.text-columns"));
    input.labelColumn().ifPresent(c -> requireColumn(available, c, "input.label-column"));
    // Kept columns named like the run's own are refused with the config (config/ReservedColumns, issue 19).
    for (String kept : input.keepColumns()) {
      requireColumn(available, kept, "input.keep-columns");
    }

    // Numeric-only corpora have no text: every row is a document, and the text column is empty.
    Column text = input.textColumns().isEmpty() ? lit("") : document(input);
    Column anyText = input.textColumns().isEmpty() ? lit(true) : length(concat_ws("", input.textColumns().stream().map(c -> trim(col(q(c)).cast("string"))).toArray(Column[]::new))).gt(0);
    List<Column> shaped = new ArrayList<>();
    shaped.add(docId(input).as(Columns.DOC_ID));
    shaped.add(text.as(Columns.TEXT));
    // A blank label is no label: such documents are left out of the external metrics, not scored as a class.
    input.labelColumn().ifPresent(c -> shaped.add(
        org.apache.spark.sql.functions.expr("nullif(trim(cast(" + q(c) + " as string)), '')").as(Columns.LABEL)));
    input.keepColumns().forEach(c -> shaped.add(col(q(c))));
    // issue 19: per-column languages analyse each text column on its own (config/TextColumns.carried).
    if (input.carryTextColumns()) {
      for (int i = 0; i < input.textColumns().size(); i++) {
        shaped.add(col(q(input.textColumns().get(i))).cast("string").as(io.textcluster.config.TextColumns.carried(i)));
      }
    }
    numeric.stream().filter(c -> !input.keepColumns().contains(c)).forEach(c -> shaped.add(col(q(c))));
    shaped.add(anyText.as(HAS_TEXT));
    shaped.add((available.contains(CORRUPT) ? col(CORRUPT) : lit(null).cast("string")).as(CORRUPT));

    // Materialised once: the counts and every later stage read the same rows (CSV inference is not repeatable cheaply).
    Dataset<Row> withFlag = raw.select(shaped.toArray(Column[]::new)).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      InputCounts counts = InputCounts.of(withFlag, input);
      InputChecks.applyPolicies(withFlag, counts, input);
      Dataset<Row> documents = withFlag
          .filter(col(HAS_TEXT).and(col(CORRUPT).isNull()).and(col(Columns.DOC_ID).isNotNull()))
          .drop(HAS_TEXT, CORRUPT);
      if (counts.duplicateIdRows() > 0) {
        documents = DuplicateIds.resolve(documents, counts, input);
      }
      return new Corpus(
          documents,
          input.labelColumn().isPresent(),
          input.keepColumns(),
          counts,
          input.describe(),
          DeltaInput.versionRead(spark, input),
          withFlag);
    } catch (RuntimeException e) {
      withFlag.unpersist();
      throw e instanceof TextClusterException ? e : unreadable(input, e);
    }
  }

  private Dataset<Row> load(InputConfig input) {
    try {
      if (input.format().equals("delta")) {
        return DeltaInput.read(spark, input);
      }
      if (input.table().isPresent()) {
        return spark.table(input.table().get());
      }
      DataFrameReader reader = spark.read().format(input.format());
      if (input.format().equals("csv")) {
        reader =
            reader
                .option("header", input.csvHeader())
                .option("multiLine", input.csvMultiLine())
                .option("sep", input.csvDelimiter())
                .option("encoding", input.csvEncoding())
                // RFC 4180: a quote inside a quoted field is written twice.
                .option("quote", "\"")
                .option("escape", "\"")
                .option("inferSchema", true);
        // Read twice: the inferred schema plus Spark's corrupt-record column, so a ragged row is counted and shown
        // (input.malformed), as JSON's broken lines are, instead of failing with advice about a Spark option.
        org.apache.spark.sql.types.StructType inferred =
            reader.option("mode", "DROPMALFORMED").load(input.paths().toArray(String[]::new)).schema();
        return reader
            .schema(inferred.add(CORRUPT, org.apache.spark.sql.types.DataTypes.StringType))
            .option("mode", "PERMISSIVE")
            .option("columnNameOfCorruptRecord", CORRUPT)
            .load(input.paths().toArray(String[]::new));
      }
      if (input.format().equals("json")) {
        reader = reader.option("mode", "PERMISSIVE").option("columnNameOfCorruptRecord", CORRUPT);
      }
      return reader.load(input.paths().toArray(String[]::new));
    } catch (TextClusterException clear) {
      throw clear;
    } catch (Exception e) {
      throw unreadable(input, e);
    }
  }

  static TextClusterException unreadable(InputConfig input, Exception e) {
    String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (e instanceof AnalysisException && reason.contains("PATH_NOT_FOUND")) {
      return new TextClusterException(
          "The input path does not exist: " + input.paths() + ". Fix 'input.path' (relative paths are resolved "
              + "against the config file's folder).", e);
    }
    if (reason.contains("Malformed records are detected") || reason.contains("MALFORMED_RECORD")) {
      return new TextClusterException(
          "The input " + input.describe() + " has rows that do not parse as " + input.format() + " ("
              + firstLine(reason) + "). Check 'input.format' and the 'input.csv.*' settings.", e);
    }
    if (reason.contains("UNABLE_TO_INFER_SCHEMA") || reason.contains("Unable to infer schema")) {
      return new TextClusterException(
          "The input " + input.describe() + " holds no readable " + input.format() + " files (empty folder or "
              + "wrong 'input.format').", e);
    }
    return new TextClusterException(
        "Cannot read the input " + input.describe() + " as " + input.format() + ": " + firstLine(reason)
            + ". Check 'input.format' and 'input.path'.", e);
  }

  private static String firstLine(String text) {
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }

  private static Column document(InputConfig input) {
    Optional<String> template = input.textTemplate();
    if (template.isEmpty()) {
      String joined =
          input.textColumns().stream()
              .map(c -> "nullif(trim(cast(" + q(c) + " as string)), '')")
              .reduce((a, b) -> a + ", " + b)
              .orElseThrow();
      return org.apache.spark.sql.functions.expr("concat_ws('. ', " + joined + ")");
    }
    List<String> parts = TextTemplate.parts(template.get());
    List<Column> pieces = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      if (i % 2 == 0) {
        pieces.add(lit(parts.get(i)));
      } else {
        pieces.add(coalesce(trim(col(q(parts.get(i))).cast("string")), lit("")));
      }
    }
    return concat(pieces.toArray(Column[]::new));
  }

  /** A stable id: the configured column, or a hash of the text and kept columns (same data, same id, every run). */
  private static Column docId(InputConfig input) {
    if (input.idColumn().isPresent()) {
      // A blank id is a missing id (input.missing-ids), never an id shared by every blank row.
      return org.apache.spark.sql.functions.expr("nullif(trim(cast(" + q(input.idColumn().get()) + " as string)), '')");
    }
    List<Column> identity = new ArrayList<>();
    input.textColumns().forEach(c -> identity.add(coalesce(col(q(c)).cast("string"), lit(""))));
    input.keepColumns().forEach(c -> identity.add(coalesce(col(q(c)).cast("string"), lit(""))));
    return sha2(concat_ws("\u0001", identity.toArray(Column[]::new)), 256).substr(1, 20);
  }

  /** Expands globs (* and ?) against the input's columns; a name or glob matching nothing is a config error. */
  public static List<String> expandColumns(List<String> available, List<String> patterns) {
    List<String> expanded = new ArrayList<>();
    for (String pattern : patterns) {
      String regex = ("\\Q" + pattern + "\\E").replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q");
      List<String> matches = available.stream().filter(c -> c.matches(regex)).toList();
      if (matches.isEmpty()) {
        throw new TextClusterException(
            "Config key 'features.columns' names '" + pattern + "', which matches no column of the input. "
                + "Its columns are: " + String.join(", ", available) + ".");
      }
      matches.stream().filter(c -> !expanded.contains(c)).forEach(expanded::add);
    }
    return expanded;
  }

  static void requireColumn(List<String> available, String column, String key) {
    if (available.stream().noneMatch(c -> c.equalsIgnoreCase(column))) {
      throw new TextClusterException(
          "Config key '" + key + "' names the column '" + column + "', which the input does not have. "
              + "Its columns are: " + String.join(", ", available) + ".");
    }
  }

  /** Back-quotes a column name so names with spaces or dots work. */
  static String q(String column) {
    return "`" + column.replace("`", "``") + "`";
  }
}
