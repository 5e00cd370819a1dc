// What other contexts may use of the case loop and the city directory it routes by.
export { CASES, SYSTEM_REPORTER, type CityCase } from './case.collection';
export { createCase, type NewCase } from './create-case';
export { findCase, listCases, listCasesForMetrics, listCaseSummaries, listCasesOf, listOpenCasesAt, listOverdueCases, OPEN_STATES, updateCaseVersioned, type OpenCaseSummary } from './case.repository';
export { allUnitContacts, citiesWithTowns, cityOfTown, countUsersWithRole, findOrgName, findRegion, gridAreaChief, orgsByIds, regionNames, routedUnitIds, townsOfCity, userIdsWithRole, type Org, type Region } from './directory.repository';
export { invalidateRoutingTables, routingTables } from './routing-tables';
export { caseNames, loadNames, type Names } from './names';
export { metricGroupsInScope } from './metric-groups';
export { replaceGridChief, type ChiefChange, type ChiefChanged } from './grid-chief';
export {
  cityRegions,
  deleteRoutingRow,
  findAnyRegion,
  findOrg,
  findRoutingRow,
  insertOrg,
  putRoutingRow,
  regionIdsTakenOutside,
  routingRowId,
  routingRowsOfTowns,
  unitsOfTowns,
  updateOrgVersioned,
  updateRegionVersioned,
  upsertGrids,
  versionOf,
  type RoutingRow,
  type StoredOrg,
  type StoredRegion,
} from './directory-admin.repository';
