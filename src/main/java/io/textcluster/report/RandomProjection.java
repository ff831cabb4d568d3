package io.textcluster.report;

import io.textcluster.ml.ColumnTransformer;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;

/**
 * Spark ML stage: a vector column (sparse TF-IDF with up to hundreds of thousands of terms, or dense LSA) in, a short
 * dense vector out, by a seeded random +-1 projection (Achlioptas 2003), which keeps distances within a few percent.
 * PCA needs a d x d covariance on the driver; projecting first makes that 64 x 64 whatever the vocabulary. The
 * projection matrix is never stored: each entry is a hash of (seed, term index, block), so executors need no
 * broadcast and a saved stage is only its params.
 */
public class RandomProjection extends ColumnTransformer<RandomProjection> implements DefaultParamsWritable {
  private static final long serialVersionUID = 1L;

  private final IntParam dimensions;
  private final LongParam seed;

  public RandomProjection() {
    this(Identifiable.randomUID("randomProjection"));
  }

  public RandomProjection(String uid) {
    super(uid, "vector column to project", "column to create with the projected dense vector");
    dimensions = new IntParam(this, "dimensions", "dimensions of the projection (1 to 1024)",
        ParamValidators.inRange(1, 1024));
    seed = new LongParam(this, "seed", "seed of the projection matrix");
    setDefault(inputCol(), "features");
    setDefault(outputCol(), "projected");
    setDefault(dimensions, 64);
    setDefault(seed, 42L);
  }

  public IntParam dimensions() {
    return dimensions;
  }

  public LongParam seed() {
    return seed;
  }

  public RandomProjection setDimensions(int value) {
    set(dimensions, value);
    return this;
  }

  public RandomProjection setSeed(long value) {
    set(seed, value);
    return this;
  }

  @Override
  public StructType transformSchema(StructType schema) {
    String in = getInputCol();
    requireColumn(schema, in);
    if (!schema.apply(in).dataType().equals(SQLDataTypes.VectorType())) {
      throw new IllegalArgumentException("Column " + in + " must be of type vector but was actually "
          + schema.apply(in).dataType().catalogString() + ".");
    }
    return schema.add(getOutputCol(), SQLDataTypes.VectorType(), true);
  }

  @Override
  public Dataset<Row> transform(Dataset<?> dataset) {
    transformSchema(dataset.schema());
    int d = (Integer) $(dimensions);
    long s = (Long) $(seed);
    return dataset.withColumn(
        getOutputCol(),
        functions.udf(new Project(d, s), SQLDataTypes.VectorType()).apply(dataset.col(getInputCol())));
  }

  public static MLReader<RandomProjection> read() {
    return new DefaultParamsReader<>();
  }

  public static RandomProjection load(String path) {
    return read().load(path);
  }

  /** The executor side: holds two numbers, not the Transformer. */
  static final class Project implements UDF1<Vector, Vector> {
    private static final long serialVersionUID = 1L;
    private final int dimensions;
    private final long seed;

    Project(int dimensions, long seed) {
      this.dimensions = dimensions;
      this.seed = seed;
    }

    @Override
    public Vector call(Vector v) {
      if (v == null) {
        return null;
      }
      double[] out = new double[dimensions];
      double scale = 1.0 / Math.sqrt(dimensions);
      if (v instanceof SparseVector sv) {
        int[] idx = sv.indices();
        double[] val = sv.values();
        for (int n = 0; n < idx.length; n++) {
          add(out, idx[n], val[n] * scale);
        }
      } else {
        double[] val = v.toArray();
        for (int i = 0; i < val.length; i++) {
          if (val[i] != 0) {
            add(out, i, val[i] * scale);
          }
        }
      }
      return Vectors.dense(out);
    }

    private void add(double[] out, int index, double value) {
      // Each byte of a row's 64 signs picks a row of SIGNS: eight +-1 factors multiplied in one run of contiguous
      // doubles, which the JIT turns into vector instructions, where a branch or lookup per sign cannot be. x * +-1.0
      // is exact, so the sums are the same, bit for bit, as adding +-value one sign at a time.
      for (int block = 0; block * 64 < dimensions; block++) {
        long bits = signs(seed, index, block);
        int base = block * 64;
        int end = Math.min(64, dimensions - base);
        int whole = end & ~7;
        for (int b = 0; b < whole; b += 8) {
          double[] factors = SIGNS[(int) ((bits >>> b) & 0xFF)];
          for (int q = 0; q < 8; q++) {
            out[base + b + q] += value * factors[q];
          }
        }
        for (int j = whole; j < end; j++) {
          out[base + j] += ((bits >>> j) & 1L) == 0 ? value : -value;
        }
      }
    }
  }

  /** SIGNS[byte][q] = -1 where bit q of byte is set, else +1. */
  private static final double[][] SIGNS = new double[256][8];

  static {
    for (int b = 0; b < 256; b++) {
      for (int q = 0; q < 8; q++) {
        SIGNS[b][q] = ((b >>> q) & 1) == 0 ? 1.0 : -1.0;
      }
    }
  }

  /** 64 random signs for one row of the projection matrix: SplitMix64's finaliser over (seed, index, block). */
  static long signs(long seed, int index, int block) {
    long z = seed + 0x9E3779B97F4A7C15L * (1L + index) + 0xBF58476D1CE4E5B9L * block;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
