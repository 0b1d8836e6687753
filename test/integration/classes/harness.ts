/**
 * The class-management API over real HTTP on a real PostgreSQL database of its own, plus helpers to
 * mint tokens for the principals the tests use. Not a test file (no `.test.ts`): imported by them.
 */
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Knex } from 'knex';
import { createAuthenticator, createTokenVerifier, gatewayFromConfig, signToken, type PrincipalRole } from '../../../src/auth/index.js';
import { createClassManagement, type ClassManagement } from '../../../src/classes/index.js';
import { loadConfig } from '../../../src/config.js';
import { createHttpApp } from '../../../src/http/app.js';
import { createOpenApiRegistry, createOpenApiRouter } from '../../../src/http/openapi.js';
import { createSilentLogger } from '../../../src/logger.js';
import { listenConnectionOf } from '../../../src/notifications/listener.js';
import { httpRequest, type HttpReply, type HttpRequestOptions, type Json } from '../../support/http.js';
import { createTestDatabase } from '../../support/infra.js';

export const OWNER = 'teacher-a';
export const OTHER_TEACHER = 'teacher-b';
export const OPERATOR = 'operator-1';
export const MATCHER = 'matcher-service';
/** What the gateway of `startClassApi({ trustedGateway: true })` sends as X-Gateway-Secret. */
export const GATEWAY_SECRET = 'gateway-secret-for-the-class-api-tests';

export type { Json } from '../../support/http.js';
export type Reply<T = Json> = HttpReply<T>;
export type RequestOptions = HttpRequestOptions;

export interface ClassApi {
  baseUrl: string;
  knex: Knex;
  management: ClassManagement;
  secret: string;
  token(sub: string, role?: PrincipalRole, options?: { ttlSeconds?: number; now?: Date; secret?: string }): Promise<string>;
  request<T = Json>(method: string, path: string, options?: RequestOptions): Promise<Reply<T>>;
  close(): Promise<void>;
}

/**
 * Roster caching is on, as in the service. `sameDatabaseAs` starts a second "process" on another API's
 * database and secret (for cross-process cache invalidation); it does not drop the database on close.
 */
export async function startClassApi(options: { trustedGateway?: boolean; sameDatabaseAs?: ClassApi } = {}): Promise<ClassApi> {
  const shared = options.sameDatabaseAs;
  const db = shared ? { knex: shared.knex, destroy: async () => {} } : await createTestDatabase(8);
  const secret = shared?.secret ?? randomBytes(32).toString('hex');
  const gateway = options.trustedGateway ? { TRUSTED_GATEWAY: 'true', GATEWAY_SECRET: GATEWAY_SECRET, GATEWAY_ROLE_HEADER: 'true' } : {};
  const config = loadConfig({ JWT_SECRET: secret, ...gateway });
  const auth = createAuthenticator({ verifyToken: createTokenVerifier({ secret }), gateway: gatewayFromConfig(config) });
  const logger = createSilentLogger();
  const management = await createClassManagement({ knex: db.knex, config, logger, auth, rosterCache: { connection: listenConnectionOf(db.knex) } });
  const registry = createOpenApiRegistry({ title: 'test', version: '0' });
  registry.register(management.prefix, management.routes);
  const app = createHttpApp({
    logger,
    routers: [
      { path: management.prefix, router: management.router },
      { path: '/', router: createOpenApiRouter(registry) },
    ],
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl,
    knex: db.knex,
    management,
    secret,
    token: (sub, role = 'teacher', o = {}) =>
      signToken({ secret: o.secret ?? secret, sub, role, ttlSeconds: o.ttlSeconds ?? 600, ...(o.now && { now: o.now }) }),
    request: (method, path, o = {}) => httpRequest(baseUrl, method, path, o),
    close: async () => {
      await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
      await management.close();
      await db.destroy();
    },
  };
}

/** Row fingerprints of every table class management writes: equal before and after ⇔ nothing changed. */
export async function fingerprint(knex: Knex): Promise<Record<string, string>> {
  const tables = ['classes', 'students', 'class_students', 'outbox'];
  const entries = await Promise.all(
    tables.map(async (table) => {
      const result = await knex.raw(`SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS digest FROM ${table} t`);
      return [table, (result.rows[0] as { digest: string }).digest] as const;
    }),
  );
  return Object.fromEntries(entries);
}

/** Small factories that go through the API (so events and rules apply as in production). */
export function factories(api: ClassApi) {
  let counter = 0;
  return {
    async createClass(token: string, body: Record<string, unknown> = {}) {
      const reply = await api.request('POST', '/v1/classes', { token, body: { name: `Class ${++counter}`, course_codes: ['SV2'], ...body } });
      if (reply.status !== 201) throw new Error(`createClass: ${reply.status} ${JSON.stringify(reply.body)}`);
      return reply.body as { id: string; name: string };
    },
    async createStudent(token: string, body: Record<string, unknown> = {}) {
      const n = ++counter;
      const reply = await api.request('POST', '/v1/classes/students', {
        token,
        body: { person_name: { first_name: `First${n}`, last_name: `Last${n}` }, email: `s${n}@school.se`, ...body },
      });
      if (reply.status !== 201) throw new Error(`createStudent: ${reply.status} ${JSON.stringify(reply.body)}`);
      return reply.body as { id: string; class_ids: string[] };
    },
  };
}

/** A batch row in the given state referring to a class (the batch feature owns the real writes). */
export async function insertBatch(knex: Knex, classId: string, state: string, ownerId = OWNER): Promise<string> {
  const id = crypto.randomUUID();
  await knex('batches').insert({
    id, machine_id: 'batch', machine_version: 1, state, snapshot: '{}', version: 1, owner_id: ownerId, class_id: classId, course_code: 'SV2',
  });
  return id;
}
