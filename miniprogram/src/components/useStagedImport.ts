import { useState } from 'react';
import { ApiError, errorMessage } from '../services/api';
import type { PickedBinaryFile } from '../services/adapters/pit-files';

export type StagedImportBody = { fileName: string; contentBase64: string; commit: boolean };
type Staged<P> = { problems: P[]; imported: number };

/**
 * A staged spreadsheet import page's state: the chosen file, the dry run (every problem by line and a preview,
 * nothing written), then the commit (every row or none). Problems come back on the refusal too (422 with
 * `problems`). `refusal`: a reason this person cannot import at all, checked before anything is sent.
 */
export function useStagedImport<P, R extends Staged<P>>(opts: { send: (body: StagedImportBody) => Promise<R>; refusal?: () => string | null; doneText: (imported: number) => string }) {
  const [file, setFile] = useState<PickedBinaryFile | null>(null);
  const [dry, setDry] = useState<R | null>(null);
  const [problems, setProblems] = useState<P[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const pick = (f: PickedBinaryFile | null) => {
    setFile(f);
    setDry(null);
    setProblems([]);
    setError(null);
    setDone(null);
  };

  const send = async (commit: boolean) => {
    if (!file || busy) return;
    const refused = opts.refusal?.() ?? null;
    if (refused) return setError(refused);
    setBusy(true);
    setError(null);
    try {
      const r = await opts.send({ fileName: file.name, contentBase64: await file.readBase64(), commit });
      setProblems(r.problems);
      if (commit) {
        setDone(opts.doneText(r.imported));
        setDry(null);
        setFile(null);
      } else setDry(r);
    } catch (e) {
      setError(errorMessage(e));
      setProblems(e instanceof ApiError ? ((e.data as { problems?: P[] } | undefined)?.problems ?? []) : []);
    } finally {
      setBusy(false);
    }
  };

  return {
    file,
    dry,
    problems,
    error,
    setError,
    done,
    busy,
    pick,
    check: () => void send(false),
    commit: () => void send(true),
    /** the dry run passed: the commit button may be pressed */
    canCommit: !!dry && dry.problems.length === 0,
  };
}
