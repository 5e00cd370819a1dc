import { useState } from 'react';
import { ErrorText } from './Page';
import { runWrite } from './useFormSubmit';

/** A form's own refusal (Chinese), shown as written — any other unexpected error shows the generic message. */
export class FormError extends Error {}

/**
 * One write at a time from a card's button: `busy` while it runs, the server's Chinese refusal (or a thrown
 * `FormError`'s) under the button (`<act.Error id=… />`), `fail` to show a check's refusal without running.
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (f: () => Promise<unknown>) => {
    if (busy) return;
    await runWrite(true, { setBusy: (on) => setBusy(!!on), setError }, async () => void (await f()), (e) => {
      if (e instanceof FormError) setError(e.message);
    });
  };
  return { busy, error, run, fail: setError, Error: ({ id }: { id?: string }) => <ErrorText id={id} message={error} /> };
}
