import { createBaselineRule } from '@paved/plugin-environments-node';
import { z } from 'zod';
import { KUBERNETES_NAMESPACE } from '../resourceType';

export const manifestsAsRendered = createBaselineRule({
  id: 'kubernetes.manifests',
  resourceType: KUBERNETES_NAMESPACE,
  params: z.object({}).strict(),
  // One finding per file, so the card names each file and the line where it differs.
  checkObservation: (_, _desired, { observed }) =>
    (Array.isArray(observed.files) ? observed.files : []).flatMap(file => {
      const { path, change, line } = (file ?? {}) as Record<string, unknown>;
      if (typeof path !== 'string') return [];
      return [
        {
          field: path,
          expected:
            change === 'added' ? 'no such file' : 'as Paved rendered it',
          observed:
            change === 'edited'
              ? `edited by hand (line ${line})`
              : `${change} by hand`,
        },
      ];
    }),
  restorable: true,
  description: {
    group: 'Kubernetes namespace rules',
    checks:
      "The namespace's files in the GitOps repository are as Paved rendered them: none edited, deleted or added by hand.",
    today: [
      'Each reconciler pass reads the repository once per target and compares every file with the rendering of the desired spec.',
      'Change a namespace through the portal; a class that restores drift commits the rendering back.',
    ].join('\n'),
    expected: () => 'Every file as rendered, and no other files in the folder.',
  },
});
