/** The component the tests' environments belong to, as the catalog holds it. */
export const checkoutApi = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout-api', namespace: 'default' },
  spec: { type: 'service', owner: 'group:default/checkout-team' },
};
