import useAsync from 'react-use/esm/useAsync';
import { useApi } from '@backstage/core-plugin-api';
import { environmentsApiRef } from '../api';

/**
 * The configured classes, for the limits a form checks. Used where a form is open
 * rather than by the cards, so a card still loads with one request.
 */
export function useEnvironmentClasses() {
  const api = useApi(environmentsApiRef);
  return useAsync(() => api.listClasses(), [api]);
}
