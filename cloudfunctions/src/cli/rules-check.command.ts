import { checkRule } from '@cityloop/shared/rules/rules-check';
import { runJsonCommand, type CliOutput } from './json-command';

export const RULES_CHECK_USAGE = `  rules check <request.json|->  recompute one regulatory decision (concrete strength and batch evaluation,
                               危大工程 classification, expert draw/admission, review outcome, fire agency
                               qualification, on-site presence, report check, acceptance cross-check);
                               '-' reads stdin; options: --pretty  indent the JSON result
`;

/**
 * `cityloop rules check`: one JSON request `{kind, ...}` in, one JSON decision out (docs/domain/concrete.md §4,
 * docs/domain/dangerous-works.md §4, docs/domain/fire-testing.md §4). Exit 0 with the decision; exit 2 with
 * `{"error": {code, message}}` and nothing else on stdout when the JSON or the request is invalid. No database.
 *
 * @example
 *   runRulesCheck('{"kind":"expert_admission","title":"高级","years":15}')
 *   // { exitCode: 0, stdout: '{"admissible":true,"reasons":[]}\n' }
 */
export const runRulesCheck = (text: string, options: { pretty?: boolean } = {}): CliOutput => runJsonCommand(text, checkRule, options);
