import { mockCredentials } from '@backstage/backend-test-utils';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { Server } from 'node:http';

/** What a tool call answered: its structured output, or the error text an assistant reads. */
export type ToolAnswer =
  | { ok: true; output: any; text: string }
  | { ok: false; error: string };

/**
 * A real MCP client on the portal's MCP endpoint, signed in as `userRef`. Every answer it
 * gets is kept in `transcript`, so a test can search all of them (for a password).
 */
export async function connectMcp(server: Server, userRef: string) {
  const { port } = server.address() as { port: number };
  const client = new Client({ name: 'paved-test-assistant', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(
      new URL(`http://localhost:${port}/api/mcp-actions/v1`),
      {
        requestInit: {
          headers: { Authorization: mockCredentials.user.header(userRef) },
        },
      },
    ),
  );
  const transcript: string[] = [];
  return {
    client,
    transcript,
    async call(name: string, args: object): Promise<ToolAnswer> {
      const result = await client.callTool({
        name: `environments.${name}`,
        arguments: args as Record<string, unknown>,
      });
      transcript.push(JSON.stringify(result));
      const text = (result.content as Array<{ text: string }>)
        .map(c => c.text)
        .join('\n');
      return result.isError
        ? { ok: false, error: text }
        : { ok: true, output: result.structuredContent, text };
    },
    /** The output of a call that must succeed; its error otherwise. */
    async expectOutput(name: string, args: object): Promise<any> {
      const answer = await this.call(name, args);
      if (!answer.ok) throw new Error(`${name} failed: ${answer.error}`);
      return answer.output;
    },
    close: () => client.close(),
  };
}

export type McpSession = Awaited<ReturnType<typeof connectMcp>>;
