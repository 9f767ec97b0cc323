import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  ActionsRegistryActionOptions,
  ActionsRegistryService,
} from '@backstage/backend-plugin-api/alpha';
import { InputError } from '@backstage/errors';
import { describeIssues } from '@paved/plugin-environments-common';
import { z } from 'zod';
import type { z as zod3 } from 'zod/v3';
import { JsonSchemaNode, zod3FromJsonSchema } from './zod3FromJsonSchema';

type Zod3Object = zod3.AnyZodObject;

/**
 * One action of the environments service, written against the API's zod v4 schemas.
 * `run` gets the input as the schema read it and the caller's credentials; it returns
 * what the output schema describes, and nothing the schema does not name reaches the
 * caller.
 */
export interface EnvironmentAction<
  I extends z.ZodObject = z.ZodObject,
  O extends z.ZodObject = z.ZodObject,
> {
  /** kebab-case; the registry makes it `environments:<name>`. */
  name: string;
  title: string;
  /** What an assistant reads to decide when to call it and what to tell the user. */
  description: string;
  attributes: { readOnly: boolean; destructive: boolean; idempotent: boolean };
  input: I;
  output: O;
  examples: Array<{
    title: string;
    description?: string;
    input: z.input<I>;
    output?: z.input<O>;
  }>;
  run(
    input: z.output<I>,
    context: { credentials: BackstageCredentials },
  ): Promise<z.input<O>>;
}

/** Declares an action with its types checked against its schemas. */
export function defineAction<I extends z.ZodObject, O extends z.ZodObject>(
  action: EnvironmentAction<I, O>,
): EnvironmentAction<I, O> {
  return action;
}

/**
 * Reads an action's input with its v4 schema. A refusal names the field and the rule
 * (`name: must be a DNS label …`), as the REST API's 400s do.
 */
export function parseActionInput<I extends z.ZodObject>(
  action: Pick<EnvironmentAction<I>, 'input'>,
  input: unknown,
): z.output<I> {
  const parsed = action.input.safeParse(input ?? {});
  if (!parsed.success) throw new InputError(describeIssues(parsed.error));
  return parsed.data;
}

/**
 * The registry's schema for an action: the v4 schema's JSON Schema rebuilt in v3, so the
 * tool list shows every field, rule and description. It never refuses: the registry's
 * own refusal names no field (`Invalid input to action …`), so the v4 schema decides.
 */
function registrySchema(schema: z.ZodObject, io: 'input' | 'output') {
  const json = z.toJSONSchema(schema, {
    io,
    reused: 'inline',
    unrepresentable: 'any',
  }) as JsonSchemaNode;
  return (v3: typeof zod3) =>
    zod3FromJsonSchema(v3, json).catch(
      // Whatever arrived goes on unchanged to the v4 schema, which names the field.
      ({ input }: { input: unknown }) => input,
    ) as unknown as Zod3Object;
}

/** Registers an action: validated as above, run as the caller. */
export function registerAction(
  registry: ActionsRegistryService,
  action: EnvironmentAction<any, any>,
): void {
  const options: ActionsRegistryActionOptions<Zod3Object, Zod3Object> = {
    name: action.name,
    title: action.title,
    description: action.description,
    attributes: action.attributes,
    examples: action.examples,
    schema: {
      input: registrySchema(action.input, 'input'),
      output: registrySchema(action.output, 'output'),
    },
    async action({ input, credentials }) {
      const result = await action.run(parseActionInput(action, input), {
        credentials,
      });
      // v4 objects drop keys their schema does not name: only described fields go out.
      return { output: action.output.parse(result) };
    },
  };
  registry.register(options);
}
