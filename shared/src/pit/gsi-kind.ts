/**
 * Whether a GSI file comes from a total station or a digital level (docs/domain/pit.md §3.1), by its word
 * indices: a total station writes Hz (WI 21), V (22) and slope distance (31); a level writes staff readings
 * (330–336) and station results (571–574). A word starts a line (after `*` in GSI-16) or follows a blank, so
 * the scan needs no tokenizing: the file is parsed once, by the reader it goes to. Neither kind (or a file
 * with both) goes to leveling, whose reader names what is missing.
 *
 * @example
 *   gsiKind('110002+00130021 21.102+19723700 22.102+10000000 31..00+00045179') // 'total_station'
 */
export const gsiKind = (text: string): 'total_station' | 'leveling' => {
  // a level's staff reading comes within the first lines, so a level file (the large ones) is told at once
  if (/(?:^|[\s*])(?:33[0-6]|57[1-4])[.\d]{3}[+-]/.test(text)) return 'leveling';
  return /(?:^|[\s*])(?:21|22|31)[.\d]{4}[+-]/.test(text) ? 'total_station' : 'leveling';
};
