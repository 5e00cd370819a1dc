export type StandinService = 'wechat' | 'sms' | 'cos' | 'iai';

/** One accepted or rejected call, as the stand-in saw it. */
export type StandinLogEntry = {
  at: string;
  service: StandinService;
  kind: string;
  ok: boolean;
  /** openid, E.164 phone number or object key */
  to?: string;
  payload: unknown;
  error?: string;
};

export type StandinLog = {
  entries: StandinLogEntry[];
  record(entry: Omit<StandinLogEntry, 'at'>): void;
};

/** The in-memory log the three stand-ins share (also served at GET /__log on the WeChat stand-in). */
export function createStandinLog(now: () => number): StandinLog {
  const entries: StandinLogEntry[] = [];
  return {
    entries,
    record: (entry) => void entries.push({ at: new Date(now()).toISOString(), ...entry }),
  };
}
