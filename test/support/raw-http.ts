import http from 'node:http';

/**
 * One HTTP request exactly as given: the path is sent byte for byte (no URL normalisation, so `../` and
 * broken percent-encoding reach the server as a client could send them), with any headers and body.
 */
export interface RawRequest {
  /** GET when left out. */
  method?: string;
  /** The request target, e.g. `/api/applications/%zz?x=1`: printable ASCII, sent as is. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Writes (and ends) the body itself, e.g. in pieces while the server may already have answered. */
  writeBody?: (req: http.ClientRequest) => void;
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

export function rawRequest(baseUrl: string, request: RawRequest): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  const body = request.body === undefined ? undefined : Buffer.from(request.body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: hostname,
        port,
        method: request.method ?? 'GET',
        path: request.path,
        agent,
        headers: {
          ...(body === undefined ? {} : { 'content-length': String(body.length) }),
          ...request.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (request.writeBody) request.writeBody(req);
    else req.end(body);
  });
}
