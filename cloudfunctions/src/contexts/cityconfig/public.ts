// What other contexts may use of the city's own data: its class table (with the SLA of each step) and its
// working calendar.
export { classTableOf, importClassTable, SEED_TABLE, type Changer } from './class-table';
export { cityCalendar, importCalendar } from './calendar';
export { CLASS_TABLES, CALENDARS } from './city-config.collections';
