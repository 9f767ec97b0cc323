import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'A preview environment with a PostgreSQL database, for four hours',
    example: yaml.stringify({
      steps: [
        {
          id: 'environment',
          action: 'paved:environment:create',
          name: 'Create the preview environment',
          input: {
            name: 'pr-42',
            class: 'preview',
            owner: 'group:default/checkout-team',
            entityRef: 'component:default/checkout-api',
            ttl: '4h',
            resources: [
              { type: 'postgres-database', name: 'main', spec: { connectionLimit: 10 } },
            ],
          },
        },
      ],
    }),
  },
  {
    description: 'A development environment without resources, not waiting for it',
    example: yaml.stringify({
      steps: [
        {
          id: 'environment',
          action: 'paved:environment:create',
          name: 'Create the development environment',
          input: {
            name: 'dev',
            class: 'development',
            owner: 'group:default/checkout-team',
            entityRef: 'component:default/checkout-api',
            wait: false,
          },
        },
      ],
    }),
  },
];
