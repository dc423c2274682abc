package dev.fairshift.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class AccountingKernelTest {

  @Test
  void formulas_onHandComputedValues() {
    // 10 kW of IT at PUE 1.2 for half an hour: 6 kWh at the facility
    assertThat(AccountingKernel.facilityKwh(1.2, 10, 0.5)).isCloseTo(6.0, within(1e-12));
    // 4 kW of rooftop solar for half an hour: 2 kWh, all used, 4 kWh from the grid
    double supply = AccountingKernel.renewableSupplyKwh(4, 0.5);
    assertThat(supply).isEqualTo(2.0);
    assertThat(AccountingKernel.renewableUsedKwh(6, supply)).isEqualTo(2.0);
    assertThat(AccountingKernel.gridKwh(6, supply)).isEqualTo(4.0);
    // more sun than load: the load is covered, nothing from the grid, the surplus is not used
    assertThat(AccountingKernel.renewableUsedKwh(6, 20)).isEqualTo(6.0);
    assertThat(AccountingKernel.gridKwh(6, 20)).isZero();
    // 4 kWh at 250 g/kWh
    assertThat(AccountingKernel.emissionsGrams(4, 250)).isEqualTo(1000.0);
    // 200 GB at 0.005 kWh/GB
    assertThat(AccountingKernel.transferKwh(200, 0.005)).isCloseTo(1.0, within(1e-12));
    // 4 kWh at 0.25 per kWh; 25 kg at 80 per tonne
    assertThat(AccountingKernel.energyCost(4, 0.25)).isEqualTo(1.0);
    assertThat(AccountingKernel.carbonCost(80, 25_000)).isEqualTo(2.0);
    assertThat(AccountingKernel.milligrams(0.25)).isEqualTo(250);
    assertThat(AccountingKernel.milligrams(2.0006)).isEqualTo(2001);
    assertThat(AccountingKernel.milligrams(0.0004)).isZero();
  }

  @Test
  void gridEnergy_isNeverNegativeAndAddsUpWithRenewables_seeded() {
    Random random = new Random(20261205L);
    for (int i = 0; i < 20_000; i++) {
      double pue = 1 + random.nextDouble();
      double itKw = random.nextInt(5) == 0 ? 0 : random.nextDouble() * 500;
      double hours = new double[] {0.25, 0.5, 1}[random.nextInt(3)];
      double renewableKw = random.nextInt(3) == 0 ? 0 : random.nextDouble() * 800;
      double facility = AccountingKernel.facilityKwh(pue, itKw, hours);
      double supply = AccountingKernel.renewableSupplyKwh(renewableKw, hours);
      double grid = AccountingKernel.gridKwh(facility, supply);
      double used = AccountingKernel.renewableUsedKwh(facility, supply);

      assertThat(grid).as("case %d", i).isGreaterThanOrEqualTo(0).isLessThanOrEqualTo(facility);
      assertThat(used).as("case %d", i).isGreaterThanOrEqualTo(0).isLessThanOrEqualTo(supply);
      assertThat(grid + used).as("case %d", i).isCloseTo(facility, within(1e-9 * Math.max(1, facility)));
      // FORMAT.md's definition: max(0, E - R)
      assertThat(grid).as("case %d", i).isEqualTo(Math.max(0, facility - supply));
      // and, to the bit, facility minus the renewables used (how the Evaluator splits energy)
      assertThat(Double.doubleToRawLongBits(grid)).as("case %d", i)
          .isEqualTo(Double.doubleToRawLongBits(facility - used));
    }
    // equal load and supply, and zeros of either sign, give +0.0 from the grid
    assertThat(Double.doubleToRawLongBits(AccountingKernel.gridKwh(3.5, 3.5))).isZero();
    assertThat(Double.doubleToRawLongBits(AccountingKernel.gridKwh(0.0, -0.0))).isZero();
    assertThat(Double.doubleToRawLongBits(AccountingKernel.gridKwh(0.0, 0.0))).isZero();
  }
}
