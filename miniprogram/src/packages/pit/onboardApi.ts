/** The onboarding API bound to the app's client (in the subpackage, like pitApi). */
import { api } from '../../services/client';
import { createOnboardApi } from '../../services/pit/onboard-api';

export const onboardApi = createOnboardApi(api);
