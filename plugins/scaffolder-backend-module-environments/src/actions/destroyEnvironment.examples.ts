import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Destroy an environment, confirming its name',
    example: yaml.stringify({
      steps: [
        {
          id: 'destroy',
          action: 'paved:environment:destroy',
          name: 'Destroy the environment',
          input: {
            environmentId: '${{ parameters.environmentId }}',
            confirm: '${{ parameters.confirm }}',
          },
        },
      ],
    }),
  },
];
