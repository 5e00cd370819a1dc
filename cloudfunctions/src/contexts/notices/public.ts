// What other contexts may use of the regulators' notices.
export type { Notice } from './notice.collection';
export { findNotice } from './notice.repository';
