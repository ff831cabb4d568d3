package io.textcluster.features;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * A partition's rows mapped a window at a time, lazily: an embedding call takes many texts at once, but a partition
 * must not be held whole in memory. The rows keep their order.
 */
final class WindowedRows {
  /** Turns one window of rows into as many rows, in the same order. */
  @FunctionalInterface
  interface WindowMapper {
    List<Row> map(List<Row> window);
  }

  private WindowedRows() {}

  static Iterator<Row> map(Iterator<Row> rows, int window, WindowMapper mapper) {
    return new Iterator<>() {
      private List<Row> ready = List.of();
      private int next;

      @Override
      public boolean hasNext() {
        if (next < ready.size()) {
          return true;
        }
        List<Row> batch = new ArrayList<>(window);
        while (batch.size() < window && rows.hasNext()) {
          batch.add(rows.next());
        }
        if (batch.isEmpty()) {
          return false;
        }
        ready = mapper.map(batch);
        next = 0;
        return true;
      }

      @Override
      public Row next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return ready.get(next++);
      }
    };
  }

  /** The row with {@code vector} appended as its last column. */
  static Row withVector(Row row, Vector vector) {
    Object[] values = new Object[row.size() + 1];
    for (int c = 0; c < row.size(); c++) {
      values[c] = row.get(c);
    }
    values[row.size()] = vector;
    return RowFactory.create(values);
  }
}
