package dev.fairshift.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.fairshift.core.InvalidProblemException;
import dev.fairshift.core.ProblemError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jackson's read limits and encoding failures, reported in the format's terms without library names. */
class JsonReadLimitsTest {
  @TempDir
  Path dir;

  private static ProblemError onlyError(InvalidProblemException e) {
    assertThat(e.errors()).hasSize(1);
    ProblemError error = e.errors().get(0);
    assertThat(error.message()).doesNotContain("StreamReadConstraints", "Exception", "`");
    return error;
  }

  @Test
  void read_nestedTooDeep_isOneShortError() {
    String json = "{\"version\": 1, \"horizon\": " + "[".repeat(5000) + "]".repeat(5000) + "}";

    ProblemError error = onlyError(catchThrowableOfType(() -> ProblemJson.read(json), InvalidProblemException.class));

    assertThat(error.path()).startsWith("horizon[0][0]").endsWith("...").hasSizeLessThan(60);
    assertThat(error.message()).contains("nested 1001 levels deep; at most 1000 are read", "unbalanced");
  }

  @Test
  void read_numberOf1500Digits_isAnErrorNamingItsLength() {
    String json = "{\"version\": 1" + "0".repeat(1500) + "}";

    ProblemError error = onlyError(catchThrowableOfType(() -> ProblemJson.read(json), InvalidProblemException.class));

    assertThat(error.message()).contains("a number of 1501 characters; at most 1000 are read");
  }

  @Test
  void read_invalidUtf32_isAnEncodingErrorNotAnIoFailure() throws IOException {
    Path file = Files.write(dir.resolve("p.json"), new byte[] {0, 0, 0, '{', (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});

    InvalidProblemException e = catchThrowableOfType(() -> ProblemJson.read(file), InvalidProblemException.class);

    assertThat(e.errors()).hasSize(1);
    assertThat(e.errors().get(0).path()).isEqualTo("$");
    assertThat(e.errors().get(0).message()).contains("not valid UTF-8, UTF-16 or UTF-32", "Maybe save the file as UTF-8");
  }
}
