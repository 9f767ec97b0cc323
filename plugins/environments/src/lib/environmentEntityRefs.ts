import {
  Entity,
  RELATION_HAS_PART,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';

/**
 * The entities whose environments an entity page shows: the entity itself and, for a
 * system, its components (its `hasPart` relations, already on the entity, so no
 * extra catalog request). All of them go into one list request.
 */
export function environmentEntityRefs(entity: Entity): string[] {
  const self = stringifyEntityRef(entity);
  if (entity.kind.toLocaleLowerCase('en-US') !== 'system') {
    return [self];
  }
  const components = (entity.relations ?? [])
    .filter(
      relation =>
        relation.type === RELATION_HAS_PART &&
        parseEntityRef(relation.targetRef).kind.toLocaleLowerCase('en-US') ===
          'component',
    )
    .map(relation => relation.targetRef);
  return [self, ...new Set(components)];
}
