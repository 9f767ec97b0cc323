/*
 * Input and output fields shared by the actions. The scaffolder hands each callback its own
 * zod, so fields are factories rather than schemas.
 */
type Z = any;

/**
 * The inputs that name an existing environment: its id, or its component or system and its
 * name, as a form can.
 */
export const environmentFields = {
  environmentId: (z: Z) =>
    z
      .string()
      .min(1)
      .optional()
      .describe(
        'The id of the environment (an output of paved:environment:create)',
      ),
  entityRef: (z: Z) =>
    z
      .string()
      .optional()
      .describe(
        'With environmentName, instead of environmentId: the component or system',
      ),
  environmentName: (z: Z) =>
    z
      .string()
      .optional()
      .describe(
        "With entityRef, instead of environmentId: the environment's name",
      ),
};

export const resourceField = (z: Z) =>
  z.object({
    type: z.string().describe('The resource type, e.g. postgres-database'),
    name: z
      .string()
      .describe(
        'Its name within the environment: a DNS label of at most 16 characters',
      ),
    spec: z
      .record(z.unknown())
      .optional()
      .describe(
        'What to provision, e.g. { connectionLimit: 10 } for postgres-database',
      ),
  });

/** The inputs of an action that can wait for its environment; see `waitOptions`. */
export const waitFields = {
  wait: (z: Z) =>
    z
      .boolean()
      .default(true)
      .describe(
        'Wait until the environment is ready (or failed) before the next step',
      ),
  timeout: (z: Z) =>
    z
      .number()
      .int()
      .min(1)
      .max(3600)
      .default(600)
      .describe(
        'How long to wait, in seconds; provisioning goes on in the background after it',
      ),
};

/** The outputs every environment action gives, none of them secret. */
export const environmentOutputs = {
  environmentId: (z: Z) => z.string().describe('The environment id'),
  environmentRef: (z: Z) =>
    z
      .string()
      .describe(
        'An entity-style ref, e.g. environment:default/checkout-api-pr-42',
      ),
  status: (z: Z) =>
    z.string().describe('provisioning, ready, destroying or destroyed'),
  url: (z: Z) =>
    z.string().describe("The page of the environment's component or system"),
  expiresAt: (z: Z) =>
    z.string().optional().describe('When an ephemeral environment expires'),
  resources: (z: Z) =>
    z
      .array(
        z.object({
          id: z.string(),
          type: z.string(),
          name: z.string(),
          status: z.string(),
          outputs: z.record(z.unknown()),
        }),
      )
      .describe(
        "Each resource's non-secret outputs (host, port, database, user)",
      ),
};

/**
 * The scaffolder validates inputs against the schema but does not fill in its defaults, so
 * every action applies them itself.
 */
export function waitOptions(input: { wait?: boolean; timeout?: number }) {
  return { wait: input.wait ?? true, timeoutSeconds: input.timeout ?? 600 };
}

/** A baseline exception asked for with the request. */
export const exceptionField = (z: Z) =>
  z.object({
    rule: z
      .string()
      .describe('A high-severity baseline rule, e.g. postgres.statement-timeout'),
    resource: z
      .string()
      .optional()
      .describe("The requested resource it covers; omit for the environment's own rules"),
    justification: z.string().describe('Why the rule cannot be met for now'),
    until: z
      .string()
      .describe('When it ends: a date (2027-01-31, the end of that day UTC) or a date-time'),
  });
