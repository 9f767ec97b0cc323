import { namespaceName } from './naming';
import { validateNamespaceSpec } from './spec';

const resource = {
  entityRef: 'component:default/storefront-web',
  environmentName: 'dev',
  name: 'web',
};

describe('namespaceName', () => {
  it('is <component>-<environment>-<resource>, so two components never share one', () => {
    expect(namespaceName(resource)).toBe('storefront-web-dev-web');
    expect(
      namespaceName({
        ...resource,
        entityRef: 'component:default/payments-worker',
      }),
    ).toBe('payments-worker-dev-web');
  });

  it('shortens a name past 63 characters or with other characters the same way every time, with a hash', () => {
    const long = {
      ...resource,
      entityRef: `component:default/${'a'.repeat(60)}`,
    };
    const name = namespaceName(long);
    expect(name).toHaveLength(63);
    expect(name).toMatch(/^a{56}-[0-9a-f]{6}$/);
    expect(namespaceName(long)).toBe(name);
    expect(namespaceName({ ...long, environmentName: 'dev2' })).not.toBe(name);
    expect(
      namespaceName({
        ...resource,
        entityRef: 'component:default/Store_Front',
      }),
    ).toMatch(/^store-front-dev-web-[0-9a-f]{6}$/);
  });

  it("is the spec's namespace when it names one", () => {
    expect(namespaceName(resource, 'shop')).toBe('shop');
  });
});

describe('spec.namespace', () => {
  it.each([
    ['Shop', /spec\.namespace: must be a DNS label/],
    ['x'.repeat(64), /spec\.namespace: must be a DNS label/],
    ['kube-system', /spec\.namespace: must not be default or start with kube-/],
    [42, /spec\.namespace: must be a namespace name/],
  ])('refuses %j, naming the field', (namespace, message) => {
    expect(() => validateNamespaceSpec({ namespace })).toThrow(message);
  });
});
