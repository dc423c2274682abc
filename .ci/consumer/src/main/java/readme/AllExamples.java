// Generated from README.md ("Use it from Java", every java block) by examples' ReadmeConsumerTest.
// Do not edit: change the README, then run mvn -B -pl examples -am verify -Dtest=ReadmeConsumerTest -Dsurefire.failIfNoSpecifiedTests=false -Dfairshift.readme.write=true
package readme;

/** Runs every example of the README's "Use it from Java", in order. */
public final class AllExamples {
  public static void main(String[] args) throws Exception {
    Example1.main(args);
  }
}
