/** Structured JSON logs (one line each) carrying the request id, for CLS on SCF. */
type Level = 'debug' | 'info' | 'warn' | 'error';
export type Logger = { [L in Level]: (msg: string, fields?: Record<string, unknown>) => void } & {
  child: (fields: Record<string, unknown>) => Logger;
};

const quiet = () => process.env.CITYLOOP_LOG === 'silent';

export function createLogger(base: Record<string, unknown> = {}): Logger {
  const emit = (level: Level) => (msg: string, fields: Record<string, unknown> = {}) => {
    if (quiet() && level !== 'error') return;
    const line = JSON.stringify({ time: new Date().toISOString(), level, msg, ...base, ...fields });
    (level === 'error' || level === 'warn' ? process.stderr : process.stdout).write(line + '\n');
  };
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error'), child: (f) => createLogger({ ...base, ...f }) };
}

export const rootLogger = createLogger();
