package dev.fairshift.transparency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fairshift.core.Evaluation;
import dev.fairshift.core.Evaluator;
import dev.fairshift.core.Horizon;
import dev.fairshift.core.Hub;
import dev.fairshift.core.InvalidProblemException;
import dev.fairshift.core.Job;
import dev.fairshift.core.Problem;
import dev.fairshift.core.Schedule;
import dev.fairshift.core.SlotSeries;
import dev.fairshift.core.Tenant;
import dev.fairshift.core.ZoneIntensity;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Ids, classes, titles and sources with markup characters never break the page or the JSON. */
class EscapingFuzzTest {
  static final String HOSTILE_TENANT = "a<b>&c\"d'e</td></tr><script>alert(1)</script>";
  static final String HOSTILE_JOB = "job \"1\" & <i>2</i> ]]> <!-- -->";

  private static final double[] GRAMS = new double[24];

  static {
    for (int s = 0; s < 24; s++) {
      GRAMS[s] = 250 + 80 * Math.cos(s / 24.0 * 2 * Math.PI);
    }
  }

  static Problem tiny(String hub, String tenant, String tenantClass, String job, String zone) {
    Horizon horizon = Horizon.hourly(Instant.parse("2023-03-06T00:00:00Z"), 24);
    return Problem.builder().horizon(horizon).carbonPricePerTonne(50)
        .zone(ZoneIntensity.of(zone, SlotSeries.of(GRAMS)))
        .hub(Hub.builder(hub, zone).capacityUnits(4).pricePerKwh(0.2).build())
        .tenant(Tenant.of(tenant, tenantClass).withGuaranteedShare(0.1))
        .job(Job.builder(job, tenant).durationSlots(2).powerKw(3).window(horizon.slotStart(1), horizon.end()).build())
        .job(Job.builder(job + "-second", tenant).durationSlots(1).powerKw(1).window(horizon.slotStart(0), horizon.end()).build())
        .build();
  }

  private static String cellText(Metrics page, String rowHeaderText) {
    NodeList heads = page.document.getElementsByTagName("th");
    for (int i = 0; i < heads.getLength(); i++) {
      if (heads.item(i).getTextContent().equals(rowHeaderText)) {
        return heads.item(i).getTextContent();
      }
    }
    return null;
  }

  @Test
  void markupInIdsIsShownAsTextAndKeysRoundTrip() throws Exception {
    Problem p = tiny("hub <&>", HOSTILE_TENANT, "class \"x\" & 'y'", HOSTILE_JOB, "Z<1>");
    Schedule s = Fixtures.greedy(p);
    Evaluation e = Evaluator.evaluate(p, s);
    PageOptions options = PageOptions.builder().title("Week <10> & \"more\"").currency("E&R<")
        .dataSource(DataSource.of("src <b>", "CC \"BY\"", "https://example.org/?a=1&b=<2>"))
        .companionJson("a&b.json").build();
    String html = TransparencyPage.render(p, s, e, options);

    assertThat(html).doesNotContain("<script", "<b>", "<i>", "<!-- -->", "]]>");
    Metrics page = Metrics.parse(html);
    assertThat(page.number("tenant/" + HOSTILE_TENANT + "/jobs")).isEqualTo(2);
    assertThat(page.number("job/" + HOSTILE_JOB + "/price")).isEqualTo(e.job(HOSTILE_JOB).cost());
    assertThat(page.number("class/class \"x\" & 'y'/jobs")).isEqualTo(2);
    assertThat(page.number("hub/hub <&>/energyKwh")).isEqualTo(e.hubs().get(0).energyKwh());
    assertThat(cellText(page, HOSTILE_TENANT)).isEqualTo(HOSTILE_TENANT);
    assertThat(cellText(page, HOSTILE_JOB)).isEqualTo(HOSTILE_JOB);
    assertThat(page.document.getElementsByTagName("title").item(0).getTextContent()).isEqualTo("Week <10> & \"more\"");
    assertThat(page.document.getElementsByTagName("script").getLength()).isZero();

    JsonNode json = new ObjectMapper().readTree(TransparencyJson.write(p, s, e, options));
    assertThat(json.get("tenants").get(0).get("id").asText()).isEqualTo(HOSTILE_TENANT);
    assertThat(json.get("jobs").get(0).get("id").asText()).isEqualTo(HOSTILE_JOB);
    assertThat(json.get("dataSources").get(0).get("address").asText()).isEqualTo("https://example.org/?a=1&b=<2>");
  }

