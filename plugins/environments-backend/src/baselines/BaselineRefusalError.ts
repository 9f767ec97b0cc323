import { InputError } from '@backstage/errors';

/**
 * A request that breaks a blocking baseline rule: a 400 like any bad input, which also
 * says which rules refused it, so the refusal can be counted.
 */
export class BaselineRefusalError extends InputError {
  constructor(message: string, readonly rules: string[]) {
    super(message);
  }
}
