import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Publish the workspace as a new repository and register it in the catalog',
    example: yaml.stringify({
      steps: [
        {
          id: 'publish',
          action: 'paved:git:publish',
          name: 'Publish',
          input: {
            repository: '${{ parameters.name }}',
            description: 'The ${{ parameters.name }} service',
          },
        },
        {
          id: 'register',
          action: 'catalog:register',
          name: 'Register',
          input: {
            catalogInfoUrl: '${{ steps.publish.output.catalogInfoUrl }}',
          },
        },
      ],
    }),
  },
  {
    description:
      'Publish only a sub-folder of the workspace, on a branch named trunk',
    example: yaml.stringify({
      steps: [
        {
          id: 'publish',
          action: 'paved:git:publish',
          name: 'Publish',
          input: {
            repository: 'payments-docs',
            sourcePath: 'docs-site',
            defaultBranch: 'trunk',
          },
        },
      ],
    }),
  },
];
