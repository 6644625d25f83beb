import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs; secrets (passwords, connection strings, auth headers) are redacted. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'berceau' },
    redact: {
      paths: [
        'password',
        '*.password',
        'databaseUrl',
        '*.databaseUrl',
        'req.headers.authorization',
      ],
      censor: '***',
    },
  });
}
