/**
 * `/ws` on the api's HTTP server (protocol.ts): authenticates the upgrade, enforces the per-user
 * socket limit, keeps sockets alive with pings, and feeds them from PostgreSQL (fanout.ts).
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { decodeJwt } from 'jose';
import type { Knex } from 'knex';
import type pg from 'pg';
import type { Registry } from 'prom-client';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Principal, VerifyToken } from '../auth/index.js';
import { HttpError } from '../http/problem.js';
import type { Logger } from '../logger.js';
import { knexFeed } from '../notifications/feed.js';
import { startNotificationListener } from '../notifications/listener.js';
import { BEARER_PROTOCOL, credentialsOf, pathOf } from './credentials.js';
import { createFanout } from './fanout.js';
import { watchSockets } from './heartbeat.js';
import { CLOSE_CODES, closeReason } from './protocol.js';
import { createSocketRegistry } from './registry.js';
import { Session } from './session.js';

export interface WebSocketHubOptions {
  server: Server;
  knex: Knex;
  logger: Logger;
  verifyToken: VerifyToken;
  /** The service database, for the LISTEN connection. */
  connection: string | pg.ClientConfig;
  heartbeatMs: number;
  maxSocketsPerUser: number;
  metrics?: Registry;
  path?: string;
}

export interface WebSocketHub {
  close(): Promise<void>;
}

const MAX_TIMER_MS = 2 ** 31 - 1;

export async function attachWebSocketHub(options: WebSocketHubOptions): Promise<WebSocketHub> {
  const logger = options.logger.child({ component: 'ws' });
  const path = options.path ?? '/ws';
  const registry = createSocketRegistry(options.maxSocketsPerUser);
  const feed = knexFeed(options.knex);
  const fail = (session: Session, error: unknown) => {
    logger.error('websocket catch-up failed', { user_id: session.userId, error: String(error) });
    session.socket.close(CLOSE_CODES.internalError, 'internal error; reconnect with last_id');
  };
  const fanout = createFanout({ knex: options.knex, logger, registry, onSessionFailed: fail });
  const listener = await startNotificationListener({
    connection: options.connection,
    logger,
    onNotification: (signal) => fanout.signal(signal),
    onReconnected: () => fanout.resyncAll(),
  });
  const stopWatching = watchSockets(registry, options.heartbeatMs, options.metrics);
  // The token is not a cookie, so a foreign page cannot ride on a user's session: no Origin check needed.
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096, handleProtocols: (offered) => (offered.has(BEARER_PROTOCOL) ? BEARER_PROTOCOL : false) });

  const close = (ws: WebSocket, code: number, reason: string) => ws.close(code, closeReason(reason));

  const refuse = (ws: WebSocket, code: number, reason: string) => {
    close(ws, code, reason);
    return null;
  };

  async function authenticate(ws: WebSocket, token: string | null): Promise<(Principal & { role: 'teacher' | 'operator' }) | null> {
    if (!token) return refuse(ws, CLOSE_CODES.policyViolation, 'a token is required: ?token=<JWT> or subprotocols "bearer, <JWT>"');
    let principal: Principal;
    try {
      principal = await options.verifyToken(token);
    } catch (error) {
      const ours = !(error instanceof HttpError) || error.status !== 401; // e.g. the JWKS could not be fetched
      return refuse(ws, ours ? CLOSE_CODES.internalError : CLOSE_CODES.policyViolation, error instanceof Error ? error.message : 'invalid token');
    }
    if (principal.role === 'service') return refuse(ws, CLOSE_CODES.policyViolation, 'the service role receives no notifications');
    return principal as Principal & { role: 'teacher' | 'operator' };
  }

  async function accept(ws: WebSocket, req: IncomingMessage): Promise<void> {
    ws.on('error', (error) => logger.debug('websocket error', { error: String(error) }));
    ws.on('message', () => {}); // client frames carry nothing (resume is the last_id parameter)
    const credentials = credentialsOf(req);
    const principal = await authenticate(ws, credentials.token);
    if (!principal || ws.readyState !== ws.OPEN) return;
    if (credentials.lastId === 'invalid') return close(ws, CLOSE_CODES.policyViolation, 'last_id must be a non-negative integer');
    const session = new Session(ws, principal, feed);
    if (!registry.tryAdd(session)) {
      return close(ws, CLOSE_CODES.tooManySockets, `at most ${options.maxSocketsPerUser} sockets per user; close one first`);
    }
    const expiry = expiryTimer(ws, credentials.token!);
    ws.on('close', () => {
      clearTimeout(expiry);
      registry.remove(session);
    });
    ws.on('pong', () => (session.alive = true));
    try {
      await session.start(typeof credentials.lastId === 'number' ? credentials.lastId : null);
    } catch (error) {
      fail(session, error);
    }
  }

  /** A socket does not outlive its token: closed 1008 when it expires, the client reconnects with a fresh one. */
  function expiryTimer(ws: WebSocket, token: string): NodeJS.Timeout | undefined {
    const exp = decodeJwt(token).exp;
    if (exp === undefined) return undefined;
    const timer = setTimeout(() => close(ws, CLOSE_CODES.policyViolation, 'the token has expired'), Math.min(MAX_TIMER_MS, Math.max(0, exp * 1000 - Date.now())));
    timer.unref();
    return timer;
  }

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const requested = pathOf(req);
    if (requested !== path && requested !== `${path}/`) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      accept(ws, req).catch((error: unknown) => {
        logger.error('websocket accept failed', { error: String(error) });
        close(ws, CLOSE_CODES.internalError, 'internal error');
      });
    });
  };
  options.server.on('upgrade', onUpgrade);

  return {
    async close() {
      options.server.off('upgrade', onUpgrade);
      stopWatching();
      await listener.close();
      await Promise.all([...wss.clients].map((ws) => goAway(ws)));
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

/** Asks the client to reconnect elsewhere; a peer that does not finish the close handshake is cut after 1 s. */
function goAway(ws: WebSocket): Promise<void> {
  if (ws.readyState === ws.CLOSED) return Promise.resolve();
  return new Promise((resolve) => {
    ws.once('close', () => resolve());
    setTimeout(() => ws.terminate(), 1000).unref();
    ws.close(CLOSE_CODES.goingAway, 'server shutting down');
  });
}
