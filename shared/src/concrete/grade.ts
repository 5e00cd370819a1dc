import * as z from 'zod';

/** A strength grade as written on drawings: `C` then the characteristic strength in MPa (docs/domain/concrete.md §1). */
export const GRADE_PATTERN = /^C(\d{1,3}(?:\.\d)?)$/;

/**
 * The zod schema of a grade: exactly `C<number>` (capital C, no space, at most one decimal, > 0), parsed
 * to f_cu,k in integer tenths of a MPa. `c30`, `C 30` and `30` are refused rather than guessed.
 *
 * @example
 *   gradeSchema.parse('C30') // { grade: 'C30', fcukTenths: 300n }
 */
export const gradeSchema = z
  .string()
  .refine((s) => GRADE_PATTERN.test(s) && Number(GRADE_PATTERN.exec(s)![1]) > 0, {
    error: (iss) => `expected a grade C<number> such as 'C30', received ${JSON.stringify(iss.input)}`,
  })
  .transform((s) => {
    const [int, frac = '0'] = GRADE_PATTERN.exec(s)![1].split('.');
    return { grade: s, fcukTenths: BigInt(int) * 10n + BigInt(frac) };
  });

export type Grade = z.output<typeof gradeSchema>;

/** f_cu,k of C60 in tenths: from C60 up, the size factor and λ3 change (GB/T 50107-2010 §4.3.2, §5.2.2). */
export const C60_TENTHS = 600n;
/** f_cu,k of C20 in tenths: the σ0 method's minimum factor is 0.85 up to C20, 0.90 above (§5.1.2). */
export const C20_TENTHS = 200n;
