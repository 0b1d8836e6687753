export { attachWebSocketHub, type WebSocketHub, type WebSocketHubOptions } from './server.js';
export { CLOSE_CODES, type PushMessage } from './protocol.js';
