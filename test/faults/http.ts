/** One HTTP answer; `status` 0 never occurs: a request that got no answer throws instead. */
export type HttpAnswer = { status: number; body: any };

/**
 * A JSON request that gives up after `timeoutMs`. A server killed while the request is in flight
 * makes it throw: the caller cannot know whether the write happened (an unacknowledged write).
 */
export async function httpJson(
  baseUrl: string,
  method: string,
  urlPath: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<HttpAnswer> {
  const response = await fetch(`${baseUrl}${urlPath}`, {
    method,
    headers: {
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
}

/** Like httpJson, but a status other than `expected` is an error naming the request. */
export async function httpExpect(baseUrl: string, method: string, urlPath: string, expected: number, options: Parameters<typeof httpJson>[3] = {}): Promise<any> {
  const answer = await httpJson(baseUrl, method, urlPath, options);
  if (answer.status !== expected) throw new Error(`${method} ${urlPath} answered ${answer.status}: ${JSON.stringify(answer.body)?.slice(0, 300)}`);
  return answer.body;
}
