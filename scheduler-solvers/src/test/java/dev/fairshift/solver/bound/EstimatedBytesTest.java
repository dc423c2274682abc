package dev.fairshift.solver.bound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fairshift.core.IntensityBasis;
import dev.fairshift.core.Problem;
import dev.fairshift.solver.fixtures.ScaleProblems;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * {@link LowerBound#estimatedBytes}: it grows with the problem, and it is within a small factor of the
 * bytes a {@link BoundModel} of that problem really allocates (measured with the JVM's per-thread
 * allocation counter, which counts every byte the thread allocates, kept or not).
 */
class EstimatedBytesTest {
  @Test
  void estimate_growsWithJobsAndHubs() {
    long small = LowerBound.estimatedBytes(ScaleProblems.week(1, 500, 8));
    long moreJobs = LowerBound.estimatedBytes(ScaleProblems.week(1, 2_000, 8));
    long moreHubs = LowerBound.estimatedBytes(ScaleProblems.week(1, 500, 32));
    assertThat(moreJobs).isGreaterThan(2 * small); // 4x the jobs; the hub-slot arrays stay the same
    assertThat(moreHubs).isGreaterThan(small);
    // at least one option record per job: never below the jobs' own share
    assertThat(small).isGreaterThan(500 * LowerBound.BYTES_PER_JOB);
  }

  @Test
  void estimate_isWithinAFactorOfTheModelsMeasuredAllocation() {
    java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    assumeTrue(bean instanceof com.sun.management.ThreadMXBean,
        "needs a JVM with com.sun.management.ThreadMXBean (HotSpot) to count allocated bytes");
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
    assumeTrue(threads.isThreadAllocatedMemorySupported(), "the JVM does not count allocated bytes");
    threads.setThreadAllocatedMemoryEnabled(true);
    for (int jobs : new int[] {2_000, 20_000}) {
      Problem problem = ScaleProblems.week(7, jobs, 16);
      new BoundModel(problem, IntensityBasis.ACTUAL); // warm up class loading outside the measurement
      long id = Thread.currentThread().getId();
      long before = threads.getThreadAllocatedBytes(id);
      BoundModel model = new BoundModel(problem, IntensityBasis.ACTUAL);
      long allocated = threads.getThreadAllocatedBytes(id) - before;
      assertThat(model.jobs).hasSize(jobs);
      long estimate = LowerBound.estimatedBytes(problem);
      assertThat(estimate).as("estimate vs allocated %d bytes at %d jobs", allocated, jobs)
          .isBetween(allocated / 2, allocated * 4);
    }
  }
}
