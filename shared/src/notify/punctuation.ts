/**
 * Messages are put together from pieces people typed (a report's description, a note) and fixed wording that
 * ends its own sentences, so "…有响声。" + "。" would read "。。" (issue 17 §9). Every message is tidied here, once,
 * where it is built (messagesFor), not in each template.
 */
const MARKS = '。！？；，、：';
const STRONG = '。！？';

/**
 * A run of Chinese punctuation marks collapsed to one: the sentence end (。！？) if the run has one, else the first.
 * @example tidyPunctuation('井盖松动。。说明：已修好。，') // '井盖松动。说明：已修好。'
 */
export function tidyPunctuation(text: string): string {
  return text.replace(new RegExp(`[${MARKS}]{2,}`, 'g'), (run) => [...run].find((c) => STRONG.includes(c)) ?? run[0]);
}

/**
 * SMS parameters fitted to their template: a parameter that the template follows with a mark (`{2}。`, `{2}，`)
 * or with nothing (the template's end) loses its own trailing marks, so the SMS never reads "。。" or "。，".
 */
export function tidySmsParams(content: string, params: readonly string[]): string[] {
  return params.map((p, i) => {
    const at = content.indexOf(`{${i + 1}}`);
    if (at < 0) return p;
    const next = content.charAt(at + `{${i + 1}}`.length);
    return next === '' || MARKS.includes(next) ? p.replace(new RegExp(`[${MARKS}\\s]+$`), '') : tidyPunctuation(p);
  });
}

/** An SMS as the phone shows it: the template with its parameters filled in (the stand-in fills it the same way). */
export function fillSmsTemplate(content: string, params: readonly string[]): string {
  return content.replace(/\{(\d+)\}/g, (_, n: string) => params[Number(n) - 1] ?? '');
}
