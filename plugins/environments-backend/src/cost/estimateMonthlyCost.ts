import { MonthlyCost } from '@paved/plugin-environments-common';
import { EnvironmentClass } from '../config/readEnvironmentsConfig';

/** The class's base price plus the price of each resource, from the class's price table. */
export function estimateMonthlyCost(
  environmentClass: EnvironmentClass,
  resourceTypes: string[],
  currency: string,
): MonthlyCost {
  const amount = resourceTypes.reduce(
    (sum, type) => sum + (environmentClass.resources[type]?.monthlyCost ?? 0),
    environmentClass.baseMonthlyCost,
  );
  return { amount: Math.round(amount * 100) / 100, currency };
}
