import {
  environmentNameSchema,
  resourceNameSchema,
} from '@paved/plugin-environments-common';
import { physicalNames } from './naming';

describe('names the API accepts', () => {
  it('always make valid PostgreSQL names, however long they are', () => {
    // The longest names the request schemas accept.
    const environmentName = `e${'x'.repeat(environmentNameSchema.maxLength! - 1)}`;
    const name = `r${'y'.repeat(resourceNameSchema.maxLength! - 1)}`;
    expect(environmentNameSchema.parse(environmentName)).toBe(environmentName);
    expect(resourceNameSchema.parse(name)).toBe(name);

    const names = physicalNames({
      id: 'f0e1d2c3-b4a5-4687-9a0b-1c2d3e4f5a6b',
      name,
      environmentName,
      entityRef: 'component:default/checkout-api',
    });
    expect(Buffer.byteLength(names.database)).toBeLessThanOrEqual(63);
    expect(Buffer.byteLength(names.role)).toBeLessThanOrEqual(63);
  });
});
