package dev.fairshift.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.fairshift.core.Horizon;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Instant;
import java.util.Collections;
import java.util.Enumeration;
import org.junit.jupiter.api.Test;

/**
 * A user who adds grid-signals but not grid-data: {@link EmbeddedData} is loaded afresh by a class loader
 * that sees grid-signals' classes and every other dependency, but not the data resources, and every
 * entry point must say which artifact to add, not fail with a NullPointerException or "jar is damaged".
 */
class EmbeddedDataMissingTest {
  private static final String DATA = "dev/fairshift/signals/data/";

  @Test
  void withoutGridData_everyEntryPointNamesTheArtifactToAdd() throws Exception {
    // the data is on this test's class path (grid-data is a test dependency), so the hiding is what we test
    assertThat(EmbeddedDataMissingTest.class.getClassLoader().getResource(
        DATA + "electricitymaps_16zones_2021_2024/carbon_intensity_lifecycle_hourly.csv.gz")).isNotNull();

    try (WithoutGridData loader = new WithoutGridData()) {
      Class<?> embedded = loader.loadClass(EmbeddedData.class.getName());
      assertThat(embedded).isNotSameAs(EmbeddedData.class);
      assertThat(embedded.getClassLoader()).isSameAs(loader);

      Horizon day2022 = Horizon.hourly(Instant.parse("2022-01-01T00:00:00Z"), 24);
      Horizon day2020 = Horizon.hourly(Instant.parse("2020-06-01T00:00:00Z"), 24);
      Throwable[] failures = {
          invoke(embedded.getMethod("zones")),
          invoke(embedded.getMethod("electricityMapsZones")),
          invoke(embedded.getMethod("zoneIntensity", String.class, Horizon.class), "DE", day2022),
          invoke(embedded.getMethod("intensityTable", Horizon.class, String[].class), day2020,
              new String[] {"FR"}),
      };
      for (Throwable failure : failures) {
        // loaded by the hiding loader, so it is that loader's GridSignalException class, not ours
        assertThat(failure.getClass().getName()).isEqualTo(GridSignalException.class.getName());
        assertThat(failure.getMessage())
            .contains("EmbeddedData needs the artifact dev.fairshift:grid-data")
            .contains("<artifactId>grid-data</artifactId>")
            .contains("Maybe add")
            .doesNotContain("damaged");
      }
      assertThat(failures[0].getMessage()).contains(DATA
          + "electricitymaps_16zones_2021_2024/carbon_intensity_lifecycle_hourly.csv.gz was not found");
      // the ENTSO-E dataset alone names its own first file
      Object entsoe = embedded.getMethod("entsoe2020").invoke(null);
      Method history = loader.loadClass(CarbonIntensitySource.class.getName())
          .getMethod("history", String.class, Instant.class, Instant.class);
      Throwable entsoeFailure = invokeOn(entsoe, history, "FR", day2020.start(), day2020.end());
      assertThat(entsoeFailure.getClass().getName()).isEqualTo(GridSignalException.class.getName());
      assertThat(entsoeFailure.getMessage()).contains("dev.fairshift:grid-data")
          .contains(DATA + "entsoe-2020/de_ci.csv.gz was not found");

      // the live providers and files do not need grid-data: the rest of grid-signals still works
      Class<?> sources = loader.loadClass(CarbonIntensitySources.class.getName());
      assertThat(sources.getClassLoader()).isSameAs(loader);
    }
  }

  private static Throwable invoke(Method method, Object... args) {
    return invokeOn(null, method, args);
  }

  private static Throwable invokeOn(Object target, Method method, Object... args) {
    Throwable thrown = catchThrowable(() -> method.invoke(target, args));
    assertThat(thrown).as(method.getName()).isInstanceOf(InvocationTargetException.class);
    return thrown.getCause();
  }

  /**
   * Child-first for grid-signals' own classes (read from where this build put them), parent-first for
   * everything else (core, Jackson, ...), and blind to the grid-data resources.
   */
  private static final class WithoutGridData extends URLClassLoader {
    WithoutGridData() {
      super(new URL[] {EmbeddedData.class.getProtectionDomain().getCodeSource().getLocation()},
          EmbeddedDataMissingTest.class.getClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.startsWith("dev.fairshift.signals.")) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        if (c == null) {
          c = findClass(name);
        }
        if (resolve) {
          resolveClass(c);
        }
        return c;
      }
    }

    @Override
    public URL getResource(String name) {
      return name.startsWith(DATA) ? null : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      return name.startsWith(DATA) ? Collections.emptyEnumeration() : super.getResources(name);
    }
  }
}
