import { InputError } from '@backstage/errors';
import { JsonObject } from '@backstage/types';
import {
  ApplyRequest,
  DestroyRequest,
  ObserveRequest,
  ResourceObservation,
  ResourceProvider,
  TransientProviderError,
} from '@paved/plugin-environments-node';

/**
 * A stand-in provider for tests of the engine and the API that need failures on cue
 * (a target that is down, a call that never returns). Real provisioning is tested with the
 * PostgreSQL provider against a real server.
 */
export class ProviderDouble implements ResourceProvider {
  readonly resourceType = 'double';
  readonly providerId = 'double';
  readonly applied: ApplyRequest[] = [];
  readonly destroyed: DestroyRequest[] = [];
  /** Make the next n calls fail as if the target were down. */
  transientFailures = 0;
  /** Make the next call fail for good with this message. */
  permanentFailure?: string;
  /** Make apply wait for this before answering. */
  gate?: Promise<void>;

  getTargets() {
    return ['local'];
  }

  validateSpec(spec: unknown): JsonObject {
    const value = (spec ?? {}) as JsonObject;
    if (value.size !== undefined && typeof value.size !== 'number') {
      throw new InputError('spec.size: must be a number');
    }
    return { size: 1, ...value };
  }

  async apply(request: ApplyRequest) {
    this.applied.push(request);
    await this.gate;
    this.failIfTold();
    return {
      outputs: { host: 'double.local', name: `${request.resource.environmentName}-${request.resource.name}` },
      secret: request.secret ?? `secret-for-${request.resource.id}`,
    };
  }

  async destroy(request: DestroyRequest) {
    this.destroyed.push(request);
    this.failIfTold();
  }

  async observe(_request: ObserveRequest): Promise<ResourceObservation[]> {
    return [];
  }

  connectionString(outputs: Record<string, unknown>, secret: string) {
    return `double://${outputs.name}:${secret}@${outputs.host}`;
  }

  private failIfTold() {
    if (this.transientFailures > 0) {
      this.transientFailures -= 1;
      throw new TransientProviderError('connect ECONNREFUSED 127.0.0.1:1 (target local is down)');
    }
    if (this.permanentFailure) {
      const message = this.permanentFailure;
      this.permanentFailure = undefined;
      throw new Error(message);
    }
  }
}
