/** The plaque API bound to the app's client (in the subpackage so the main package stays small; packages/shop uses it too). */
import { api } from '../../services/client';
import { createPlaqueApi } from '../../services/plaque/api';

export const plaqueApi = createPlaqueApi(api);
