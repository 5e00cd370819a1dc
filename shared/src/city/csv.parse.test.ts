import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCsv } from './csv.parse';

test('RFC 4180: quotes, doubled quotes, embedded commas and line breaks, any line end, BOM', () => {
  const table: [string, { line: number; cells: string[] }[]][] = [
    ['a,b\nc,d', [{ line: 1, cells: ['a', 'b'] }, { line: 2, cells: ['c', 'd'] }]],
    ['\ufeffa,b\r\nc,d\r\n', [{ line: 1, cells: ['a', 'b'] }, { line: 2, cells: ['c', 'd'] }]],
    ['a\rb\r', [{ line: 1, cells: ['a'] }, { line: 2, cells: ['b'] }]],
    ['"x, y","say ""hi"""', [{ line: 1, cells: ['x, y', 'say "hi"'] }]],
    ['"two\nlines",z\nnext,1', [{ line: 1, cells: ['two\nlines', 'z'] }, { line: 3, cells: ['next', '1'] }]],
    ['"two\r\nlines",z\r\nnext,1', [{ line: 1, cells: ['two\r\nlines', 'z'] }, { line: 3, cells: ['next', '1'] }]],
    ['a,,c\n,\n', [{ line: 1, cells: ['a', '', 'c'] }, { line: 2, cells: ['', ''] }]],
    ['a\n\n\nb', [{ line: 1, cells: ['a'] }, { line: 4, cells: ['b'] }]],
    ['中文,"井盖 ""破损"""', [{ line: 1, cells: ['中文', '井盖 "破损"'] }]],
    ['', []],
    ['"unterminated,x', [{ line: 1, cells: ['unterminated,x'] }]],
  ];
  for (const [text, rows] of table) assert.deepEqual(parseCsv(text), rows, JSON.stringify(text));
});
