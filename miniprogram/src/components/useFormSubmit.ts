import { useState } from 'react';
import { errorMessage, isConflict } from '../services/api';

/**
 * One write from a form: `busy` names it while it runs (for its button's spinner) and the form's error line is
 * cleared; a failure goes to the line, then to `onFailure`.
 */
export async function runWrite<K>(
  kind: K,
  state: { setBusy: (kind: K | null) => void; setError: (message: string | null) => void },
  write: () => Promise<void>,
  onFailure?: (e: unknown) => void,
): Promise<void> {
  state.setBusy(kind);
  state.setError(null);
  try {
    await write();
  } catch (e) {
    state.setError(errorMessage(e));
    onFailure?.(e);
  } finally {
    state.setBusy(null);
  }
}

/**
 * Sending a record page's forms. `busy` is the submit under way (null when none) and `formError` the line under
 * the form. `send(kind, write)` runs `write` (see `runWrite`); when it fails because the record moved on meanwhile
 * (`isConflict`, given `conflict`), `reload` shows the fresh record while the form keeps what was typed.
 * `edited(setField)` wraps a field's setter so that editing the field also clears the line.
 */
export function useFormSubmit<K extends string>(reload: () => Promise<void>, conflict: { anyConflict?: boolean } = {}) {
  const [busy, setBusy] = useState<K | null>(null);
  const [formError, setFormError] = useState<string | null>(null);

  const send = (kind: K, write: () => Promise<void>) =>
    runWrite(kind, { setBusy, setError: setFormError }, write, (e) => {
      if (isConflict(e, conflict)) void reload();
    });

  const edited =
    <T>(setField: (value: T) => void) =>
    (value: T) => {
      setField(value);
      setFormError(null);
    };

  return { busy, formError, setFormError, send, edited };
}
