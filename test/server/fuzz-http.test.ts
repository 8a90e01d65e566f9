import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src-server/listen';
import type { RateLimits } from '../../src-server/config';
import { HTTP_ROUTES, type HttpRouteName } from '../../src-shared/contracts/http';
import { contractHints, knownIds } from '../support/fuzz-hints';
import {
  AUTH_ROUTES,
  POST_ROUTES,
  ROUTES_WITH_PARAMS,
  ROUTE_NAMES,
  answerProblems,
  contractRequest,
  describeRequest,
} from '../support/fuzz-http';
import { fuzzParams } from '../support/fuzz-settings';
import {
  PLAINLY_WRONG_INPUTS,
  garbageAuthorization,
  garbageValue,
  hostilePathSegment,
  malformedJsonText,
  malformedPercentSegment,
  wrongContentEncoding,
  wrongContentType,
} from '../support/fuzz-values';
import { rawRequest, type RawRequest, type RawResponse } from '../support/raw-http';
import { oneFieldBroken, validShaped, type FieldHints } from '../support/zod-arbitrary';
import { describeEachDatabase } from './databases';
import { login, testConfig } from './helpers';

/**
 * Property-based fuzzing of every route of the HTTP contract: inputs derived from each route's schema
 * with one field broken, garbage bodies, hostile path segments and headers, every kind of caller. Each
 * answer must be 2xx or a 4xx with the contract's Chinese `{ error }`; never a 5xx or a stack trace.
 * Run counts, not time, bound it; a failure prints the seed that replays it (test/support/fuzz-settings.ts).
 */

/** Runs per property, chosen so that the file takes well under a minute per database on a 2-core machine. */
const RUNS = {
  perRoute: 25,
  /** Login hashes every password it is given, and a fuzzed logout that succeeds means a new login. */
  slowRoutes: { login: 10, logout: 10 } as Partial<Record<HttpRouteName, number>>,
  unauthenticated: 80,
  pathSegments: 120,
  malformedPercent: 30,
  rawBodies: 150,
  rawQueries: 80,
  unknownRoutes: 60,
};

/** No limits in the way: a 429 would answer before the code under test runs. */
const UNLIMITED: RateLimits = {
  login: { max: 1_000_000, windowSeconds: 60 },
  captcha: { max: 1_000_000, windowSeconds: 60 },
  sms: { max: 1_000_000, windowSeconds: 60 },
  flows: { max: 1_000_000, windowSeconds: 60 },
};

const ACCOUNTS = {
  unitadmin: 'Unit@2026',
  deptadmin: 'Dept@2026',
  cqadmin: 'Admin@2026',
  newuser: 'User@2026',
} as const;
type Account = keyof typeof ACCOUNTS;

/** Who calls: nobody, someone with a garbage Authorization header, or a signed-in demo account. */
type Caller =
  { kind: 'anonymous' } | { kind: 'garbage'; header: string } | { kind: 'signedIn'; account: Account };

const callerArb: fc.Arbitrary<Caller> = fc.oneof(
  fc.constant({ kind: 'anonymous' as const }),
  garbageAuthorization.map((header) => ({ kind: 'garbage' as const, header })),
  fc
    .constantFrom(...(Object.keys(ACCOUNTS) as Account[]))
    .map((account) => ({ kind: 'signedIn' as const, account })),
  fc
    .constantFrom(...(Object.keys(ACCOUNTS) as Account[]))
    .map((account) => ({ kind: 'signedIn' as const, account })),
);

