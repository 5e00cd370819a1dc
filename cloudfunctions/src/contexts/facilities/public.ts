// What other contexts may use of the facilities: the record type and its readers.
export type { Facility } from './facility.collection';
export { countFacilitiesInGrid, facilityIdsInGrid, facilityPlaces, findActiveFacility, isVisibleFacility, visibleFacilityFilter } from './facility.repository';
