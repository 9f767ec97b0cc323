import { ephemeralTemplateFormData } from './ephemeralTemplateFormData';

describe('ephemeralTemplateFormData', () => {
  it('fills in a component and its owning group', () => {
    expect(
      ephemeralTemplateFormData({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'checkout-api', namespace: 'default' },
        spec: { owner: 'checkout-team' },
      }),
    ).toEqual({
      component: 'component:default/checkout-api',
      owner: 'group:default/checkout-team',
    });
  });

  it('leaves the component to the user on a system page, and skips a user owner', () => {
    expect(
      ephemeralTemplateFormData({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'System',
        metadata: { name: 'checkout' },
        spec: { owner: 'user:default/jane' },
      }),
    ).toEqual({});
  });
});
