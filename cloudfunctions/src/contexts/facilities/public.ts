// What other contexts may use of the facilities: the record type and its readers.
export type { Facility } from './facility.collection';
export { countFacilitiesInGrid, facilitiesOfGrid, facilitiesToPrint, facilityIdsInGrid, facilityPlaces, findActiveFacility, findFacility, isVisibleFacility, listFacilities, updateFacilityVersioned, visibleFacilityFilter, type FacilityPrintFilter, type PrintedFacility } from './facility.repository';
