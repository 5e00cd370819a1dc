import type { PitSetupView } from '../../../../services/pit/onboard-api';

/** What every setup section gets: the project as the server last answered, and where to put the next answer. */
export type SectionProps = { view: PitSetupView; onSaved: (v: PitSetupView) => void; editable: boolean };
