/**
 * 辖区名录 (`GET /api/city/directory`): the query the route parses and the `data` it answers, which the
 * chief pages read (types only on the client: no zod there).
 */
import * as z from 'zod';

/** `townId` may be left out when the caller's roles name exactly one town. */
export const directoryQuery = z.object({ townId: z.string().min(1).max(60).optional() });

export interface DirectoryUnit {
  id: string;
  name: string;
  /** in the town's class → unit table (else one of the town's own units) */
  routed: boolean;
}

export interface DirectoryPatroller {
  id: string;
  name: string;
  companyId: string | null;
  company: string | null;
  thirdParty: boolean;
  gridIds: string[];
}

export interface Directory {
  town: { id: string; name: string };
  units: DirectoryUnit[];
  patrollers: DirectoryPatroller[];
  grids: { id: string; name: string }[];
}
