import { Entity } from '@backstage/catalog-model';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import {
  PAVED_ENVIRONMENT_ID_ANNOTATION,
  isEnvironmentEntity,
} from '@paved/plugin-environments-common';

/**
 * `entity-card:environments/environments`, on the overview of every component and
 * system. Adopters narrow it with `app.extensions[].config.filter`.
 */
export const environmentsEntityCard = EntityCardBlueprint.make({
  name: 'environments',
  params: {
    type: 'content',
    filter: { kind: { $in: ['component', 'system'] } },
    loader: () =>
      import('../components/EntityEnvironmentsCard').then(m => (
        <m.EntityEnvironmentsCard />
      )),
  },
});

/**
 * `entity-card:environments/environment-overview`: on an Environment entity's page, its
 * live status, facts, resources and actions (or, for one declared by hand, what its
 * author wrote).
 */
export const environmentOverviewEntityCard = EntityCardBlueprint.make({
  name: 'environment-overview',
  params: {
    type: 'content',
    filter: { kind: 'environment' },
    loader: () =>
      import('../components/EntityEnvironmentOverviewCard').then(m => (
        <m.EntityEnvironmentOverviewCard />
      )),
  },
});

/** A provisioned environment: only those have live state, findings and history in Paved. */
const isProvisionedEnvironment = (entity: Entity) =>
  isEnvironmentEntity(entity) &&
  !!entity.metadata.annotations?.[PAVED_ENVIRONMENT_ID_ANNOTATION];

/** `entity-card:environments/environment-findings`: its baseline findings. */
export const environmentFindingsEntityCard = EntityCardBlueprint.make({
  name: 'environment-findings',
  params: {
    type: 'content',
    // A function: the annotation's key has dots, which a filter expression reads as a path.
    filter: isProvisionedEnvironment,
    loader: () =>
      import('../components/EntityEnvironmentFindingsCard').then(m => (
        <m.EntityEnvironmentFindingsCard />
      )),
  },
});

/** `entity-card:environments/environment-operations`: its operations history. */
export const environmentOperationsEntityCard = EntityCardBlueprint.make({
  name: 'environment-operations',
  params: {
    type: 'content',
    filter: isProvisionedEnvironment,
    loader: () =>
      import('../components/EntityEnvironmentOperationsCard').then(m => (
        <m.EntityEnvironmentOperationsCard />
      )),
  },
});

/**
 * `entity-card:environments/team-environments`, on a group's overview: the team's
 * environments by tier, open findings, cost against budget and its goals.
 */
export const teamEnvironmentsEntityCard = EntityCardBlueprint.make({
  name: 'team-environments',
  params: {
    type: 'content',
    filter: { kind: 'group' },
    loader: () =>
      import('../components/EntityTeamEnvironmentsCard').then(m => (
        <m.EntityTeamEnvironmentsCard />
      )),
  },
});
