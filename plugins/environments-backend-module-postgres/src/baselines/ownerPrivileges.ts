import { createBaselineRule } from '@paved/plugin-environments-node';
import { z } from 'zod';
import { POSTGRES_DATABASE } from '../resourceType';

/** The role attributes an owner role must not have, by the observation key that reports each. */
const PRIVILEGES = [
  ['SUPERUSER', 'ownerIsSuperuser'],
  ['CREATEROLE', 'ownerCanCreateRole'],
  ['CREATEDB', 'ownerCanCreateDb'],
] as const;

export const ownerPrivileges = createBaselineRule({
  id: 'postgres.owner-privileges',
  resourceType: POSTGRES_DATABASE,
  params: z.object({}).strict(),
  checkObservation: (_, _desired, { observed, cannotRestore }) => {
    const granted = PRIVILEGES.filter(([, key]) => observed[key] === true);
    if (!granted.length) return [];
    // Restorable while a restore can take away any of them; once none, say why.
    const reasons = granted.map(([, key]) => cannotRestore?.[key]);
    const why = reasons.every(Boolean)
      ? [...new Set(reasons)].join(' ')
      : undefined;
    return [
      {
        field: 'owner',
        expected: 'NOSUPERUSER NOCREATEROLE NOCREATEDB',
        observed: granted.map(([flag]) => flag).join(' '),
        ...(why && { cannotRestore: why }),
      },
    ];
  },
  // Apply takes CREATEDB and CREATEROLE away again, SUPERUSER too when it may.
  restorable: true,
  description: {
    group: 'PostgreSQL rules',
    checks: "The database's owner role has no more privileges than it needs.",
    today: [
      'The owner role is created without `SUPERUSER`, `CREATEDB` and `CREATEROLE` (and without',
      '`REPLICATION` and `BYPASSRLS`) ([Security](../databases.md#security)). Where a',
      'class restores drift, Paved takes `CREATEDB` and `CREATEROLE` away again. It cannot',
      'take `SUPERUSER` away unless its own provisioning role is a superuser: that finding',
      'stays open and tells the platform team the statement to run.',
    ].join('\n'),
    expected: () => 'An owner role without SUPERUSER, CREATEROLE or CREATEDB.',
    restoreLimits:
      "CREATEROLE and CREATEDB are taken away again; SUPERUSER only when the platform's provisioning role is a superuser itself. Otherwise that finding stays open and says what a database superuser must run.",
  },
});
