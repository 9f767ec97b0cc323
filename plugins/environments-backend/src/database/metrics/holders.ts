import { GoalHolder, Tier } from '@paved/plugin-environments-common';

/** A row about one environment, as the holding-back queries select it. */
export interface HolderRow {
  id: string;
  name: string;
  entity_ref: string;
  owner: string;
  class: string;
  tier: string;
}

/** The columns of `HolderRow`, from the environments aliased `e`. */
export const HOLDER_COLUMNS = [
  'e.id',
  'e.name',
  'e.entity_ref',
  'e.owner',
  'e.class',
  'e.tier',
];

/** The environment part of a holder. */
export function holderOf(row: HolderRow): GoalHolder {
  return {
    environmentId: row.id,
    name: row.name,
    entityRef: row.entity_ref,
    owner: row.owner,
    class: row.class,
    tier: row.tier as Tier,
    reason: '',
  };
}

/** Hours as a person reads them: one decimal. */
export const hoursText = (hours: number) => `${Math.round(hours * 10) / 10} h`;