  @Test
  void controlCharactersAndLoneSurrogatesBecomeReplacementCharacters() {
    // The core refuses such ids, so they never reach a page; the page's own texts (title, sources) still can.
    assertThatThrownBy(() -> tiny("h", "bad\u0001id", "newcomer", "j\u001b[31m", "DE"))
        .isInstanceOf(InvalidProblemException.class).hasMessageContaining("U+0001").hasMessageContaining("U+001B");
    Problem p = tiny("h", "t", "newcomer", "j", "DE");
    Schedule s = Fixtures.greedy(p);
    PageOptions options = PageOptions.builder().title("bad\u0001id\u0000\ud800x\u0085")
        .dataSource(DataSource.of("j\u001b[31m", "CC0", "https://example.org")).build();
    String html = TransparencyPage.render(p, s, Evaluator.evaluate(p, s), options);
    Metrics page = Metrics.parse(html);
    assertThat(page.document.getElementsByTagName("title").item(0).getTextContent())
        .isEqualTo("bad\ufffdid\ufffd\ufffdx\ufffd");
    assertThat(html).contains("j\ufffd[31m").doesNotContain("\u001b", "\u0001", "\u0000");
  }

  /** Seeded fuzz: random ids from a hostile alphabet; every page parses strictly and every key round-trips. */
  @Test
  void randomIdsAlwaysGiveAWellFormedPageWhoseKeysRoundTrip() {
    String alphabet = "<>&\"' ;:/\\=#%!?-_]][[{}()abcXYZ019\u00e9\u4e2d\ud83d\ude00";
    Random random = new Random(20261204);
    for (int round = 0; round < 150; round++) {
      String tenant = randomId(random, alphabet);
      String hub = randomId(random, alphabet);
      String job = randomId(random, alphabet);
      String zone = randomId(random, alphabet);
      String tenantClass = randomId(random, alphabet);
      Problem p = tiny(hub, tenant, tenantClass, job, zone);
      Schedule s = Fixtures.greedy(p);
      Evaluation e = Evaluator.evaluate(p, s);
      String html = TransparencyPage.render(p, s, e, PageOptions.builder().title(randomId(random, alphabet)).build());
      Metrics page = Metrics.parse(html);
      String context = "round " + round + " tenant=" + tenant + " hub=" + hub + " job=" + job;
      assertThat(page.number("tenant/" + tenant + "/scheduledJobs")).as(context).isEqualTo(e.tenants().get(0).scheduledJobs());
      assertThat(page.number("hub/" + hub + "/energyKwh")).as(context).isEqualTo(e.hubs().get(0).energyKwh());
      assertThat(page.number("job/" + job + "/emissionsGrams")).as(context).isEqualTo(e.job(job).emissionsGrams());
      assertThat(page.number("class/" + tenantClass + "/jobs")).as(context).isEqualTo(2);
      assertThat(page.document.getElementsByTagName("script").getLength()).isZero();
      NodeList all = page.document.getElementsByTagName("*");
      for (int i = 0; i < all.getLength(); i++) {
        assertThat(((Element) all.item(i)).hasAttribute("onload")).isFalse();
      }
    }
  }

  private static String randomId(Random random, String alphabet) {
    int[] points = alphabet.codePoints().toArray();
    StringBuilder b = new StringBuilder();
    int n = 1 + random.nextInt(12);
    for (int i = 0; i < n; i++) {
      b.appendCodePoint(points[random.nextInt(points.length)]);
    }
    return b.toString();
  }
}
