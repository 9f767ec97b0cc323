import { InputError } from '@backstage/errors';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { ResourceQuota } from 'kubernetes-models/v1/ResourceQuota';
import { LimitRange } from 'kubernetes-models/v1/LimitRange';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';
import { RoleBinding } from 'kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding';
import { Manifest } from './manifests';

const MODELS: Record<string, new (data: any) => { validate(): void }> = {
  Namespace,
  ResourceQuota,
  LimitRange,
  NetworkPolicy,
  RoleBinding,
};

/**
 * Checks each manifest against the Kubernetes API's OpenAPI schema (kubernetes-models
 * ships them and validates offline) before anything is written: what the API server would
 * refuse is refused here, as an `InputError` naming the file and the field.
 */
export function validateManifests(manifests: Record<string, Manifest>): void {
  const problems: string[] = [];
  for (const [file, manifest] of Object.entries(manifests)) {
    const Model = MODELS[manifest.kind];
    if (!Model) {
      problems.push(`${file}: kind ${manifest.kind} is not one Paved renders`);
      continue;
    }
    try {
      new Model(manifest).validate();
    } catch (error) {
      problems.push(`${file} (${manifest.kind}): ${describe(error)}`);
    }
  }
  if (problems.length) {
    throw new InputError(
      `The rendered manifests are not valid Kubernetes objects: ${problems.join(
        '; ',
      )}`,
    );
  }
}

/** `data/spec/hard/pods must be string, …` → `spec.hard.pods must be string, …`. */
function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\bdata\/([^\s]*)/g, (_, path: string) =>
    path.split('/').join('.'),
  );
}
