import winston from 'winston';

export type Logger = winston.Logger;

/** Fields every log line about an event should carry (ARCHITECTURE §6). */
export interface LogContext {
  batch_id?: string;
  event_id?: string;
  correlation_id?: string;
  [key: string]: unknown;
}

export function createLogger(level: string, defaultMeta: LogContext = {}): Logger {
  return winston.createLogger({
    level,
    defaultMeta,
    format: winston.format.combine(winston.format.timestamp(), winston.format.errors({ stack: true }), winston.format.json()),
    transports: [new winston.transports.Console({ stderrLevels: ['error', 'warn'] })],
  });
}

/** A logger that writes nothing: for tests and CLIs that print their own output. */
export function createSilentLogger(): Logger {
  return winston.createLogger({ silent: true, transports: [new winston.transports.Console({ silent: true })] });
}

export function withContext(logger: Logger, context: LogContext): Logger {
  return logger.child(context);
}
