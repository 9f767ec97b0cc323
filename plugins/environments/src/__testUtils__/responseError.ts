import { ResponseError } from '@backstage/errors';

/**
 * A ResponseError as the common package's client throws it: the server's message
 * appended to the status line.
 */
export async function responseError(
  status: number,
  message: string,
): Promise<ResponseError> {
  const error = await ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: status === 403 ? 'NotAllowedError' : 'Error', message },
        request: { method: 'POST', url: '/api/environments' },
        response: { statusCode: status },
      }),
      {
        status,
        statusText: status === 403 ? 'Forbidden' : 'Error',
        headers: { 'Content-Type': 'application/json' },
      },
    ) as any,
  );
  error.message = `${error.message}: ${message}`;
  return error;
}
