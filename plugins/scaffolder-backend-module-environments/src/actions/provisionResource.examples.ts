import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Add a PostgreSQL database to an environment',
    example: yaml.stringify({
      steps: [
        {
          id: 'database',
          action: 'paved:resource:provision',
          name: 'Add the database',
          input: {
            environmentId: '${{ parameters.environmentId }}',
            resource: { type: 'postgres-database', name: 'reports', spec: { connectionLimit: 5 } },
          },
        },
      ],
    }),
  },
];
