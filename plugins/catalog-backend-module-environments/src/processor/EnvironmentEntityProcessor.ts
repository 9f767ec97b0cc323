import {
  Entity,
  getCompoundEntityRef,
  parseEntityRef,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
} from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  ENVIRONMENT_KIND,
  EnvironmentSource,
  PAVED_SOURCE_ANNOTATION,
  RELATION_ENVIRONMENT_OF,
  RELATION_HAS_ENVIRONMENT,
} from '@paved/plugin-environments-common';
import { PAVED_ENVIRONMENTS_LOCATION_TYPE } from '../constants';
import {
  EnvironmentClassInfo,
  validateEnvironmentEntity,
} from './validateEnvironmentEntity';

/** apiVersion groups whose `Environment` entities are meant to be ours. */
const CLAIMED_GROUPS = ['paved.dev', 'backstage.io'];

/**
 * The `Environment` kind (`paved.dev/v1alpha1`): marks each environment as provisioned or
 * declared, validates it against its JSON schema and the configured classes, and emits its
 * relations: `ownedBy`/`ownerOf` with its owner, `environmentOf`/`hasEnvironment` with
 * its component or system.
 *
 * An invalid environment is refused with one error per problem, each naming the field
 * (`spec.class: there is no environment class named "qa"; …`), which the catalog keeps
 * with the entity and reports with its location.
 */
export class EnvironmentEntityProcessor implements CatalogProcessor {
  static fromConfig(config: Config): EnvironmentEntityProcessor {
    const classes = config
      .getOptionalConfigArray('environments.classes')
      ?.map(c => ({
        name: c.getString('name'),
        tier: c.getString('tier'),
        lifecycle: c.getString('lifecycle'),
      }));
    return new EnvironmentEntityProcessor({ classes });
  }

  readonly #classes?: ReadonlyMap<string, EnvironmentClassInfo>;

  /** Without `classes`, `spec.class` is not checked (no environments service configured). */
  constructor(options: { classes?: EnvironmentClassInfo[] }) {
    this.#classes =
      options.classes && new Map(options.classes.map(c => [c.name, c]));
  }

  getProcessorName(): string {
    return 'EnvironmentEntityProcessor';
  }

  /**
   * An `Environment` of another apiVersion group is someone else's kind; in ours (or the
   * catalog's own group, a common slip) it is ours, so a wrong version gets our message
   * rather than "no processor recognized the entity".
   */
  private claims(entity: Entity): boolean {
    return (
      entity.kind === ENVIRONMENT_KIND &&
      CLAIMED_GROUPS.includes(entity.apiVersion.split('/')[0])
    );
  }

  async preProcessEntity(
    entity: Entity,
    location: LocationSpec,
  ): Promise<Entity> {
    if (!this.claims(entity)) return entity;
    const source: EnvironmentSource =
      location.type === PAVED_ENVIRONMENTS_LOCATION_TYPE ? 'paved' : 'declared';
    return {
      ...entity,
      metadata: {
        ...entity.metadata,
        annotations: {
          ...entity.metadata.annotations,
          [PAVED_SOURCE_ANNOTATION]: source,
        },
      },
    };
  }

  async validateEntityKind(entity: Entity): Promise<boolean> {
    return this.claims(entity);
  }

  async postProcessEntity(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    if (!this.claims(entity)) return entity;
    const problems = validateEnvironmentEntity(entity, this.#classes);
    for (const problem of problems) {
      emit(processingResult.inputError(location, problem));
    }
    if (problems.length) return entity;

    const self = getCompoundEntityRef(entity);
    const spec = entity.spec as { owner: string; environmentOf: string };
    const pair = (
      target: string,
      defaultKind: string,
      forward: string,
      reverse: string,
    ) => {
      const ref = parseEntityRef(target, {
        defaultKind,
        defaultNamespace: self.namespace,
      });
      emit(
        processingResult.relation({ source: self, type: forward, target: ref }),
      );
      emit(
        processingResult.relation({ source: ref, type: reverse, target: self }),
      );
    };
    pair(spec.owner, 'Group', RELATION_OWNED_BY, RELATION_OWNER_OF);
    pair(
      spec.environmentOf,
      'Component',
      RELATION_ENVIRONMENT_OF,
      RELATION_HAS_ENVIRONMENT,
    );
    return entity;
  }
}
