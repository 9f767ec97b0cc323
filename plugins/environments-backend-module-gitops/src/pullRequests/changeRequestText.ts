import { ProviderOperation } from '@paved/plugin-environments-node';
import { NamespaceContext } from '../render/NamespaceContext';

/** The branch an operation's change to one resource is pushed to. */
export function operationBranch(
  operation: ProviderOperation | undefined,
  resource: { id: string; name: string },
): string {
  return `paved/${operation?.id ?? resource.id}/${resource.name}`;
}

/** Title and body that tell a reviewer who asked, for which environment, and where to look. */
export function changeRequestText(options: {
  verb: 'Add' | 'Update' | 'Remove';
  context: NamespaceContext;
  requestedBy: string;
  environmentUrl?: string;
}) {
  const { verb, context, requestedBy, environmentUrl } = options;
  const title = `${verb} namespace ${context.namespace} for environment ${context.environment}`;
  const body = [
    `Requested by \`${requestedBy}\` through Paved for environment **${context.environment}** of \`${context.entityRef}\` (owner \`${context.owner}\`, cluster \`${context.cluster}\`).`,
    '',
    ...(environmentUrl
      ? [`The environment in the portal: ${environmentUrl}`, '']
      : []),
    'Merging applies it; closing it fails the operation in the portal.',
  ].join('\n');
  return { title, body };
}

/** The page in the portal that shows the environment's card. */
export function portalLink(
  baseUrl: string | undefined,
  entityRef: string,
): string | undefined {
  if (!baseUrl) return undefined;
  const [kind, rest] = entityRef.split(':');
  const [namespace, name] = rest.includes('/')
    ? rest.split('/')
    : ['default', rest];
  return `${baseUrl.replace(/\/+$/, '')}/catalog/${namespace}/${kind}/${name}`;
}
