/** The resource type the provider provisions and its baseline rules are about. */
export const KUBERNETES_NAMESPACE = 'kubernetes-namespace';
