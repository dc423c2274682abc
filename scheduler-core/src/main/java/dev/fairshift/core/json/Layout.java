package dev.fairshift.core.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.PrettyPrinter;
import java.io.IOException;
import java.util.BitSet;

/**
 * The format's stable text layout, applied by a {@link JsonGenerator} as it writes: objects one
 * field per line indented by two spaces ({@code "name": value}), arrays of objects one element per
 * line, arrays of plain values on one line ({@code [1, 2, 3]}), empty containers as {@code {}} and
 * {@code []}. Values themselves are Jackson's: strings escaped, doubles in their shortest exact form.
 *
 * <p>Whether an array holds objects cannot be seen when it opens, so the writer says so with
 * {@link #objectsNext()} before it opens one. Not thread-safe: one per generator.
 */
final class Layout implements PrettyPrinter {
  private int depth;
  /** For each open array, by depth: whether its elements go one per line. */
  private final BitSet linesAt = new BitSet();
  private boolean objectsNext;

  /** The next array opened holds objects: one element per line. */
  void objectsNext() {
    objectsNext = true;
  }

  @Override
  public void writeRootValueSeparator(JsonGenerator g) throws IOException {
    g.writeRaw('\n');
  }

  @Override
  public void writeStartObject(JsonGenerator g) throws IOException {
    g.writeRaw('{');
    depth++;
  }

  @Override
  public void beforeObjectEntries(JsonGenerator g) throws IOException {
    newLine(g);
  }

  @Override
  public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
    g.writeRaw(": ");
  }

  @Override
  public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
    g.writeRaw(',');
    newLine(g);
  }

  @Override
  public void writeEndObject(JsonGenerator g, int nrOfEntries) throws IOException {
    depth--;
    if (nrOfEntries > 0) {
      newLine(g);
    }
    g.writeRaw('}');
  }

  @Override
  public void writeStartArray(JsonGenerator g) throws IOException {
    g.writeRaw('[');
    depth++;
    linesAt.set(depth, objectsNext);
    objectsNext = false;
  }

  @Override
  public void beforeArrayValues(JsonGenerator g) throws IOException {
    if (linesAt.get(depth)) {
      newLine(g);
    }
  }

  @Override
  public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
    if (linesAt.get(depth)) {
      g.writeRaw(',');
      newLine(g);
    } else {
      g.writeRaw(", ");
    }
  }

  @Override
  public void writeEndArray(JsonGenerator g, int nrOfValues) throws IOException {
    boolean lines = linesAt.get(depth);
    depth--;
    if (lines && nrOfValues > 0) {
      newLine(g);
    }
    g.writeRaw(']');
  }

  private void newLine(JsonGenerator g) throws IOException {
    g.writeRaw('\n');
    for (int i = 0; i < depth; i++) {
      g.writeRaw("  ");
    }
  }
}
