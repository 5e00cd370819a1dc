// What other contexts (and the CLI) may use of the 危大工程 expert review: record types and readers.
export type { DwProject, Expert, Review, Scheme } from './schemereview.collections';
export { findReview, reviewsOfPit } from './review.repository';
export { dwProjectNames, findDwProject } from './project.repository';
