/** The pit API bound to the app's client (kept in the subpackage so the main package stays small). */
import { api } from '../../services/client';
import { createPitApi } from '../../services/pit/api';

export const pitApi = createPitApi(api);
