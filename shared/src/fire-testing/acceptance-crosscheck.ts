import * as z from 'zod';
import { parseRules } from '../rules/rules-request';

const verdicts = z.record(z.string(), z.enum(['合格', '不合格']));

export const acceptanceCrosscheckRequestSchema = z.object({ testReport: verdicts, acceptance: verdicts });
export type AcceptanceCrosscheckResult = { conflictingItems: string[]; suspectedFalseReport: boolean };

/**
 * Compares 消防验收 results with the agency's test report item by item (住建部令第51号 art. 13, 应急管理部令第7号
 * art. 18(二), 消防法 art. 69; docs/domain/fire-testing.md §5): an item that fails acceptance but passed the test
 * is a conflict, and any conflict makes the report a suspected false report. Items in the acceptance's order.
 *
 * @example
 *   acceptanceCrosscheck({ testReport: { 自动喷水灭火系统: '合格' }, acceptance: { 自动喷水灭火系统: '不合格' } })
 *   // { conflictingItems: ['自动喷水灭火系统'], suspectedFalseReport: true }
 */
export function acceptanceCrosscheck(input: unknown): AcceptanceCrosscheckResult {
  const req = parseRules(acceptanceCrosscheckRequestSchema, input);
  const conflictingItems = Object.entries(req.acceptance)
    .filter(([item, v]) => v === '不合格' && Object.hasOwn(req.testReport, item) && req.testReport[item] === '合格')
    .map(([item]) => item);
  return { conflictingItems, suspectedFalseReport: conflictingItems.length > 0 };
}
