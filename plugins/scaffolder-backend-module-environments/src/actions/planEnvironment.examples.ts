import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Check, before publishing anything, that the new service may have a development environment with a database',
    example: yaml.stringify({
      steps: [
        {
          id: 'plan-development',
          action: 'paved:environment:plan',
          name: 'Check the development environment',
          input: {
            name: 'development',
            class: 'development',
            owner: '${{ parameters.owner }}',
            entityRef: 'component:default/${{ parameters.name }}',
            newEntity: true,
            resources: [{ type: 'postgres-database', name: 'main' }],
          },
        },
      ],
    }),
  },
];
