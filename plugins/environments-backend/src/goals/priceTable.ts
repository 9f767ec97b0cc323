import { EnvironmentsConfig } from '../config/readEnvironmentsConfig';
import { PriceTable } from '../database/metrics/MetricStore';

/** The classes' price tables, as the cost metric prices environments in SQL. */
export function priceTable(config: EnvironmentsConfig): PriceTable {
  return new Map(
    [...config.classes.values()].map(c => [
      c.name,
      {
        base: c.baseMonthlyCost,
        resources: Object.fromEntries(
          Object.entries(c.resources).map(([type, r]) => [type, r.monthlyCost]),
        ),
      },
    ]),
  );
}
