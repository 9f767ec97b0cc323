import { Tier } from '@paved/plugin-environments-common';

/** A create or an add of resources that a blocking baseline rule refused. */
export interface BaselineRefusal {
  id: string;
  operationType: 'create' | 'update';
  /** The environment resources were to be added to; none for a create. */
  environmentId?: string;
  name: string;
  class: string;
  tier: Tier;
  owner: string;
  entityRef: string;
  requestedBy: string;
  rules: string[];
}

/** Refused requests leave nothing else behind: this is how goals count them. */
export interface RefusalStore {
  record(refusal: BaselineRefusal, now: Date): Promise<void>;
}
