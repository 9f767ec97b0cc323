import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';

/** The golden path the empty state offers. */
export const EPHEMERAL_TEMPLATE = {
  namespace: 'default',
  templateName: 'paved-ephemeral-environment',
};

/**
 * The ephemeral-environment template's form, filled in from the entity: the component
 * (its EntityPicker takes components only, so a system leaves it to the user) and its
 * owner when that is a group (the template's OwnerPicker offers groups).
 * Field names are the template's parameters in templates/paved-ephemeral-environment.
 */
export function ephemeralTemplateFormData(
  entity: Entity,
): Record<string, string> {
  const formData: Record<string, string> = {};
  if (entity.kind.toLocaleLowerCase('en-US') === 'component') {
    formData.component = stringifyEntityRef(entity);
  }
  const owner = entity.spec?.owner;
  if (typeof owner === 'string') {
    const ref = parseEntityRef(owner, {
      defaultKind: 'group',
      defaultNamespace: entity.metadata.namespace ?? 'default',
    });
    if (ref.kind.toLocaleLowerCase('en-US') === 'group') {
      formData.owner = stringifyEntityRef(ref);
    }
  }
  return formData;
}
