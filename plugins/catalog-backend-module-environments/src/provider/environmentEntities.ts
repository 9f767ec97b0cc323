import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { DeferredEntity } from '@backstage/plugin-catalog-node';
import {
  Environment,
  ENVIRONMENT_API_VERSION,
  ENVIRONMENT_KIND,
  environmentEntityRef,
  EnvironmentEntityV1alpha1,
  PAVED_ENVIRONMENT_ID_ANNOTATION,
  PAVED_RESOURCE_ID_ANNOTATION,
  resourceEntityRef,
} from '@paved/plugin-environments-common';
import { PAVED_ENVIRONMENTS_LOCATION_TYPE } from '../constants';

/** An entity to take out of the catalog, as a delta mutation names it. */
export interface RemovedEntity {
  entityRef: string;
  locationKey: string;
}

/** @internal */
export interface EnvironmentEntitiesOptions {
  /** The entity whose TechDocs the published entities show, e.g. the platform guidelines. */
  docsEntity?: string;
}

/** The annotation that lets an entity show another entity's TechDocs. */
const ANNOTATION_TECHDOCS_ENTITY = 'backstage.io/techdocs-entity';

/**
 * The location of an environment's entities, which is also their location key: the
 * provider removes them by it even once the environments service no longer knows it.
 */
export function environmentLocation(environmentId: string): string {
  return `${PAVED_ENVIRONMENTS_LOCATION_TYPE}:${environmentId}`;
}

/**
 * An environment's entities: the `Environment` and one `Resource` per resource that is
 * not destroyed. A destroyed environment has none; `gone` lists what it (or a destroyed
 * resource) had, for a delta mutation to remove.
 *
 * Everything of one environment shares its location key, so an entity of the same name
 * from elsewhere (a hand-declared one) is a conflict the catalog reports, not a takeover.
 */
export function environmentEntities(
  environment: Environment,
  options: EnvironmentEntitiesOptions = {},
): {
  entities: DeferredEntity[];
  gone: RemovedEntity[];
} {
  const location = environmentLocation(environment.id);
  const locationKey = location;
  const removal = (ref: CompoundEntityRef): RemovedEntity => ({
    entityRef: stringifyEntityRef(ref),
    locationKey,
  });
  const self = environmentEntityRef(environment);
  const selfRef = stringifyEntityRef(self);
  const of = environment.entityRef.slice(
    environment.entityRef.indexOf('/') + 1,
  );
  // The TechDocs tab of an environment or resource shows the platform guidelines:
  // it has no docs of its own, and those explain its class, tier and baseline.
  const docs: Record<string, string> = options.docsEntity
    ? { [ANNOTATION_TECHDOCS_ENTITY]: options.docsEntity }
    : {};
  const locatedHere = {
    [ANNOTATION_LOCATION]: location,
    [ANNOTATION_ORIGIN_LOCATION]: location,
  };

  if (environment.status === 'destroyed') {
    return {
      entities: [],
      gone: [
        removal(self),
        ...environment.resources.map(r =>
          removal(resourceEntityRef(environment, r)),
        ),
      ],
    };
  }

  const entity: EnvironmentEntityV1alpha1 = {
    apiVersion: ENVIRONMENT_API_VERSION,
    kind: ENVIRONMENT_KIND,
    metadata: {
      name: self.name,
      namespace: self.namespace,
      title: `${environment.name} (${of})`,
      description: `${capitalize(environment.tier)} environment ${
        environment.name
      } of ${environment.entityRef}, class ${
        environment.class
      }, provisioned by Paved`,
      annotations: {
        ...locatedHere,
        [PAVED_ENVIRONMENT_ID_ANNOTATION]: environment.id,
        ...docs,
      },
    },
    spec: {
      environmentOf: environment.entityRef,
      owner: environment.owner,
      tier: environment.tier,
      class: environment.class,
      lifecycle: environment.lifecycle,
      status: environment.status,
      ...(environment.statusReason && {
        statusReason: environment.statusReason,
      }),
      ...(environment.expiresAt && { expiresAt: environment.expiresAt }),
      estimatedMonthlyCost: environment.estimatedMonthlyCost,
    },
  };

  const entities: DeferredEntity[] = [{ entity, locationKey }];
  const gone: RemovedEntity[] = [];
  for (const resource of environment.resources) {
    const ref = resourceEntityRef(environment, resource);
    if (resource.status === 'destroyed') {
      gone.push(removal(ref));
      continue;
    }
    entities.push({
      locationKey,
      entity: {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Resource',
        metadata: {
          name: ref.name,
          namespace: ref.namespace,
          title: `${resource.name} (${of}/${environment.name})`,
          annotations: {
            ...locatedHere,
            [PAVED_RESOURCE_ID_ANNOTATION]: resource.id,
            ...docs,
          },
        },
        spec: {
          type: resource.type,
          owner: environment.owner,
          dependencyOf: [selfRef],
        },
      },
    });
  }
  return { entities, gone };
}

function capitalize(text: string): string {
  return text.charAt(0).toLocaleUpperCase('en-US') + text.slice(1);
}
