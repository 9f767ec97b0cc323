import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';

/**
 * `entity-card:environments/environments`, on the overview of every component and
 * system. Adopters narrow it with `app.extensions[].config.filter`.
 */
export const environmentsEntityCard = EntityCardBlueprint.make({
  name: 'environments',
  params: {
    type: 'content',
    filter: { kind: { $in: ['component', 'system'] } },
    loader: () =>
      import('../components/EntityEnvironmentsCard').then(m => (
        <m.EntityEnvironmentsCard />
      )),
  },
});
