import axios, { type AxiosInstance } from 'axios';
import {
  AppFailure,
  HTTP_ROUTES,
  httpErrorBodySchema,
  type HttpRequest,
  type HttpResponse,
  type HttpRouteName,
} from '../../../src-shared/contracts';

/**
 * The core's only way to the platform server. Requests and answers are checked against the HTTP
 * contract, and every failure becomes an AppFailure with a Chinese message the user can act on:
 * the server's own error when it sent one, otherwise "unreachable" or "server error".
 */
export class ServerClient {
  private readonly http: AxiosInstance;

  constructor(
    readonly baseUrl: string,
    options: { timeoutMs?: number } = {},
  ) {
    this.http = axios.create({
      baseURL: baseUrl,
      timeout: options.timeoutMs ?? 15_000,
      // Status handling is ours: a 4xx carries a contract error body to pass on.
      validateStatus: () => true,
      headers: { 'content-type': 'application/json' },
    });
  }

  async call<N extends HttpRouteName>(
    name: N,
    body: HttpRequest<N>,
    token?: string | null,
  ): Promise<HttpResponse<N>> {
    const route = HTTP_ROUTES[name];
    if (route.auth && !token) throw new AppFailure('UNAUTHENTICATED');
    let response;
    try {
      response = await this.http.request({
        method: route.method,
        url: route.path,
        data: route.method === 'GET' ? undefined : body,
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
    } catch {
      throw new AppFailure('SERVER_UNREACHABLE');
    }
    if (response.status >= 200 && response.status < 300) {
      const parsed = route.response.safeParse(response.data);
      if (!parsed.success)
        throw new AppFailure('SERVER_ERROR', '服务器返回的数据格式不正确,请确认服务器版本');
      return parsed.data as HttpResponse<N>;
    }
    const errorBody = httpErrorBodySchema.safeParse(response.data);
    if (errorBody.success) {
      const { code, message, fields } = errorBody.data.error;
      throw new AppFailure(code, message, fields);
    }
    throw new AppFailure('SERVER_ERROR');
  }
}
