import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Keep a preview environment for two more days',
    example: yaml.stringify({
      steps: [
        {
          id: 'extend',
          action: 'paved:environment:extend',
          name: 'Extend the environment',
          input: { environmentId: '${{ parameters.environmentId }}', ttl: '2d' },
        },
      ],
    }),
  },
];
