/**
 * The scope a resource lives in. Every protected document stores one under `scope`,
 * so list filters can be built from the same rules as single reads.
 */
export type Scope = {
  cityId: string;
  townId?: string;
  gridId?: string;
  /** organisations responsible for it (units, companies, plants, agencies) */
  orgIds?: string[];
  projectId?: string;
  /** the citizen who created it (reports, complaints) */
  createdBy?: string;
  /** readable by anyone (facility pages, plaque pages) */
  public?: boolean;
  /**
   * A person (`person.phone.read`): where their role bindings apply — cities, towns as `city/town`, and projects
   * (identity/person-scope.ts builds them).
   */
  personCityIds?: string[];
  personTownKeys?: string[];
  personProjectIds?: string[];
  /** the experts sitting on a 危大工程 review (their user ids): they act on it while invited */
  expertUserIds?: string[];
};

export type Resource = { kind: string; scope: Scope };