describeEachDatabase('fuzz: every route of the HTTP contract', (fresh) => {
  let server: RunningServer;
  let hints: FieldHints;
  const tokens = new Map<Account, string>();

  beforeAll(async () => {
    server = await startServer(testConfig(await fresh(), { rateLimits: UNLIMITED }));
    hints = contractHints(await knownIds(server.platform.db));
    for (const [account, password] of Object.entries(ACCOUNTS) as Array<[Account, string]>)
      tokens.set(account, await login(server.url, account, password));
  });
  afterAll(async () => {
    await server?.close();
  });

  const authorizationOf = (caller: Caller): string | undefined =>
    caller.kind === 'anonymous'
      ? undefined
      : caller.kind === 'garbage'
        ? caller.header
        : `Bearer ${tokens.get(caller.account)}`;

  /** Sends a request and fails the run with every problem of its answer. */
  async function sendAndJudge(
    request: RawRequest,
    caller: Caller = { kind: 'anonymous' },
  ): Promise<RawResponse> {
    const res = await rawRequest(server.url, request);
    expect(answerProblems(res), describeRequest(request)).toEqual([]);
    // A fuzzed logout that went through ended the session the next runs rely on.
    if (caller.kind === 'signedIn' && request.path === HTTP_ROUTES.logout.path && res.status === 200)
      tokens.set(caller.account, await login(server.url, caller.account, ACCOUNTS[caller.account]));
    return res;
  }

  it.each(ROUTE_NAMES)(
    '%s: schema-shaped inputs with one field broken, from every kind of caller',
    async (name) => {
      const route = HTTP_ROUTES[name];
      const input = fc.oneof(
        { arbitrary: oneFieldBroken(route.request, hints), weight: 4 },
        { arbitrary: validShaped(route.request, hints), weight: 1 },
        { arbitrary: garbageValue, weight: 1 },
      );
      await fc.assert(
        fc.asyncProperty(input, callerArb, async (value, caller) => {
          await sendAndJudge(contractRequest(route, value, authorizationOf(caller)), caller);
        }),
        fuzzParams(RUNS.slowRoutes[name] ?? RUNS.perRoute),
      );
    },
  );

  it.each(ROUTE_NAMES)('%s: plainly wrong inputs are refused in Chinese', async (name) => {
    const route = HTTP_ROUTES[name];
    let refused = 0;
    for (const input of PLAINLY_WRONG_INPUTS)
      for (const caller of [{ kind: 'anonymous' }, { kind: 'signedIn', account: 'unitadmin' }] as const) {
        const res = await sendAndJudge(contractRequest(route, input, authorizationOf(caller)), caller);
        if (res.status >= 400) refused += 1;
      }
    expect(refused, `${name} refused none of the plainly wrong inputs`).toBeGreaterThan(0);
  });

  it('routes that need a session answer 401 with a Chinese message to no or a garbage bearer token', async () => {
    const route = fc
      .constantFrom(...AUTH_ROUTES)
      .chain((name) => validShaped(HTTP_ROUTES[name].request, hints).map((input) => ({ name, input })));
    await fc.assert(
      fc.asyncProperty(
        route,
        fc.option(garbageAuthorization, { nil: undefined }),
        async ({ name, input }, header) => {
          const request = contractRequest(HTTP_ROUTES[name], input, header);
          const res = await sendAndJudge(request);
          expect(res.status, describeRequest(request)).toBe(401);
          expect(JSON.parse(res.text)).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
        },
      ),
      fuzzParams(RUNS.unauthenticated),
    );
  });

  /** Routes with `:name` segments, each segment replaced by what `segment` makes. */
  function segmentRequests(segment: fc.Arbitrary<string>) {
    return fc.constantFrom(...ROUTES_WITH_PARAMS).chain((name: HttpRouteName) => {
      const route = HTTP_ROUTES[name];
      const keys = [...route.path.matchAll(/:(\w+)/g)].map((match) => match[1] as string);
      return fc
        .tuple(
          validShaped(route.request, hints),
          fc.tuple(
            ...keys.map((key) => fc.tuple(fc.constant(key), fc.option(segment, { nil: undefined, freq: 4 }))),
          ),
          callerArb,
        )
        .map(([input, segments, caller]) => {
          const raw = Object.fromEntries(
            segments.filter((pair): pair is [string, string] => pair[1] !== undefined),
          );
          return { request: contractRequest(route, input, authorizationOf(caller), raw), caller };
        });
    });
  }

  it('path parameters with ../, %00, overlong ids and odd unicode answer 4xx, never 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(segmentRequests(hostilePathSegment), async ({ request, caller }) => {
        await sendAndJudge(request, caller);
      }),
      fuzzParams(RUNS.pathSegments),
    );
  });

  // Fails until the HTTP layer's fix for undecodable path parameters (another branch) is merged:
  // Express answers GET /api/applications/%zz with a URIError, which becomes a 500.
  it('path parameters with malformed percent-encoding answer 4xx, never 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(segmentRequests(malformedPercentSegment), async ({ request, caller }) => {
        await sendAndJudge(request, caller);
      }),
      fuzzParams(RUNS.malformedPercent),
    );
  });

  it('bodies that are not JSON, nested deeply, or of a wrong content type or encoding answer 4xx', async () => {
    const body = fc.oneof(
      malformedJsonText,
      garbageValue.map((value) => JSON.stringify(value) ?? ''),
      fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...POST_ROUTES),
        body,
        fc.oneof(fc.constant('application/json' as string | undefined), wrongContentType),
        wrongContentEncoding,
        callerArb,
        async (name, text, contentType, encoding, caller) => {
          const authorization = authorizationOf(caller);
          const request: RawRequest = {
            method: 'POST',
            path: HTTP_ROUTES[name].path.replace(/:\w+/g, 'fuzz-id'),
            headers: {
              ...(authorization === undefined ? {} : { authorization }),
              ...(contentType === undefined ? {} : { 'content-type': contentType }),
              ...(encoding === undefined ? {} : { 'content-encoding': encoding }),
            },
            body: text,
          };
          await sendAndJudge(request, caller);
        },
      ),
      fuzzParams(RUNS.rawBodies),
    );
  });

  it('query strings of repeated, empty, odd or malformed parameters answer 4xx, never 5xx', async () => {
    const GET_ROUTES = ROUTE_NAMES.filter((name) => HTTP_ROUTES[name].method === 'GET');
    const queryPart = fc.oneof(
      fc.string({ unit: fc.constantFrom(...'abc=&%;+[]._-0129zZ'.split('')), maxLength: 30 }),
      malformedPercentSegment.map((segment) => `status=${segment}`),
      fc.constantFrom(
        'status[]=all',
        'status=all&status=pending',
        'limit=1e999',
        'limit=-1',
        'cursor=' + 'x'.repeat(9000),
        '__proto__[x]=1',
        'query=%00',
      ),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...GET_ROUTES),
        fc.array(queryPart, { minLength: 1, maxLength: 4 }),
        callerArb,
        async (name, parts, caller) => {
          const authorization = authorizationOf(caller);
          const request: RawRequest = {
            method: 'GET',
            path: `${HTTP_ROUTES[name].path.replace(/:\w+/g, 'fuzz-id')}?${parts.join('&')}`,
            headers: authorization === undefined ? {} : { authorization },
          };
          await sendAndJudge(request, caller);
        },
      ),
      fuzzParams(RUNS.rawQueries),
    );
  });

  it('unknown paths and methods answer 404 JSON in Chinese', async () => {
    const path = fc.oneof(
      fc
        .constantFrom(...ROUTE_NAMES)
        .chain((name) =>
          hostilePathSegment.map((segment) => `${HTTP_ROUTES[name].path.replace(/:\w+/g, 'x')}/${segment}`),
        ),
      hostilePathSegment.map((segment) => `/api/${segment}`),
      fc.constantFrom(
        '/',
        '/api',
        '/api/',
        '//api/info',
        '/API/INFO',
        '/api/info/',
        '/.env',
        '/api/%2e%2e/%2e%2e/etc/passwd',
      ),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'),
        path,
        callerArb,
        async (method, target, caller) => {
          const authorization = authorizationOf(caller);
          await sendAndJudge(
            { method, path: target, headers: authorization === undefined ? {} : { authorization } },
            caller,
          );
        },
      ),
      fuzzParams(RUNS.unknownRoutes),
    );
  });

  // Fails until the upload fix (another branch): the server may close the connection while the client
  // is still sending, and the client sees EPIPE instead of the 413.
  it('an oversized body answers 413 with a Chinese message', async () => {
    const oversized = (bytes: number) => JSON.stringify({ identifier: 'x'.repeat(bytes), password: 'x' });
    const tooLarge = await sendAndJudge({
      method: 'POST',
      path: HTTP_ROUTES.login.path,
      headers: { 'content-type': 'application/json' },
      body: oversized(2 * 1024 * 1024),
    });
    expect(tooLarge.status).toBe(413);
    const upload = await sendAndJudge(
      {
        method: 'POST',
        path: HTTP_ROUTES.uploadLicence.path,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.get('newuser')}` },
        body: JSON.stringify({ fileName: 'licence.pdf', contentBase64: 'A'.repeat(15 * 1024 * 1024) }),
      },
      { kind: 'signedIn', account: 'newuser' },
    );
    expect(upload.status).toBe(413);
  });

  // Fails until the header limit fix (another branch): Node answers 431 with an empty body.
  it('headers over 16 KB answer 4xx with a Chinese JSON message', async () => {
    const res = await sendAndJudge({
      method: 'GET',
      path: HTTP_ROUTES.me.path,
      headers: { authorization: `Bearer ${'A'.repeat(20 * 1024)}` },
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
  });
});
