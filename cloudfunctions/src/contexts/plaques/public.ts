// What other contexts may use of the shops and their complaints: record types and readers.
export type { PlaqueComplaint, Shop } from './plaque.collections';
export { findShopPlace, findVisibleShop, listShopsForOverview, shopPlaces, shopsToPrint, visibleShopFilter, type ShopPrintFilter } from './shop.repository';
export { listLiveComplaints } from './complaint.repository';
